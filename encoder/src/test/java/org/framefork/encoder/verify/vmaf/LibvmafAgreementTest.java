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
 */
class LibvmafAgreementTest {
  @TempDir Path dir;

  @Test
  void nativeSizeFramesAndFeaturesAgreeWithLibvmaf() {
    Path ref = dir.resolve("ref.mkv");
    Path dist = dir.resolve("dist.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=352x288:rate=25", "-frames:v", "12", "-pix_fmt", "yuv420p",
        "-c:v", "libx264", "-qp", "0", "-preset", "ultrafast", ref.toString());
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-crf", "36", "-preset", "veryfast", dist.toString());
    check(ref, dist, VmafMode.NATIVE, false);
  }

  @Test
  void scaledTo1080pAsFfmpegUsersDoItAgrees() {
    Path ref = dir.resolve("ref.mkv");
    Path dist = dir.resolve("dist.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "mandelbrot=size=320x180:rate=25", "-frames:v", "6", "-vf",
        "noise=alls=12:allf=t", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-qp", "0", "-preset", "ultrafast",
        ref.toString());
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-crf", "30", "-preset", "veryfast", dist.toString());
    check(ref, dist, VmafMode.SCALED, true);
  }

  private void check(Path ref, Path dist, VmafMode mode, boolean scaled) {
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
      assertEquals(m.path("vmaf").asDouble(), f.vmaf(), 0.5, "vmaf" + at);
      sumOurs += f.vmaf();
      sumTheirs += m.path("vmaf").asDouble();
    }
    assertEquals(sumTheirs / theirs.size(), sumOurs / ours.size(), 0.2, "mean VMAF");
    assertEquals(sumOurs / ours.size(), r.vmaf().mean(), 1e-9);
    assertTrue(r.vmaf().min() <= r.vmaf().percentile1() && r.vmaf().percentile1() <= r.vmaf().percentile5());
  }
}
