package org.framefork.encoder.verify.vmaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.verify.VideoComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FrameFork's VMAF against libvmaf's JSON log, frame by frame and feature by feature (named as
 * libvmaf names them, so that a wrong feature is found by name), on short clips made here with
 * Debian's ffmpeg. VIF and motion are libvmaf's fixed point, so they agree to the log's 6 decimals;
 * ADM is floating point here, within 5e-4 (1080p pictures differ by up to 3e-4); the score within 0.5 per frame and 0.2 on the mean.
 *
 * <p>10-bit pairs (yuv420p10le on both sides, as libvmaf reads them with its shifts for deeper
 * pictures) are held to {@value #TEN_BIT_FRAME} per frame and {@value #TEN_BIT_MEAN} on the mean:
 * VIF and motion are again exact, and ADM, computed on the 10-bit samples divided by 4 in
 * floating point, differs from libvmaf's fixed point by no more than it does at 8 bits.
 */
class LibvmafAgreementTest {
  static final double TEN_BIT_FRAME = 0.05;
  static final double TEN_BIT_MEAN = 0.02;

  @TempDir Path dir;

  @Test
  void nativeSizeFramesAndFeaturesAgreeWithLibvmaf() {
    Path ref = dir.resolve("ref.mkv");
    Path dist = dir.resolve("dist.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=352x288:rate=25", "-frames:v", "12", "-pix_fmt", "yuv420p",
        "-c:v", "libx264", "-qp", "0", "-preset", "ultrafast", ref.toString());
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-crf", "36", "-preset", "veryfast", dist.toString());
    check(ref, dist, VmafMode.NATIVE, false, 0.5, 0.2);
  }

  @Test
  void scaledTo1080pAsFfmpegUsersDoItAgrees() {
    Path ref = dir.resolve("ref.mkv");
    Path dist = dir.resolve("dist.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=25", "-frames:v", "6", "-vf",
        "noise=alls=12:allf=t", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-qp", "0", "-preset", "ultrafast",
        ref.toString());
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-crf", "30", "-preset", "veryfast", dist.toString());
    check(ref, dist, VmafMode.SCALED, true, 0.5, 0.2);
  }

  /** A 10-bit source (lossless FFV1) and its x265 Main10 encode, scored at their own size; 2 workers score as 1. */
  @Test
  void tenBitPairAgreesWithLibvmaf() {
    Path[] pair = tenBitPair("testsrc2=size=352x288:rate=25", 12, 8, "-c:v", "libx265", "-crf", "32", "-preset",
        "veryfast", "-x265-params", "log-level=error", "dist10.mkv");
    List<VmafFrame> one = check(pair[0], pair[1], VmafMode.NATIVE, false, TEN_BIT_FRAME, TEN_BIT_MEAN);
    List<VmafFrame> two = new ArrayList<>();
    VideoComparison.compare(pair[0], pair[1], VmafMode.NATIVE, 2, null, two::add);
    assertEquals(one, two, "2 workers");
  }

  /** A 10-bit x264 High 10 encode of a noisy source, both scaled to 1920x1080 at 10 bits as FFmpeg's scale filter does. */
  @Test
  void tenBitPairScaledTo1080pAgreesWithLibvmaf() {
    Path[] pair = tenBitPair("mandelbrot=size=320x180:rate=25", 6, 12, "-c:v", "libx264", "-crf", "30", "-preset",
        "veryfast", "dist10.mp4");
    check(pair[0], pair[1], VmafMode.SCALED, true, TEN_BIT_FRAME, TEN_BIT_MEAN);
  }

  /**
   * A 10-bit source of {@code frames} pictures of a lavfi {@code source} with temporal noise of
   * strength {@code noise} (lossless FFV1), and its 10-bit encode with {@code encode} (the encoder's
   * options, then the file's name).
   */
  private Path[] tenBitPair(String source, int frames, int noise, String... encode) {
    Path ref = dir.resolve("ref10.mkv");
    Path dist = dir.resolve(encode[encode.length - 1]);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", source, "-frames:v", String.valueOf(frames), "-vf",
        "noise=alls=" + noise + ":allf=t", "-pix_fmt", "yuv420p10le", "-c:v", "ffv1", ref.toString());
    List<String> args = new ArrayList<>(List.of("-i", ref.toString()));
    args.addAll(List.of(encode).subList(0, encode.length - 1));
    args.addAll(List.of("-pix_fmt", "yuv420p10le", dist.toString()));
    DebianFfmpeg.ffmpeg(args.toArray(String[]::new));
    return new Path[] {ref, dist};
  }

  private List<VmafFrame> check(Path ref, Path dist, VmafMode mode, boolean scaled, double frameTolerance,
      double meanTolerance) {
    List<VmafFrame> ours = new ArrayList<>();
    VideoComparison.Result r = VideoComparison.compare(ref, dist, mode, null, ours::add);
    assertEquals(scaled, r.vmafScaled());
    List<JsonNode> theirs = LibvmafReference.frames(ref, dist, scaled, dir.resolve("libvmaf.json"));
    assertEquals(theirs.size(), ours.size(), "frames scored");
    double sumOurs = 0;
    double sumTheirs = 0;
    for (int i = 0; i < ours.size(); i++) {
      VmafFrame f = ours.get(i);
      JsonNode m = theirs.get(i);
      assertEquals(i, f.frame());
      String at = " of frame " + i;
      assertEquals(m.path("integer_vif_scale0").asDouble(), f.vifScale0(), 2e-6, "integer_vif_scale0" + at);
      assertEquals(m.path("integer_vif_scale1").asDouble(), f.vifScale1(), 2e-6, "integer_vif_scale1" + at);
      assertEquals(m.path("integer_vif_scale2").asDouble(), f.vifScale2(), 2e-6, "integer_vif_scale2" + at);
      assertEquals(m.path("integer_vif_scale3").asDouble(), f.vifScale3(), 2e-6, "integer_vif_scale3" + at);
      assertEquals(m.path("integer_motion2").asDouble(), f.motion2(), 2e-6, "integer_motion2" + at);
      assertEquals(m.path("integer_adm2").asDouble(), f.adm2(), 5e-4, "integer_adm2" + at);
      assertEquals(m.path("vmaf").asDouble(), f.vmaf(), frameTolerance, "vmaf" + at);
      sumOurs += f.vmaf();
      sumTheirs += m.path("vmaf").asDouble();
    }
    assertEquals(sumTheirs / theirs.size(), sumOurs / ours.size(), meanTolerance, "mean VMAF");
    assertEquals(sumOurs / ours.size(), r.vmaf().mean(), 1e-9);
    assertTrue(r.vmaf().min() <= r.vmaf().percentile1() && r.vmaf().percentile1() <= r.vmaf().percentile5());
    return ours;
  }
}
