package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCommandTest {
  @TempDir Path dir;

  @Test
  void jsonHasTheFramesDebiansDecoderCountsAndAPlanThatCoversThem() throws IOException {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    CliRun run = CliRun.of("probe", in.toString(), "--json", "--workers", "2", "--chunk-seconds", "0.5");
    assertEquals(0, run.code(), run::toString);
    JsonNode doc = new ObjectMapper().readTree(run.out());

    long frames = DebianFfmpeg.decodedFrames(in);
    JsonNode video = doc.path("media").path("video");
    assertEquals(frames, video.path("frameCount").asLong());
    assertEquals(320, video.path("width").asInt());
    assertEquals("25/1", video.path("frameRate").asText());
    assertEquals(in.toString(), doc.path("media").path("path").asText());
    assertEquals("aac", doc.path("media").path("audio").path(0).path("codec").asText());
    assertFalse(doc.path("media").has("frames"), "the frame index stays out of the JSON");

    JsonNode plan = doc.path("plan");
    assertEquals(frames, plan.path("totalFrames").asLong());
    long covered = 0;
    int expectedFirst = 0;
    for (JsonNode c : plan.path("chunks")) {
      assertEquals(expectedFirst, c.path("firstFrame").asInt(), "chunks follow each other without gaps");
      expectedFirst += c.path("frames").asInt();
      covered += c.path("frames").asLong();
      assertTrue(c.path("startsOnKeyframe").asBoolean(), "keyframe chunks start on keyframes: " + c);
    }
    assertEquals(frames, covered);
    // Keyframes every second (-g 25) and a 0.5 s target: one chunk per keyframe interval.
    assertEquals(2, plan.path("chunks").size());
  }

  @Test
  void rotationIsSaidWithItsDirection() {
    Path rotated = dir.resolve("rotated.mp4");
    DebianFfmpeg.ffmpeg("-i", TestMedia.get(TestMedia.SINGLE_FRAME).toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90",
        rotated.toString());
    // ffprobe prints the display matrix's angle counterclockwise; probe says it clockwise.
    int counterclockwise = Integer.parseInt(DebianFfmpeg.probe(rotated, "v:0", "stream_side_data=rotation", false));
    int clockwise = Math.floorMod(-counterclockwise, 360);
    assertTrue(clockwise == 90 || clockwise == 270, "ffprobe said " + counterclockwise);
    CliRun run = CliRun.of("probe", rotated.toString());
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("shown turned " + clockwise + "° clockwise"), run.out());
    CliRun plain = CliRun.of("probe", TestMedia.get(TestMedia.SINGLE_FRAME).toString());
    assertTrue(plain.out().contains("not rotated"), plain.out());
  }

  @Test
  void aFileCutShortIsSaidSoByProbeAndEncode() throws IOException {
    Path whole = dir.resolve("whole.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", "-c:v", "libx264", "-preset",
        "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-movflags", "+faststart", whole.toString());
    long declared = Long.parseLong(DebianFfmpeg.probe(whole, "v:0", "stream=nb_frames", false));
    byte[] bytes = Files.readAllBytes(whole);
    // The header (at the front) still lists every frame; the data of the last two thirds is gone.
    Path cut = Files.write(dir.resolve("cut.mp4"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
    CliRun run = CliRun.of("probe", cut.toString());
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("cut short: the header declares " + declared + " frames"), run.out());
    CliRun intact = CliRun.of("probe", whole.toString());
    assertFalse(intact.out().contains("cut short"), intact.out());

    Path out = dir.resolve("cut.mkv");
    CliRun encode = CliRun.of("encode", cut.toString(), "-o", out.toString(), "--preset", "ultrafast");
    assertEquals(0, encode.code(), encode::toString);
    assertTrue(encode.out().contains("the source looks cut short: its header declares " + declared + " frames"), encode.out());
    long frames = DebianFfmpeg.decodedFrames(out);
    assertTrue(frames > 0 && frames < declared / 2, frames + " of " + declared);

    // Cut 200 bytes into the data, no frame decodes: the failure says why, and nothing is written.
    int data = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("mdat") + 4;
    Path stub = Files.write(dir.resolve("stub.mp4"), java.util.Arrays.copyOf(bytes, data + 200));
    Path none = dir.resolve("stub.mkv");
    CliRun failed = CliRun.of("encode", stub.toString(), "-o", none.toString());
    assertEquals(1, failed.code(), failed::toString);
    assertTrue(failed.err().contains("the source looks cut short: its header declares " + declared + " frames"),
        failed::toString);
    assertFalse(Files.exists(none));
  }

  /**
   * A file cut off inside a packet: probe and encode count the frames that decode, as Debian's
   * ffprobe does, the encode runs each chunk once, and its note says the number the output holds.
   */
  @Test
  void aFileCutInsideAPacketCountsTheFramesThatDecodeEverywhere() throws IOException {
    Path whole = dir.resolve("whole.mp4");
    Path cut = DebianFfmpeg.mp4CutInsideItsPacket100(whole, dir.resolve("cut.mp4"));
    long decodable = DebianFfmpeg.decodedFrames(cut);
    CliRun probe = CliRun.of("probe", cut.toString());
    assertTrue(probe.out().contains(", " + decodable + " frames, "), probe.out());
    assertTrue(probe.out().contains("cut short: the header declares 125 frames, the file holds " + decodable + " ("), probe.out());

    Path out = dir.resolve("cut-out.mp4");
    CliRun encode = CliRun.of("encode", cut.toString(), "-o", out.toString(), "--preset", "ultrafast", "-j", "2");
    assertEquals(0, encode.code(), encode::toString);
    String said = encode.out() + encode.err();
    assertFalse(said.contains("the plan has") || said.contains("trying again") || said.contains("retries"), said);
    assertTrue(encode.out().contains("the source looks cut short: its header declares 125 frames, the file holds " + decodable
        + " ("), encode.out());
    assertTrue(encode.out().contains("passed: " + decodable + " of " + decodable + " frames"), encode.out());
    assertEquals(decodable, DebianFfmpeg.decodedFrames(out));

    // Fragmented, the header declares no frames: the cut is told by the packet it ends inside.
    Path fragmented = dir.resolve("fragmented.mp4");
    DebianFfmpeg.ffmpeg("-i", whole.toString(), "-c", "copy", "-movflags", "frag_keyframe+empty_moov", fragmented.toString());
    Path fragCut = DebianFfmpeg.cutInsidePacket(fragmented, 100, dir.resolve("frag-cut.mp4"));
    long fragDecodable = DebianFfmpeg.packetsAndFrames(fragCut)[1];
    CliRun fragProbe = CliRun.of("probe", fragCut.toString(), "--json");
    JsonNode video = new ObjectMapper().readTree(fragProbe.out()).path("media").path("video");
    assertEquals(fragDecodable, video.path("frameCount").asLong(), fragProbe.out());
    assertEquals(100 - fragDecodable, video.path("cutFrames").asLong(), fragProbe.out());
    String fragText = CliRun.of("probe", fragCut.toString()).out();
    assertTrue(fragText.contains("cut short: its last frame is cut off, the file holds " + fragDecodable + " whole frames"),
        fragText);
  }

  /** A stream copy from -ss keeps the packets before its keyframe and hides them by an edit list: a trim, not a cut. */
  @Test
  void aStreamCopyTrimIsNotCutShort() throws IOException {
    Path whole = dir.resolve("bf.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=4", "-c:v", "libx264", "-preset",
        "ultrafast", "-bf", "2", "-g", "120", "-pix_fmt", "yuv420p", whole.toString());
    Path trimmed = dir.resolve("bf_edit.mp4");
    DebianFfmpeg.ffmpeg("-ss", "0.5", "-i", whole.toString(), "-c", "copy", trimmed.toString());
    long declared = Long.parseLong(DebianFfmpeg.probe(trimmed, "v:0", "stream=nb_frames", false));
    long frames = DebianFfmpeg.decodedFrames(trimmed);
    assertTrue(frames < declared - Math.max(2, declared / 10), "the edit list hides " + frames + " of " + declared);
    CliRun run = CliRun.of("probe", trimmed.toString(), "--json");
    assertEquals(0, run.code(), run::toString);
    assertEquals(frames, new ObjectMapper().readTree(run.out()).path("media").path("video").path("frameCount").asLong());
    CliRun text = CliRun.of("probe", trimmed.toString());
    assertFalse(text.out().contains("cut short"), text.out());
  }

  @Test
  void textShowsStreamsAndThePlan() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    CliRun run = CliRun.of("probe", in.toString(), "--split", "fixed", "--chunk-frames", "20");
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().contains("h264, 320x240, yuv420p, 25 fps (25/1), constant, 50 frames, 2 keyframes"), run.out());
    assertTrue(run.out().contains("aac, 48000 Hz, 1 channel"), run.out());
    assertTrue(run.out().contains("plan: 3 chunks fixed length"), run.out());
    assertTrue(run.out().contains("no (decodes from the keyframe before)"), "a fixed chunk at frame 20 is not on a keyframe");

    // --chunk-frames alone means fixed chunks, as encode reads it: the plan shown is the one encode would use.
    CliRun implied = CliRun.of("probe", in.toString(), "--chunk-frames", "20");
    assertEquals(0, implied.code(), implied::toString);
    assertTrue(implied.out().contains("plan: 3 chunks fixed length"), implied.out());
    CliRun contradictory = CliRun.of("probe", in.toString(), "--split", "keyframes", "--chunk-frames", "20");
    assertEquals(Main.EXIT_USAGE, contradictory.code(), contradictory::toString);
    // So is a chunk length for fixed chunks, which encode refuses too.
    CliRun lengthForFixed = CliRun.of("probe", in.toString(), "--split", "fixed", "--chunk-seconds", "5");
    assertEquals(Main.EXIT_USAGE, lengthForFixed.code(), lengthForFixed::toString);
    assertTrue(lengthForFixed.err().contains("--chunk-seconds sets the length of keyframe chunks"), lengthForFixed::toString);
  }

  @Test
  void chunkOptionsAreRefusedInEncodesWords() {
    Path in = TestMedia.get(TestMedia.SINGLE_FRAME);
    for (List<String> options : List.of(List.of("--chunk-seconds", "-1"), List.of("--chunk-frames", "0"),
        List.of("--split", "none", "--chunk-seconds", "2"), List.of("--split", "scene", "--chunk-frames", "9"))) {
      List<String> probe = new ArrayList<>(List.of("probe", in.toString()));
      probe.addAll(options);
      List<String> encode = new ArrayList<>(List.of("encode", in.toString(), "-o", dir.resolve("never.mp4").toString()));
      encode.addAll(options);
      String probed = CliRun.refused(dir, probe.toArray(String[]::new));
      assertEquals(CliRun.refused(dir, encode.toArray(String[]::new)), probed, options.toString());
      assertTrue(probed.startsWith("framefork: --chunk-"), probed);
    }
  }

  @Test
  void notAVideoIsOneLineAndExitOne() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.mp4"), "this is not a video");
    CliRun run = CliRun.of("probe", junk.toString());
    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);
    assertEquals(1, run.errLines().size(), run::toString);
    assertTrue(run.errLines().get(0).startsWith("framefork: " + junk + ": not a video"), run::toString);
  }

  @Test
  void anEmptyFileIsNotAVideoExitOneAsTheHelpSays() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    CliRun run = CliRun.of("probe", empty.toString());
    assertEquals(Main.EXIT_FAILED, run.code(), run::toString);
    assertEquals(List.of("framefork: " + empty + ": is empty (0 bytes); it holds no video; remove it, or put a complete "
        + "video file in its place"), run.errLines());
    CliRun help = CliRun.of("probe", "--help");
    assertTrue(help.out().contains("1    the input is not a video FrameFork can read"), help::toString);
  }

  @Test
  void aFolderOfVideosSaysToProbeOneOfThem() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("videos"));
    Path video = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), folder.resolve("a.mp4"));
    Files.copy(video, folder.resolve("b.mp4"));
    String line = CliRun.refused(dir, "probe", folder.toString());
    assertEquals("framefork: " + folder + ": the folder holds 2 video files and no images; probe takes one video at a time "
        + "(probe " + video + "), encode takes the folder", line);
  }

  @Test
  void aFolderWithAVideoAndAnImageIsAFolderOfVideosAsForEncode() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("mixed"));
    Path video = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), folder.resolve("a.mp4"));
    java.awt.image.BufferedImage cover = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
    assertTrue(javax.imageio.ImageIO.write(cover, "png", folder.resolve("cover.png").toFile()));
    assertTrue(InputExpander.holdsImages(folder), "the cover is an image");
    assertEquals(List.of(video), InputExpander.expand(List.of(folder.toString())), "encode takes the folder's video");
    String line = CliRun.refused(dir, "probe", folder.toString());
    assertEquals("framefork: " + folder + ": the folder holds 1 video file (so it is a folder of videos, not an image "
        + "sequence); probe takes one video at a time (probe " + video + "), encode takes the folder", line);
  }

  @Test
  void aFolderWithoutImagesIsAUsageErrorAsForEncode() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    String line = CliRun.refused(dir, "probe", empty.toString());
    assertTrue(line.startsWith("framefork: " + empty + ": the folder holds no video files (") && line.endsWith(
        ") and no images; nothing to encode"), line);
    assertEquals(line, CliRun.refused(dir, "encode", empty.toString()), "probe says what encode says");
  }

  @Test
  void sequenceOptionsOnAVideoAreRefused() {
    String line = CliRun.refused(dir, "probe", TestMedia.get(TestMedia.SINGLE_FRAME).toString(), "--fps", "25");
    assertTrue(line.endsWith(": --fps is for image sequences, not videos; drop it"), line);
  }

  @Test
  void missingFileIsAUsageError() {
    CliRun run = CliRun.of("probe", dir.resolve("nope.mkv").toString());
    assertEquals(Main.EXIT_USAGE, run.code(), run::toString);
    assertTrue(run.err().contains("nope.mkv: no such file"), run::toString);
  }

  @Test
  void hdrSourcesShowDepthFormatAndMetadataInTextAndJson() throws IOException {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    CliRun text = CliRun.of("probe", in.toString());
    assertEquals(0, text.code(), text::toString);
    assertTrue(text.out().contains("colour: 10-bit"), text.out());
    assertTrue(text.out().contains("HDR: HDR10"), text.out());
    assertTrue(text.out().contains("mastering display: R(0.6800,0.3200) G(0.2650,0.6900) B(0.1500,0.0600) WP(0.3127,0.3290) "
        + "L(1000.0000,0.0050)"), text.out());
    assertTrue(text.out().contains("content light: MaxCLL 1000 cd/m², MaxFALL 400 cd/m²"), text.out());
    CliRun json = CliRun.of("probe", in.toString(), "--json");
    JsonNode video = new ObjectMapper().readTree(json.out())
        .path("media").path("video");
    assertEquals(10, video.path("bitDepth").asInt(), json.out());
    assertEquals("HDR10", video.path("hdr").path("format").asText());
    assertEquals(1000, video.path("hdr").path("staticMetadata").path("contentLight").path("maxCll").asInt());
    assertEquals(0.005, video.path("hdr").path("staticMetadata").path("masteringDisplay").path("minLuminance").asDouble(), 1e-9);
  }
}
