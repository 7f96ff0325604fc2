package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.framefork.samples.output.SampleManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small clip as Debian's ffprobe sees it, held against the sidecar that claims to describe it. */
class SampleClipTest {
  @TempDir
  static Path dir;

  static Path clip;
  static SampleManifest manifest;

  @BeforeAll
  static void generate() throws Exception {
    IndependentDecoder.requireInstalled();
    clip = dir.resolve("small.mp4");
    assertEquals(0, SampleGenerator.run("-o", clip.toString(), "--width", "320", "--height", "240",
        "--duration", "2", "--scene-length", "0.7", "--seed", "7"));
    manifest = SampleManifest.read(SampleSpec.sidecarFor(clip));
  }

  @Test
  void videoIsH264InTheRequestedSizeWithEveryPlannedFrame() throws Exception {
    JsonNode video = IndependentDecoder.stream(clip, "video");
    assertNotNull(video, "no video stream");
    assertEquals("h264", video.get("codec_name").asText());
    assertEquals("yuv420p", video.get("pix_fmt").asText());
    assertEquals(320, video.get("width").asInt());
    assertEquals(240, video.get("height").asInt());
    assertEquals("30/1", video.get("r_frame_rate").asText());
    assertEquals(60, manifest.frameCount());
    assertEquals(manifest.frameCount(), IndependentDecoder.decodedFrameCount(clip));
  }

  @Test
  void audioIsStereoAacThatLastsAsLongAsTheVideo() throws Exception {
    JsonNode audio = IndependentDecoder.stream(clip, "audio");
    assertNotNull(audio, "no audio stream");
    assertEquals("aac", audio.get("codec_name").asText());
    assertEquals(48000, audio.get("sample_rate").asInt());
    assertEquals(2, audio.get("channels").asInt());
    double videoSeconds = IndependentDecoder.stream(clip, "video").get("duration").asDouble();
    double audioSeconds = audio.get("duration").asDouble();
    assertEquals(2.0, videoSeconds, 1e-6);
    assertEquals(videoSeconds, audioSeconds, 1.0 / 30, "audio and video durations differ by more than a frame");
    assertEquals(96_000, manifest.audio().samples());
  }

  @Test
  void cutsComeEverySceneLengthAndAreExactlyTheKeyframesWithinOneGop() throws Exception {
    // 0.7 s at 30 fps is 21 frames; a one-second GOP adds no keyframe of its own in 21 frames.
    assertEquals(List.of(21, 42), manifest.cuts());
    assertEquals(List.of(0, 21, 42), manifest.keyframes());
    assertEquals(manifest.keyframes(), IndependentDecoder.keyframes(clip));
  }

  @Test
  void gopAddsKeyframesCountedFromTheLastCut() throws Exception {
    Path gopClip = dir.resolve("gop.mkv");
    assertEquals(0, SampleGenerator.run("-o", gopClip.toString(), "--width", "160", "--height", "96",
        "--duration", "2", "--scene-length", "0.7", "--gop", "8", "--no-audio"));
    List<Integer> expected = List.of(0, 8, 16, 21, 29, 37, 42, 50, 58);
    assertEquals(expected, SampleManifest.read(SampleSpec.sidecarFor(gopClip)).keyframes());
    assertEquals(expected, IndependentDecoder.keyframes(gopClip));
    assertEquals(null, IndependentDecoder.stream(gopClip, "audio"), "--no-audio still wrote an audio stream");
  }

  @Test
  void fractionalRateKeepsItsExactRateAndAudioInStep() throws Exception {
    Path ntsc = dir.resolve("ntsc.mp4");
    assertEquals(0, SampleGenerator.run("-o", ntsc.toString(), "--width", "160", "--height", "96",
        "--fps", "29.97", "--duration", "1.5"));
    SampleManifest m = SampleManifest.read(SampleSpec.sidecarFor(ntsc));
    assertEquals("30000/1001", m.fps());
    assertEquals(45, m.frameCount());
    JsonNode video = IndependentDecoder.stream(ntsc, "video");
    assertEquals("30000/1001", video.get("r_frame_rate").asText());
    assertEquals(45, IndependentDecoder.decodedFrameCount(ntsc));
    double videoSeconds = video.get("duration").asDouble();
    assertEquals(45 * 1001 / 30000.0, videoSeconds, 1e-3);
    assertEquals(videoSeconds, IndependentDecoder.stream(ntsc, "audio").get("duration").asDouble(), 1001 / 30000.0);
  }

  @Test
  void sidecarSaysWhatMakingItAgainRepeats() {
    assertTrue(manifest.determinism().contains("same frames in any process"), manifest.determinism());
    assertTrue(manifest.determinism().contains("x86-64 CPU with SSSE3"), manifest.determinism());
    assertTrue(SampleManifest.determinism("libvpx-vp9").endsWith("is up to it."));
  }

  @Test
  void sidecarMarksTheFadeAndTheFastPanAsGradualChangesAwayFromCuts() {
    assertFalse(manifest.fades().isEmpty(), "no fade in a three-scene clip");
    assertFalse(manifest.fastPans().isEmpty(), "no fast pan in a three-scene clip");
    for (SampleManifest.Span fade : manifest.fades()) {
      SampleManifest.SceneEntry scene = manifest.scenes().get(fade.scene());
      assertTrue(scene.fade());
      assertTrue(fade.start() > scene.start() && fade.end() <= scene.start() + scene.frames(),
          "fade " + fade + " is not inside its scene");
    }
    for (SampleManifest.Span pan : manifest.fastPans()) {
      assertTrue(manifest.scenes().get(pan.scene()).fastPan());
      assertTrue(manifest.scenes().get(pan.scene()).panPixelsPerFrame() > 320 * 0.5 / 30);
    }
  }
}
