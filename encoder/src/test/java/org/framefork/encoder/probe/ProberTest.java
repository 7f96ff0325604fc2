package org.framefork.encoder.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProberTest {
  @TempDir
  Path dir;

  /**
   * A stream ends where its last packet does: a WAV's last packet holds the 150 samples left over
   * (0.700 s at 44.1 kHz is 14 packets of 2048 and one of 150), not another 2048 (0.74 s). Debian's
   * ffprobe reads the length from the WAV header. Opus in Matroska, whose last packet's duration
   * FFmpeg may give in samples, stays within a packet of the container's length.
   */
  @Test
  void anAudioStreamEndsWithItsLastPacketsOwnSamples() {
    Path wav = dir.resolve("short.wav");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=0.7:sample_rate=44100", wav.toString());
    assertEquals("150", DebianFfmpeg.probe(wav, "a:0", "packet=duration", false).lines().reduce((a, b) -> b).orElseThrow());
    double wavSeconds = Double.parseDouble(DebianFfmpeg.probe(wav, "a:0", "stream=duration", false));
    assertEquals(0.7, wavSeconds, 1e-6);
    assertEquals(wavSeconds, Prober.probeAudio(wav).getFirst().durationSeconds(), 1e-4);

    Path mka = dir.resolve("short.mka");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=0.7:sample_rate=48000", "-c:a", "libopus", mka.toString());
    double mkaSeconds = Double.parseDouble(DebianFfmpeg.probe(mka, null, "format=duration", false));
    assertEquals(mkaSeconds, Prober.probeAudio(mka).getFirst().durationSeconds(), 0.021);
  }

  @Test
  void frameCountsAgreeWithDebianFfprobeForTheWholeCorpus() {
    for (TestMedia.Input in : TestMedia.CORPUS) {
      Path f = TestMedia.get(in);
      MediaInfo m = Prober.probe(f);
      assertEquals(DebianFfmpeg.decodedFrames(f), m.video().frameCount(), in.name());
      assertEquals(in.width(), m.video().width(), in.name());
      assertEquals(in.audio(), m.hasAudio(), in.name());
    }
  }

  @Test
  void keyframesAndTimesMatchThePacketsFfprobeSees() {
    Path f = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    MediaInfo m = Prober.probe(f);
    String[] flags = DebianFfmpeg.probe(f, "v:0", "frame=key_frame", false).split("\\R");
    int keys = 0;
    for (int i = 0; i < flags.length; i++) {
      if (flags[i].trim().equals("1")) {
        keys++;
        assertTrue(m.frames().isKeyframe(i), "frame " + i);
      }
    }
    assertEquals(keys, m.video().keyframeCount());
    List<Double> times = DebianFfmpeg.frameTimes(f);
    for (int i = 0; i < times.size(); i++) {
      assertEquals(times.get(i), m.frames().timeBase().seconds(m.frames().pts(i)), 1e-9);
    }
    assertEquals(2.0, m.video().durationSeconds(), 1e-9);
    assertFalse(m.video().variableFrameRate());
  }

  /**
   * A recording cut inside a long group of pictures (its first keyframe, with the stream's headers,
   * taken out): none of the 239 pictures before the next keyframe (4.8 s later) decodes. The probe
   * leaves them out, decoding only a few pictures past them, and counts the frames Debian's decoder
   * finds.
   */
  @Test
  void aLongUndecodableLeadIsLeftOut() {
    Path late = DebianFfmpeg.mpegTsCutInsideAGop(dir.resolve("late-key.ts"), "r=50:d=6", 240, 2);
    MediaInfo m = Prober.probe(late);
    assertEquals(DebianFfmpeg.decodedFrames(late), m.video().frameCount());
    assertEquals(239, m.video().leadFrames());
  }

  /**
   * A DVB-like MPEG-2 recording cut at an arbitrary byte: besides the pictures before the first I,
   * the B-pictures right after it (shown before it) refer to the open group the cut took off and
   * do not decode. They were counted, became chunk 0, and that chunk failed every attempt.
   */
  @Test
  void theLeadingPicturesOfAnOpenGroupCutOffAreLeftOut() throws Exception {
    Path cut = DebianFfmpeg.mpeg2TsCutInsideAnOpenGop(dir.resolve("open-gop.ts"), "r=25:d=12", 1.0 / 3);
    MediaInfo m = Prober.probe(cut);
    long[] packetsAndFrames = DebianFfmpeg.packetsAndFrames(cut);
    assertEquals(packetsAndFrames[1], m.video().frameCount());
    assertEquals(packetsAndFrames[0] - packetsAndFrames[1], m.video().leadFrames());
  }

  /**
   * An MPEG-PS (DVD, camcorder) of MPEG-2 in open groups, cut at an arbitrary byte: its I and P
   * pictures carry no presentation time, its first keyframe included, so the lead could not be told
   * by time and was counted (202 frames, where Debian's decoder finds 192); chunk 0 then failed every
   * attempt. The lead is now told by decoding to the first keyframe's picture.
   */
  @Test
  void theUntimedLeadOfAnMpegPsCutInsideAnOpenGroupIsLeftOut() throws Exception {
    Path cut = DebianFfmpeg.mpeg2PsCutInsideAnOpenGop(dir.resolve("open-gop.mpg"), "r=25:d=12", 1.0 / 3);
    MediaInfo m = Prober.probe(cut);
    long[] packetsAndFrames = DebianFfmpeg.packetsAndFrames(cut);
    assertTrue(packetsAndFrames[0] > packetsAndFrames[1], "the cut leaves undecodable pictures");
    assertEquals(packetsAndFrames[1], m.video().frameCount());
    assertEquals(packetsAndFrames[0] - packetsAndFrames[1], m.video().leadFrames());
    // The first picture (the I, with no time of its own) at the time Debian's decoder gives it.
    String first = DebianFfmpeg.probe(cut, "v:0", "frame=best_effort_timestamp_time", false).lines().findFirst().orElseThrow();
    assertEquals(Double.parseDouble(first), m.video().startSeconds(), 1e-6);
  }

  @Test
  void variableFrameRateIsDetected() {
    MediaInfo m = Prober.probe(TestMedia.get(TestMedia.VFR_H264_MP4));
    assertTrue(m.video().variableFrameRate());
  }

  @Test
  void hdr10DepthFormatAndStaticMetadataComeFromTheBitstream() {
    Path f = TestMedia.get(TestMedia.HDR10_HEVC);
    VideoStream v = Prober.probe(f).video();
    assertEquals(10, v.bitDepth());
    assertEquals(DebianFfmpeg.probe(f, "v:0", "stream=color_transfer", false), v.colorTransfer());
    assertEquals("HDR10", v.hdr().format());
    // The values Debian's x265 was given, read back through FFmpeg's side data.
    assertEquals(TestMedia.HDR10_MASTER_DISPLAY, v.hdr().staticMetadata().masteringDisplay().x265());
    assertEquals(TestMedia.HDR10_MAX_CLL, v.hdr().staticMetadata().contentLight().pair());
    assertEquals(null, v.hdr().dolbyVisionProfile());
    assertFalse(v.hdr().hdr10Plus());
  }

  @Test
  void hlgAndTenBitSdrAreToldApart() {
    VideoStream hlg = Prober.probe(TestMedia.get(TestMedia.HLG_HEVC)).video();
    assertEquals(10, hlg.bitDepth());
    assertEquals("HLG", hlg.hdr().format());
    assertEquals(null, hlg.hdr().staticMetadata());
    VideoStream sdr = Prober.probe(TestMedia.get(TestMedia.H264_HIGH10)).video();
    assertEquals(10, sdr.bitDepth());
    assertEquals(HdrInfo.SDR, sdr.hdr());
    assertEquals(8, Prober.probe(TestMedia.get(TestMedia.H264_BFRAMES_AAC)).video().bitDepth());
  }
}
