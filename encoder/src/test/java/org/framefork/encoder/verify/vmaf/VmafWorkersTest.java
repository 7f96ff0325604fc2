package org.framefork.encoder.verify.vmaf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.verify.VideoComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks scored by several workers give exactly one thread's figures, motion across chunk edges included. */
class VmafWorkersTest {
  @TempDir Path dir;

  @Test
  void twoAndThreeWorkersScoreAsOne() {
    Path ref = dir.resolve("ref.mkv");
    Path dist = dir.resolve("dist.mkv");
    // 40 frames: chunks of 15, 15 and 10; a cut at frame 15 (a chunk edge) moves motion a lot.
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-f", "lavfi", "-i",
        "mandelbrot=size=96x64:rate=25", "-filter_complex",
        "[0:v]trim=end_frame=15[a];[1:v]trim=end_frame=25,setpts=PTS-STARTPTS[b];[a][b]concat=n=2:v=1",
        "-pix_fmt", "yuv420p", "-c:v", "ffv1", ref.toString());
    DebianFfmpeg.ffmpeg("-i", ref.toString(), "-c:v", "libx264", "-crf", "32", dist.toString());
    List<VmafFrame> one = new ArrayList<>();
    VideoComparison.Result r1 = VideoComparison.compare(ref, dist, VmafMode.NATIVE, 1, null, one::add);
    assertEquals(40, one.size());
    for (int workers : new int[] {2, 3}) {
      List<VmafFrame> many = new ArrayList<>();
      VideoComparison.Result r = VideoComparison.compare(ref, dist, VmafMode.NATIVE, workers, null, many::add);
      assertEquals(one, many, workers + " workers");
      assertEquals(r1.vmaf(), r.vmaf(), workers + " workers");
    }
  }
}
