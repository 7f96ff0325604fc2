package org.framefork.bench.kernels;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.metric.PsnrScore;
import org.framefork.encoder.kernels.metric.SsimScore;
import org.framefork.encoder.kernels.metric.SsimScratch;
import org.framefork.encoder.kernels.scale.BilinearPlan;

/**
 * Where the Vector API kernels start to pay: each kernel family's frame operation is timed call by
 * call from the start of a fresh JVM (class loading, interpreter, C1, C2 compilation and all),
 * plain Java against the Vector API, and the break-even is the number of frames after which the
 * vector JVM's cumulative time stays at or below the plain one's (extrapolated from the steady
 * per-frame times when the run ends first). Timed twice: wall clock, and the process's CPU time,
 * which counts the JIT compiler threads too (on a machine whose cores all work, as in a parallel
 * encode, their time is taken from the work).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp CLASSPATH
 * org.framefork.bench.kernels.BreakEven [repeats=3] [cpuSeconds=6] [maxFrames=3000] [ops=a,b]
 * [sizes=720p,1080p] [jvm=-XX:UseAVX=2,...]}; {@code jvm} adds options to the timed JVMs (to
 * emulate a narrower CPU, say). Prints summary and raw tables in Markdown.
 */
public final class BreakEven {
  /** The frame operations: what FrameFork's callers do per frame with each family. */
  static final Map<String, String> OPS = new LinkedHashMap<>();

  static {
    OPS.put("colour.toYuv420", "colour: BGR24 to YUV 4:2:0, BT.709");
    OPS.put("colour.toneMap", "colour: HDR10 to SDR, BT.2390 (--tonemap bt2390)");
    OPS.put("scale.halve", "scale: the scene analysis's 2:1 chain (Y, U, V halved down to 1/8)");
    OPS.put("scale.bilinear", "scale: bilinear to 2/3 size, Y, U and V (the scale filter, 1080p to 720p)");
    OPS.put("filter.blur", "filter: Gaussian blur radius 2, Y, U and V (blur=2)");
    OPS.put("filter.denoise", "filter: temporal denoise, Y, U and V (denoise)");
    OPS.put("metric.psnrSsim", "metric: PSNR and SSIM of Y, U and V (compare, the quality check)");
  }

  static final Map<String, int[]> SIZES = new LinkedHashMap<>();

  static {
    SIZES.put("720p", new int[] {1280, 720});
    SIZES.put("1080p", new int[] {1920, 1080});
  }

  private BreakEven() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args);
      return;
    }
    Map<String, String> o = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      o.put(a.substring(0, eq), a.substring(eq + 1));
    }
    int repeats = Integer.parseInt(o.getOrDefault("repeats", "3"));
    String cpuSeconds = o.getOrDefault("cpuSeconds", "6");
    String maxFrames = o.getOrDefault("maxFrames", "3000");
    List<String> ops = List.of(o.getOrDefault("ops", String.join(",", OPS.keySet())).split(","));
    List<String> sizes = List.of(o.getOrDefault("sizes", String.join(",", SIZES.keySet())).split(","));
    List<String> jvm = o.getOrDefault("jvm", "").isEmpty() ? List.of() : List.of(o.get("jvm").split(","));
    Path dir = Files.createTempDirectory("framefork-break-even");
    StringBuilder raw = new StringBuilder();
    StringBuilder summary = new StringBuilder();
    summary.append("| operation | size | impl | first frame ms (wall) | steady ms/frame (wall) | steady ms/frame (CPU) "
        + "| break-even frames (wall) | break-even frames (CPU) | break-even Mpx (CPU) |\n");
    summary.append("|---|---|---|--:|--:|--:|--:|--:|--:|\n");
    try {
      for (String size : sizes) {
        int[] wh = SIZES.get(size);
        writeInputs(dir, wh[0], wh[1]);
        for (String op : ops) {
          Map<String, List<Run>> runs = new LinkedHashMap<>();
          // Alternate plain and vector so that a change in the machine's load hits both alike.
          for (int r = 0; r < repeats; r++) {
            for (String impl : List.of("plain", "vector")) {
              Run run = fork(dir, op, impl, wh, cpuSeconds, maxFrames, jvm);
              runs.computeIfAbsent(impl, k -> new ArrayList<>()).add(run);
              raw.append(String.format(Locale.ROOT,
                  "%s %s %s (%d-bit) repeat %d: frames=%d wall=%.3fs cpu=%.3fs first=%.1fms%n",
                  op, size, impl, run.vectorBits(), r + 1, run.frames(), run.wall()[run.frames() - 1] / 1e9,
                  run.cpu()[run.frames() - 1] / 1e9, run.wall()[0] / 1e6));
              System.err.print(raw.substring(raw.lastIndexOf("\n", raw.length() - 2) + 1));
            }
          }
          Curve plainWall = Curve.of(runs.get("plain"), true);
          Curve vectorWall = Curve.of(runs.get("vector"), true);
          Curve plainCpu = Curve.of(runs.get("plain"), false);
          Curve vectorCpu = Curve.of(runs.get("vector"), false);
          double beWall = breakEven(plainWall, vectorWall);
          double beCpu = breakEven(plainCpu, vectorCpu);
          double mpx = beCpu * wh[0] * wh[1] / 1e6;
          for (String impl : List.of("plain", "vector")) {
            Curve w = impl.equals("plain") ? plainWall : vectorWall;
            Curve c = impl.equals("plain") ? plainCpu : vectorCpu;
            summary.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.2f | %.2f | %s | %s | %s |%n",
                op, size, impl, w.cumulative[0] / 1e6, w.steady / 1e6, c.steady / 1e6,
                impl.equals("vector") ? frames(beWall) : "", impl.equals("vector") ? frames(beCpu) : "",
                impl.equals("vector") ? (Double.isInfinite(mpx) ? "never" : String.format(Locale.ROOT, "%.0f", mpx)) : ""));
          }
          raw.append(checkpoints(op, size, plainWall, vectorWall, plainCpu, vectorCpu));
        }
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
    System.out.println("## Summary (medians of " + repeats + " JVMs each)\n");
    System.out.println(summary);
    System.out.println("## Raw runs\n\n```");
    System.out.print(raw);
    System.out.println("```");
  }

  private static String frames(double n) {
    return Double.isInfinite(n) ? "never" : String.format(Locale.ROOT, "%.0f", n);
  }

  /** Cumulative times at a few frame counts, both implementations, for the raw section. */
  private static String checkpoints(String op, String size, Curve pw, Curve vw, Curve pc, Curve vc) {
    StringBuilder b = new StringBuilder(op + " " + size + " cumulative seconds, median (plain/vector, wall | CPU):");
    for (int n : new int[] {1, 5, 10, 25, 50, 100, 200, 400, 800, 1600, 3200}) {
      if (n <= Math.min(pw.cumulative.length, vw.cumulative.length)) {
        b.append(String.format(Locale.ROOT, " @%d %.3f/%.3f | %.3f/%.3f", n, pw.cumulative[n - 1] / 1e9,
            vw.cumulative[n - 1] / 1e9, pc.cumulative[n - 1] / 1e9, vc.cumulative[n - 1] / 1e9));
      }
    }
    return b.append('\n').toString();
  }

  /** One child JVM's cumulative times after each frame, in ns since just before the first call. */
  record Run(int frames, long[] wall, long[] cpu, int vectorBits) {}

  /** Median cumulative times over runs (up to the shortest run), and the steady per-frame time. */
  record Curve(double[] cumulative, double steady) {
    static Curve of(List<Run> runs, boolean wall) {
      int n = runs.stream().mapToInt(Run::frames).min().orElseThrow();
      double[] c = new double[n];
      double[] at = new double[runs.size()];
      for (int i = 0; i < n; i++) {
        for (int r = 0; r < runs.size(); r++) {
          at[r] = (wall ? runs.get(r).wall() : runs.get(r).cpu())[i];
        }
        c[i] = median(at);
      }
      // Steady: each run's mean time per frame over its last third, then the median of those.
      double[] steady = new double[runs.size()];
      for (int r = 0; r < runs.size(); r++) {
        long[] t = wall ? runs.get(r).wall() : runs.get(r).cpu();
        int end = runs.get(r).frames() - 1;
        int start = Math.max(0, end - Math.max(1, runs.get(r).frames() / 3));
        steady[r] = (t[end] - t[start]) / (double) (end - start);
      }
      return new Curve(c, median(steady));
    }
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /**
   * The first frame count from which the vector curve stays at or below the plain one; past the
   * measured frames, where the steady per-frame times meet the gap. Infinite when vector is not
   * faster per frame.
   */
  static double breakEven(Curve plain, Curve vector) {
    int n = Math.min(plain.cumulative.length, vector.cumulative.length);
    int last = -1; // the last frame index at which vector is still behind
    for (int i = 0; i < n; i++) {
      if (vector.cumulative[i] > plain.cumulative[i]) {
        last = i;
      }
    }
    if (last < n - 1) {
      return last + 2; // frames are counted from 1
    }
    double gap = vector.cumulative[n - 1] - plain.cumulative[n - 1];
    double gain = plain.steady - vector.steady;
    return gain <= 0 ? Double.POSITIVE_INFINITY : n + gap / gain;
  }

  private static Run fork(Path dir, String op, String impl, int[] wh, String cpuSeconds, String maxFrames,
      List<String> jvm) throws IOException, InterruptedException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    // The launcher's options (framefork: --add-modules, native access, -Xmx1g).
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), BreakEven.class.getName(), "child",
        dir.toString(), op, impl, Integer.toString(wh[0]), Integer.toString(wh[1]), cpuSeconds, maxFrames));
    Path out = dir.resolve("child.out");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(op + " " + impl + " ran past 10 minutes");
    }
    List<String> all = Files.readAllLines(out);
    if (p.exitValue() != 0 || all.size() < 2) {
      throw new IllegalStateException(op + " " + impl + " failed (exit " + p.exitValue() + "): " + all);
    }
    int bits = Integer.parseInt(all.get(0).substring("# vectorBits=".length()));
    List<String> lines = all.subList(1, all.size());
    long[] wall = new long[lines.size()];
    long[] cpu = new long[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(" ");
      wall[i] = Long.parseLong(f[0]);
      cpu[i] = Long.parseLong(f[1]);
    }
    return new Run(lines.size(), wall, cpu, bits);
  }

  // ---- inputs, written once per size so that the child JVMs do not warm up making them

  private static void writeInputs(Path dir, int w, int h) throws IOException {
    YuvFrame a = Hd.frame(1, w, h);
    YuvFrame b = YuvFrame.allocate(w, h);
    Random random = new Random(2);
    byte[] src = a.y().data();
    byte[] dst = b.y().data();
    for (int i = 0; i < src.length; i++) { // a nearby frame: noise of +-6 (a denoise keeps most, SSIM ~0.9)
      dst[i] = (byte) Math.max(0, Math.min(255, (src[i] & 0xFF) + random.nextInt(13) - 6));
    }
    Files.write(dir.resolve("a.yuv"), a.y().data());
    Files.write(dir.resolve("b.yuv"), b.y().data());
    PackedImage bgr = PackedImage.allocate(w, h, PixelLayout.BGR24);
    for (int c = 0; c < 3; c++) {
      Plane channel = Hd.plane(10 + c, w, h);
      for (int i = 0; i < w * h; i++) {
        bgr.data()[3 * i + c] = channel.data()[i];
      }
    }
    Files.write(dir.resolve("bgr.raw"), bgr.data());
  }

  /** All three planes in one array, as {@link YuvFrame#allocate} lays them out. */
  private static YuvFrame readFrame(Path file, int w, int h) throws IOException {
    YuvFrame f = YuvFrame.allocate(w, h);
    byte[] data = Files.readAllBytes(file);
    System.arraycopy(data, 0, f.y().data(), 0, data.length);
    return f;
  }

  // ---- the child: one operation, one implementation, a fresh JVM

  private static void child(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    String op = args[2];
    String impl = args[3];
    int w = Integer.parseInt(args[4]);
    int h = Integer.parseInt(args[5]);
    long cpuBudget = (long) (Double.parseDouble(args[6]) * 1e9);
    int maxFrames = Integer.parseInt(args[7]);
    YuvFrame a = readFrame(dir.resolve("a.yuv"), w, h);
    YuvFrame b = readFrame(dir.resolve("b.yuv"), w, h);
    PackedImage bgr = new PackedImage(Files.readAllBytes(dir.resolve("bgr.raw")), 0, w, h, 3 * w, PixelLayout.BGR24);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] wall = new long[maxFrames];
    long[] cpu = new long[maxFrames];
    long w0 = System.nanoTime();
    long c0 = os.getProcessCpuTime();
    // Choosing the set is part of the cost: the vector set loads and initialises the Vector API.
    Kernels k = impl.equals("vector") ? Hd.kernels("vector") : Kernels.plain();
    Runnable frame = operation(op, k, a, b, bgr);
    int n = 0;
    while (n < maxFrames) {
      frame.run();
      wall[n] = System.nanoTime() - w0;
      cpu[n] = os.getProcessCpuTime() - c0;
      n++;
      if (cpu[n - 1] > cpuBudget && n >= 20) {
        break;
      }
    }
    StringBuilder out = new StringBuilder("# vectorBits=" + k.vectorBits() + "\n");
    for (int i = 0; i < n; i++) {
      out.append(wall[i]).append(' ').append(cpu[i]).append('\n');
    }
    System.out.print(out);
  }

  /** One frame's work of {@code op}; its buffers and plans are made here, once, as callers make them. */
  private static Runnable operation(String op, Kernels k, YuvFrame a, YuvFrame b, PackedImage bgr) {
    int w = a.width();
    int h = a.height();
    return switch (op) {
      case "colour.toYuv420" -> {
        YuvFrame out = YuvFrame.allocate(w, h);
        yield () -> k.colour().toYuv420(bgr, out, ColourMatrix.BT709);
      }
      case "colour.toneMap" -> {
        // The frame as 10-bit PQ samples (8-bit codes times four): signals of 0 to about 4000 cd/m².
        YuvFrame16 hdr = YuvFrame16.allocate(w, h, 10);
        for (int i = 0; i < 3; i++) {
          for (int y = 0; y < hdr.plane(i).height(); y++) {
            for (int x = 0; x < hdr.plane(i).width(); x++) {
              hdr.plane(i).set(x, y, 4 * a.plane(i).get(x, y));
            }
          }
        }
        HdrToSdr mapping = new HdrToSdr(HdrToSdr.Curve.BT2390, 1000);
        YuvFrame out = YuvFrame.allocate(w, h);
        yield () -> mapping.toSdr(hdr, out, k.colour());
      }
      case "scale.halve" -> {
        // SceneAnalyzer's Shrinker: halve until at most 256 wide (1920 -> 240, 1280 -> 160).
        int lumaLevels = 0;
        for (int lw = w; lw > 256; lw = (lw + 1) / 2) {
          lumaLevels++;
        }
        List<Plane[]> levels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          // Chroma starts at half size: one halving fewer.
          Plane[] chain = new Plane[(i == 0 ? lumaLevels : Math.max(0, lumaLevels - 1)) + 1];
          chain[0] = a.plane(i);
          for (int l = 1; l < chain.length; l++) {
            chain[l] = Plane.allocate((chain[l - 1].width() + 1) / 2, (chain[l - 1].height() + 1) / 2);
          }
          levels.add(chain);
        }
        yield () -> {
          for (Plane[] chain : levels) {
            for (int i = 1; i < chain.length; i++) {
              k.scaler().halve(chain[i - 1], chain[i]);
            }
          }
        };
      }
      case "scale.bilinear" -> {
        YuvFrame out = YuvFrame.allocate(w * 2 / 3, h * 2 / 3);
        BilinearPlan[] plans = new BilinearPlan[3];
        for (int i = 0; i < 3; i++) {
          plans[i] = BilinearPlan.of(a.plane(i), out.plane(i));
        }
        yield () -> {
          for (int i = 0; i < 3; i++) {
            k.scaler().bilinear(a.plane(i), out.plane(i), plans[i]);
          }
        };
      }
      case "filter.blur" -> {
        YuvFrame out = YuvFrame.allocate(w, h);
        YuvFrame scratch = YuvFrame.allocate(w, h);
        GaussianKernel kernel = new GaussianKernel(2);
        yield () -> {
          for (int i = 0; i < 3; i++) {
            k.filter().gaussianBlur(a.plane(i), out.plane(i), kernel, scratch.plane(i));
          }
        };
      }
      case "filter.denoise" -> {
        YuvFrame out = YuvFrame.allocate(w, h);
        yield () -> {
          for (int i = 0; i < 3; i++) {
            k.filter().temporalDenoise(b.plane(i), a.plane(i), out.plane(i), 8, 10);
          }
        };
      }
      case "metric.psnrSsim" -> {
        SsimScratch scratch = new SsimScratch(w);
        double[] sink = new double[1];
        yield () -> {
          PsnrScore p = PsnrScore.of(k.metrics(), a, b);
          SsimScore s = SsimScore.of(k.metrics(), a, b, scratch);
          sink[0] += p.mseAverage() + s.all();
        };
      }
      default -> throw new IllegalArgumentException("unknown operation " + op + "; one of " + OPS.keySet());
    };
  }
}
