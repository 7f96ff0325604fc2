package org.framefork.encoder.verify.vmaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.vmaf.VmafKernels;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.VideoDecoder;

/**
 * The speed figure (not a test): {@code VmafSpeedProbe REF DIST [FRAMES]} decodes up to FRAMES
 * (default 30) pairs into memory, then scores them on one thread with the plain and the Vector API
 * kernels (decoding excluded), and times each kernel on a 1080p picture's worth of rows.
 */
public final class VmafSpeedProbe {
  private VmafSpeedProbe() {}

  public static void main(String[] args) {
    int max = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    List<YuvFrame> ref = decode(Path.of(args[0]), max);
    List<YuvFrame> dis = decode(Path.of(args[1]), max);
    int n = Math.min(ref.size(), dis.size());
    int w = ref.get(0).width();
    int h = ref.get(0).height();
    List<VmafKernels> sets = new ArrayList<>(List.of(VmafKernels.plain()));
    VmafKernels.vector().ifPresent(sets::add);
    for (VmafKernels k : sets) {
      VmafScorer warm = new VmafScorer(k, VmafModel.v061(), w, h);
      for (int round = 0; round < 1; round++) {
        for (int i = 0; i < n; i++) {
          warm.push(ref.get(i).y(), dis.get(i).y());
        }
      }
      double best = Double.MAX_VALUE;
      for (int round = 0; round < 2; round++) {
        VmafScorer s = new VmafScorer(k, VmafModel.v061(), w, h);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          s.push(ref.get(i).y(), dis.get(i).y());
        }
        s.finish();
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      System.out.println(String.format(Locale.ROOT, "scorer %-22s %dx%d %d frames: %.2f s, %.2f frames/s (best of 2)",
          k.name(), w, h, n, best, n / best));
    }
    for (VmafKernels k : sets) {
      Vif vif = new Vif(k, w, h);
      Adm adm = new Adm(k, w, h);
      Motion motion = new Motion(k, w, h);
      double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      for (int round = 0; round < 1; round++) {
        long[] t = new long[3];
        for (int i = 0; i < n; i++) {
          Plane r = ref.get(i).y();
          Plane d = dis.get(i).y();
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
    kernels(sets, ref.get(0).y(), dis.get(0).y());
  }

  private static void kernels(List<VmafKernels> sets, Plane r, Plane d) {
    int w = r.width();
    int h = r.height();
    int[] f17 = Vif.FILTERS[0];
    int[] f9 = Vif.FILTERS[1];
    int[] rows17 = new int[17];
    int[] rows9 = new int[9];
    int[] rows5 = new int[5];
    int[] rows4 = new int[4];
    int[][] t = new int[10][w + 32];
    int[] plane16 = new int[w * h / 4];
    int[] blurA = new int[w * h];
    int[] blurB = new int[w * h];
    float[] img = new float[w * h];
    float[] lo = new float[w];
    float[] hi = new float[w];
    for (int i = 0; i < blurA.length; i++) {
      blurA[i] = (r.data()[r.offset() + i % w + (i / w) * r.stride()] & 0xFF) << 8;
      blurB[i] = (d.data()[d.offset() + i % w + (i / w) * d.stride()] & 0xFF) << 8;
      img[i] = (blurA[i] >> 8) - 128;
    }
    for (int i = 0; i < plane16.length; i++) {
      plane16[i] = blurA[i];
    }
    String[] names = {"vifVertical8 (17 taps)", "vifHorizontal (17 taps)", "vifVertical16 (9 taps, 1/4 pic)",
        "vifDecimateVertical8 (9 taps)", "motionVertical", "motionHorizontal", "sad", "dwtVertical"};
    double[][] ms = new double[sets.size()][names.length];
    for (int s = 0; s < sets.size(); s++) {
      VmafKernels k = sets.get(s);
      for (int kernel = 0; kernel < names.length; kernel++) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
          long t0 = System.nanoTime();
          switch (kernel) {
            case 0 -> {
              for (int i = 0; i < h; i++) {
                Vif.rows(rows17, i, h, 17, r.offset(), r.stride());
                k.vifVertical8(r.data(), rows17, d.data(), rows17, w, f17, t[0], t[1], t[2], t[3], t[4], 8);
              }
            }
            case 1 -> {
              for (int i = 0; i < h; i++) {
                k.vifHorizontal(t[0], t[1], t[2], t[3], t[4], 0, w, f17, t[5], t[6], t[7], t[8], t[9]);
              }
            }
            case 2 -> {
              for (int i = 0; i < h / 2; i++) {
                Vif.rows(rows9, i, h / 2, 9, 0, w / 2);
                k.vifVertical16(plane16, rows9, plane16, rows9, w / 2, f9, t[0], t[1], t[2], t[3], t[4], 8);
              }
            }
            case 3 -> {
              for (int i = 0; i < h / 2; i++) {
                Vif.rows(rows9, 2 * i, h, 9, r.offset(), r.stride());
                k.vifDecimateVertical8(r.data(), rows9, d.data(), rows9, w, f9, t[0], t[1], 8);
              }
            }
            case 4 -> {
              for (int i = 0; i < h; i++) {
                Vif.rows(rows5, i, h, 5, r.offset(), r.stride());
                k.motionVertical(r.data(), rows5, w, t[0], 2);
              }
            }
            case 5 -> {
              for (int i = 0; i < h; i++) {
                k.motionHorizontal(t[0], 0, w, blurA, i * w);
              }
            }
            case 6 -> k.sad(blurA, blurB, w * h);
            default -> {
              for (int i = 0; i < h / 2; i++) {
                Vif.rows(rows4, 2 * i, h, 4, 0, w);
                k.dwtVertical(img, rows4, w, lo, hi);
              }
            }
          }
          best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        ms[s][kernel] = best;
      }
    }
    for (int kernel = 0; kernel < names.length; kernel++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "kernel %-32s", names[kernel]));
      for (int s = 0; s < sets.size(); s++) {
        line.append(String.format(Locale.ROOT, " %s %.2f ms", sets.get(s).name(), ms[s][kernel]));
      }
      if (sets.size() > 1) {
        line.append(String.format(Locale.ROOT, "  gain %.2fx", ms[0][kernel] / ms[1][kernel]));
      }
      System.out.println(line);
    }
  }

  private static List<YuvFrame> decode(Path file, int max) {
    List<YuvFrame> out = new ArrayList<>();
    try (VideoDecoder dec = VideoDecoder.open(file)) {
      while (out.size() < max && dec.next()) {
        YuvFrame f = FramePlanes.allocateLike(dec.picture());
        FramePlanes.copyIn(dec.picture(), f);
        out.add(f);
      }
    }
    return out;
  }
}
