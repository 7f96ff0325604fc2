package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged sources: a clean encode of what can be decoded, or one clear line and nothing written. */
class DamagedInputTest {
  @TempDir Path tmp;

  private JobOptions options(Path in, Path out) {
    return JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "ultrafast", 1))
        .withSplit(SplitMode.FIXED, 0, 15);
  }

  @Test
  void truncatedStreamEncodesWhatIsThereAndCountsTheLoss() throws Exception {
    byte[] whole = Files.readAllBytes(TestMedia.get(TestMedia.H264_MPEGTS));
    // Cut mid-packet (not on a 188-byte boundary) at 90%: the last picture is incomplete.
    Path cut = Files.write(tmp.resolve("cut.ts"), Arrays.copyOf(whole, (int) (whole.length * 0.9) + 77));
    Path out = tmp.resolve("cut.mp4");
    JobReport r = new EncodeJob(options(cut, out), null).run();
    long decoded = DebianFfmpeg.decodedFrames(out);
    assertEquals(r.output().frames(), decoded, "the report counts what the output holds");
    assertTrue(decoded >= 60 && decoded < 75, "most of the 75 frames: " + decoded);
    assertTrue(r.verification().passed());
    assertEquals("", DebianFfmpeg.decodeErrors(out));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} cut at {1}")
  @org.junit.jupiter.params.provider.CsvSource({"ts, 0.1", "ts, 0.5", "ts, 0.9", "mp4, 0.1", "mp4, 0.5", "mp4, 0.9"})
  void aFileCutShortEncodesWhatIsThereOrIsRefusedInOneLine(String kind, double fraction) throws Exception {
    Path source = TestMedia.get(TestMedia.H264_MPEGTS);
    if (kind.equals("mp4")) {
      // Index first (faststart), as cameras and web exports write it: a cut keeps the index.
      source = tmp.resolve("whole.mp4");
      DebianFfmpeg.ffmpeg("-i", TestMedia.get(TestMedia.H264_MPEGTS).toString(), "-c", "copy", "-movflags", "+faststart", source.toString());
    }
    byte[] whole = Files.readAllBytes(source);
    Path cut = Files.write(tmp.resolve("cut." + kind), Arrays.copyOf(whole, (int) (whole.length * fraction) + 77));
    Path out = tmp.resolve("cut-out.mkv");
    try {
      JobReport r = new EncodeJob(options(cut, out).withOutput(out, org.framefork.encoder.encode.Container.MKV), null).run();
      assertEquals(r.output().frames(), DebianFfmpeg.decodedFrames(out), "the report counts what the output holds");
      assertTrue(r.output().frames() > 0 && r.output().frames() <= 75);
      assertEquals("", DebianFfmpeg.videoDecodeErrors(out));
    } catch (InputException | org.framefork.encoder.media.MediaException e) {
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertFalse(Files.exists(out), "refused, and nothing written");
    }
    assertFalse(Files.exists(JobWorkspace.defaultFor(out)), "no work folder left");
  }

  /**
   * An MP4 cut off inside its 100th packet (the header, at the front, still lists 125 frames): the
   * demuxer reads the part of that packet that is there, which does not decode. The plan counts the
   * 99 frames that decode, so no chunk comes out one frame short of it and tries again in vain, and
   * the note says the number the output holds.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(ExecutionMode.class)
  void anMp4CutInsideAPacketPlansTheFramesThatDecodeAndRetriesNone(ExecutionMode mode) throws Exception {
    Path cut = DebianFfmpeg.mp4CutInsideItsPacket100(tmp.resolve("whole.mp4"), tmp.resolve("cut.mp4"));
    long decodable = DebianFfmpeg.decodedFrames(cut);
    Path out = tmp.resolve("cut-out.mp4");
    JobReport r = new EncodeJob(options(cut, out).withMode(mode, 2), null).run();
    assertEquals(0, r.chunks().retries(), "no chunk came out short of the plan");
    assertEquals(decodable, r.output().frames());
    assertEquals(decodable, DebianFfmpeg.decodedFrames(out));
    assertTrue(r.verification().passed(), r.verification().problems().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("declares 125 frames, the file holds " + decodable + " (")),
        r.notes().toString());
    assertEquals("", DebianFfmpeg.videoDecodeErrors(out));
  }

  /**
   * Cut off inside its 100th packet and damaged in the middle: the picture whose packet is broken
   * is left out as damage (after a retry, as before), and the cut-short note says how many of the
   * frames the file holds the output has.
   */
  @Test
  void aFileCutShortAndDamagedInTheMiddleSaysWhatTheOutputHolds() throws Exception {
    Path cut = DebianFfmpeg.mp4CutInsideItsPacket100(tmp.resolve("whole.mp4"), tmp.resolve("cut.mp4"));
    byte[] b = Files.readAllBytes(cut);
    // Packet 44 in file order is a B-frame: a length of its first unit past the packet's end breaks it.
    int at = (int) DebianFfmpeg.videoPackets(cut).get(43)[0];
    b[at] = 0x7f;
    b[at + 1] = b[at + 2] = b[at + 3] = (byte) 0xff;
    Path both = Files.write(tmp.resolve("both.mp4"), b);
    long decodable = DebianFfmpeg.decodedFrames(both);
    assertEquals(98, decodable, "neither the broken picture nor the cut-off one decodes");
    Path out = tmp.resolve("both-out.mp4");
    JobReport r = new EncodeJob(options(both, out), null).run();
    assertEquals(decodable, r.output().frames());
    assertEquals(decodable, DebianFfmpeg.decodedFrames(out));
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("the file holds 99 (")
        && n.endsWith("the output holds the " + decodable + " of them that decode")), r.notes().toString());
  }

  /**
   * An MPEG-TS that starts on a frame that cannot be decoded (a recording cut inside a group of
   * pictures: keyframes every 2 frames, the first packet taken out) was planned with that frame and
   * failed every attempt ("encoded 23 frames, the plan has 24"). The probe counts the frames that
   * decode; the one before the first keyframe is left out with a note.
   */
  @Test
  void anMpegTsStartingOnAnUndecodableFrameLeavesItOut() {
    Path ts = DebianFfmpeg.mpegTsCutInsideAGop(tmp.resolve("cut.ts"), "r=25:d=1", 2, 0);
    long decodable = DebianFfmpeg.decodedFrames(ts);
    assertEquals(23, decodable, "24 packets, the first of them refers to the frame taken out");
    JobReport r = encodedWithoutRetries(ts, decodable);
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("the source starts with 1 frame before its first keyframe")),
        r.notes().toString());
  }

  /**
   * A DVB-like MPEG-2 recording (open groups of pictures) cut at an arbitrary byte: the B-pictures
   * right after the first I, shown before it, do not decode. They were planned as chunk 0, which
   * failed every attempt ("encoded 0 frames, the plan has 2"); now they are left out as the lead.
   */
  @Test
  void anMpeg2RecordingCutInsideAnOpenGopEncodesWhatDecodes() throws Exception {
    Path ts = DebianFfmpeg.mpeg2TsCutInsideAnOpenGop(tmp.resolve("open-gop.ts"), "r=25:d=12", 1.0 / 3);
    encodedWithoutRetries(ts, DebianFfmpeg.decodedFrames(ts));
  }

  /**
   * The same cut in an MPEG-PS, whose I and P pictures (the first keyframe included) carry no time:
   * chunk 0 failed every attempt ("encoded 45 frames, the plan has 56"). Encoded losslessly, the
   * output's frames are Debian's decoded frames of the source, each once and in order.
   */
  @Test
  void anMpeg2PsCutInsideAnOpenGopEncodesEveryDecodableFrameOnce() throws Exception {
    Path mpg = DebianFfmpeg.mpeg2PsCutInsideAnOpenGop(tmp.resolve("open-gop.mpg"), "r=25:d=12", 1.0 / 3);
    Path out = tmp.resolve("open-gop.mkv");
    JobReport r = new EncodeJob(options(mpg, out).withVideo(new EncodeSettings(VideoCodec.H264, 0, "ultrafast", 1))
        .withOutput(out, org.framefork.encoder.encode.Container.MKV), null).run();
    assertEquals(0, r.chunks().retries(), "no chunk came out short of the plan");
    List<String> source = DebianFfmpeg.frameMd5s(mpg);
    assertEquals(source, DebianFfmpeg.frameMd5s(out));
    assertEquals(source.size(), r.output().frames());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("the source starts with 10 frames before its first keyframe")),
        r.notes().toString());
  }

  /** {@code ts} encoded to Matroska: no chunk retried, the output holds the {@code decodable} frames, checked. */
  private JobReport encodedWithoutRetries(Path ts, long decodable) {
    Path out = tmp.resolve("cut-out.mkv");
    JobReport r = new EncodeJob(options(ts, out).withOutput(out, org.framefork.encoder.encode.Container.MKV), null).run();
    assertEquals(0, r.chunks().retries(), "no chunk came out short of the plan");
    assertEquals(decodable, r.output().frames());
    assertEquals(decodable, DebianFfmpeg.decodedFrames(out));
    assertTrue(r.verification().passed(), r.verification().problems().toString());
    return r;
  }

  @Test
  void seeksThatLandLateInMpegTsAreRetreatedNotRetried() {
    Path in = TestMedia.get(TestMedia.H264_MPEGTS);
    JobReport r = new EncodeJob(options(in, tmp.resolve("ts.mp4")).withMode(ExecutionMode.SEQUENTIAL, 1), null).run();
    assertEquals(0, r.chunks().retries(), "every chunk found its frames on the first attempt");
    assertEquals(75, DebianFfmpeg.decodedFrames(tmp.resolve("ts.mp4")));
  }

  @Test
  void scrambledPayloadsStillGiveACompleteOutputWhenTheDecoderConcealsThem() throws Exception {
    byte[] b = Files.readAllBytes(TestMedia.get(TestMedia.H264_MPEGTS));
    // Scramble every payload after the first second, keeping the 188-byte packet structure: the
    // video decoder conceals the damage; audio packets it breaks are left out, not fatal.
    for (int p = b.length / 3; p + 188 <= b.length; p += 188) {
      for (int i = p + 20; i < p + 188; i += 3) {
        b[i] ^= 0x5A;
      }
    }
    Path bad = Files.write(tmp.resolve("scrambled.ts"), b);
    Path out = tmp.resolve("scrambled.mp4");
    JobReport r = new EncodeJob(options(bad, out), null).run();
    assertTrue(r.verification().passed(), r.verification().problems().toString());
    assertEquals(r.output().frames(), DebianFfmpeg.decodedFrames(out));
    // The video is re-encoded, so it is sound; copied audio keeps whatever damage survived the copy.
    assertEquals("", DebianFfmpeg.videoDecodeErrors(out), "the output's video is sound");
    try (var files = Files.list(tmp)) {
      assertEquals(2, files.count(), "input and output only: no work folder or partial file left");
    }
  }

  @Test
  void aHeaderClaimingA16384SquarePictureIsRefusedBeforeAnyDecoderAllocatesIt() throws Exception {
    Path jpeg = tmp.resolve("frame.jpg");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=5:d=0.2", "-frames:v", "1", "-c:v", "mjpeg", "-f", "image2", jpeg.toString());
    byte[] b = Files.readAllBytes(jpeg);
    for (int i = 0; i + 9 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0) { // start of frame: height, width follow
        b[i + 5] = 0x40;
        b[i + 6] = 0;
        b[i + 7] = 0x40;
        b[i + 8] = 0;
        break;
      }
    }
    Path huge = Files.write(tmp.resolve("huge.mjpeg"), b);
    Path out = tmp.resolve("huge.mp4");
    long t0 = System.nanoTime();
    InputException e = assertThrows(InputException.class, () -> new EncodeJob(options(huge, out), null).run());
    assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "refused promptly");
    assertTrue(e.getMessage().startsWith(huge.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(Files.exists(out));
  }
}
