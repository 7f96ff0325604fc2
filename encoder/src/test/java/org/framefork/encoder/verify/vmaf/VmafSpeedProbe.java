package org.framefork.encoder.verify.vmaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.vmaf.VmafKernels;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.VideoDecoder;

/**
 * The speed figure (not a test): {@code VmafSpeedProbe REF DIST [FRAMES]} decodes up to FRAMES
 * (default 30) pairs into memory, then scores them on one thread with the plain and the Vector API
 * kernels (decoding excluded). 10-bit videos are decoded and scored at 10 bits. Each kernel alone is
 * measured by JMH: {@code framefork bench kernels Vmaf}.
 */
public final class VmafSpeedProbe {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private VmafSpeedProbe() {}

  public static void main(String[] args) {
    int max = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    List<LumaPicture> ref = decode(Path.of(args[0]), max);
    List<LumaPicture> dis = decode(Path.of(args[1]), max);
    int n = Math.min(ref.size(), dis.size());
    int w = ref.get(0).width();
    int h = ref.get(0).height();
    List<VmafKernels> sets = new ArrayList<>(List.of(VmafKernels.plain()));
    VmafKernels.vector().ifPresent(sets::add);
    for (VmafKernels k : sets) {
      VmafScorer warm = new VmafScorer(k, VmafModel.v061(), w, h);
      for (int round = 0; round < 1; round++) {
        for (int i = 0; i < n; i++) {
          warm.push(ref.get(i), dis.get(i));
        }
      }
      double best = Double.MAX_VALUE;
      double bestCpu = Double.MAX_VALUE;
      for (int round = 0; round < 2; round++) {
        VmafScorer s = new VmafScorer(k, VmafModel.v061(), w, h);
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
          s.push(ref.get(i), dis.get(i));
        }
        s.finish();
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        bestCpu = Math.min(bestCpu, (CPU.getCurrentThreadCpuTime() - c0) / 1e9);
      }
      // CPU time too: on a shared machine the wall time counts the waits for a core.
      System.out.println(String.format(Locale.ROOT, "scorer %-22s %dx%d %d-bit %d frames: %.2f s, %.2f frames/s; "
          + "CPU %.2f s, %.2f frames/s (best of 2)", k.name(), w, h, ref.get(0).bits(), n, best, n / best, bestCpu,
          n / bestCpu));
    }
    for (VmafKernels k : sets) {
      Vif vif = new Vif(k, w, h);
      Adm adm = new Adm(k, w, h);
      Motion motion = new Motion(k, w, h);
      double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      for (int round = 0; round < 1; round++) {
        long[] t = new long[3];
        for (int i = 0; i < n; i++) {
          LumaPicture r = ref.get(i);
          LumaPicture d = dis.get(i);
          long t0 = System.nanoTime();
          vif.score(r, d);
          long t1 = System.nanoTime();
          adm.score(r, d, null);
          long t2 = System.nanoTime();
          motion.blur(r, i % 3);
          motion.motion(i % 3, (i + 2) % 3);
          t[0] += t1 - t0;
          t[1] += t2 - t1;
          t[2] += System.nanoTime() - t2;
        }
        for (int f = 0; f < 3; f++) {
          best[f] = Math.min(best[f], t[f] / 1e6 / n);
        }
      }
      System.out.println(String.format(Locale.ROOT, "per frame %-22s VIF %.1f ms, ADM %.1f ms, motion %.1f ms",
          k.name(), best[0], best[1], best[2]));
    }
  }

  /** The luma of up to {@code max} pictures, at 10 bits if the video is deeper than 8. */
  private static List<LumaPicture> decode(Path file, int max) {
    List<LumaPicture> out = new ArrayList<>();
    try (VideoDecoder dec = VideoDecoder.open(file)) {
      boolean deep = Ffmpeg.bitDepth(dec.stream().codecpar().format()) > 8;
      if (deep) {
        dec.convertTo(dec.width(), dec.height(), 10);
      }
      while (out.size() < max && dec.next()) {
        if (deep) {
          YuvFrame16 f = FramePlanes.allocateLike16(dec.picture());
          FramePlanes.copyIn16(dec.picture(), f);
          out.add(LumaPicture.of(f.y(), 10));
        } else {
          YuvFrame f = FramePlanes.allocateLike(dec.picture());
          FramePlanes.copyIn(dec.picture(), f);
          out.add(LumaPicture.of(f.y()));
        }
      }
    }
    return out;
  }
}
