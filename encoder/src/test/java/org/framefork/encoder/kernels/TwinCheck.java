package org.framefork.encoder.kernels;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import javax.management.ObjectName;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.kernels.colour.RgbToYuv420;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.ToneCurve;
import org.framefork.encoder.kernels.filter.Watermark;
import org.framefork.encoder.kernels.metric.SsimScratch;
import org.framefork.encoder.kernels.scale.BilinearPlan;

/**
 * Runs every plain/Vector API kernel pair over pictures of awkward sizes and prints what it found,
 * one line per kernel, for {@link KernelTwinForksTest}, which starts it in JVMs with other vector
 * sizes and JIT settings. Outputs are compared byte for byte (metrics: longs, and doubles bit for
 * bit), including the bytes around each picture. Each case draws its pictures from a generator
 * seeded by the case alone, so that the plain outputs of the core cases, which every pass runs,
 * can be compared across passes and across JVMs by their digest.
 *
 * <p>Arguments: {@code widths=all|core} (see {@link #widths}), {@code big=true|false} (also the
 * pictures of 131 to 1283 columns), {@code plainOnly=true} (no Vector API: only the digests),
 * and either {@code rounds=N} (passes over the cases) or {@code untilC2=SECONDS}: passes until
 * one runs from start to end on C2 code for every entry point in {@link #VECTOR_ENTRY_POINTS}, the
 * same code before and after it (no deoptimization in between), for at most that long; with
 * {@code warm=core}, passes over the core widths without the big pictures until C2 has compiled
 * every entry point (cheaper while the Vector API still runs interpreted), whole passes after.
 *
 * <p>Output lines: {@code jvm ...} (vector sizes, JIT mode), {@code round ...} (after each pass,
 * its time and what C2 has not compiled yet), {@code kernel NAME cases=N mismatches=N core=HEX
 * stable=BOOL} (core: digest of the plain outputs of the core cases; stable: every pass gave the
 * same), {@code mismatch ...} (the first few differences), {@code c2 ...} and {@code done}.
 */
public final class TwinCheck {
  /** Widest vector this checks for: 512 bits. Widths go to three of them plus one. */
  static final int MAX_VECTOR_BYTES = 64;
  /**
   * The Vector API entry points that a hot run waits to see compiled by C2, as "package.Class.method"
   * under the kernels package. The forking test keeps them from being inlined into this class, so
   * that each has C2 code of its own to look for.
   */
  static final List<String> VECTOR_ENTRY_POINTS = List.of(
      "colour.VectorColourConverter.toYuv420", "colour.VectorColourConverter.fromYuv420",
      "colour.VectorColourConverter.luma", "colour.VectorColourConverter.chromaPairs",
      "colour.VectorColourConverter.chromaTaps", "colour.VectorColourConverter.toneMap",
      "colour.VectorColourConverter.luma10", "colour.VectorColourConverter.chromaPairs10",
      "colour.VectorColourConverter.chromaTaps10",
      "scale.VectorPlaneScaler.bilinear", "scale.VectorPlaneScaler.halve",
      "filter.VectorPlaneFilter.fill", "filter.VectorPlaneFilter.gaussianBlur",
      "filter.VectorPlaneFilter.unsharpMask", "filter.VectorPlaneFilter.temporalDenoise",
      "filter.VectorPlaneFilter.blend",
      "scale.VectorPlaneScaler.blendRows16", "filter.VectorPlaneFilter16.fill",
      "filter.VectorPlaneFilter16.gaussianBlur", "filter.VectorPlaneFilter16.unsharpMask",
      "filter.VectorPlaneFilter16.temporalDenoise", "filter.VectorPlaneFilter16.blend",
      "metric.VectorPlaneMetrics.sad", "metric.VectorPlaneMetrics.sse", "metric.VectorPlaneMetrics.ssim");
  private static final int MISMATCHES_SHOWN = 5;

  private final Kernels plain = Kernels.plain();
  private final Kernels vector;
  private final boolean big;
  /** Whether this pass runs the big pictures (a warm-up pass may leave them out). */
  private boolean bigCases = true;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final List<String> mismatches = new ArrayList<>();
  /** The widths of the pass being run. */
  private int[] widths;
  private boolean firstRound = true;
  /** Whether the case being run is a core case (see the class comment). */
  private boolean caseCore;
  /** Both curves, made once: their tables take a while in an interpreted JVM. */
  private final HdrToSdr[] toneMaps = {new HdrToSdr(HdrToSdr.Curve.BT2390, 1000), new HdrToSdr(HdrToSdr.Curve.HABLE, 4000)};
  private SsimScratch ssimA;
  private SsimScratch ssimB;
  private int ssimWidth;
  /** Seconds per family of the last pass. */
  private String lastRound = "";

  /** Cases, mismatches and digests of one kernel. */
  private static final class Tally {
    long cases;
    long mismatches;
    /** Plain outputs of this pass's core cases. */
    CRC32C round = new CRC32C();
    long core = -1;
    boolean stable = true;

    void endRound(boolean first) {
      long d = round.getValue();
      if (first) {
        core = d;
      } else if (d != core) {
        stable = false;
      }
      round = new CRC32C();
    }
  }

  TwinCheck(Kernels vector, boolean big) {
    this.vector = vector;
    this.big = big;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      options.put(a.substring(0, eq), a.substring(eq + 1));
    }
    long t0 = System.nanoTime();
    String widthSet = options.getOrDefault("widths", "all");
    int[] widths = widths(widthSet);
    int preferred = KernelSelection.vectorModulePresent() ? VectorKernels.preferredVectorBits() : 0;
    boolean plainOnly = Boolean.parseBoolean(options.getOrDefault("plainOnly", "false"));
    // Plain only: the plain kernels against themselves, for their digests (-Xint, where the Vector
    // API runs lane by lane, far too slowly to test much).
    Kernels vector = plainOnly ? Kernels.plain() : Kernels.vector().orElse(null);
    System.out.println("jvm preferredBits=" + preferred + " vectorBits=" + (vector == null ? 0 : vector.vectorBits())
        + " vm=" + System.getProperty("java.vm.info").replace(' ', '_') + " arch=" + System.getProperty("os.arch")
        + " widths=" + widthSet + (plainOnly ? " plainOnly" : ""));
    if (vector == null) {
      // Nothing to compare: this JVM refuses the Vector API kernels (the test checks that it says why).
      System.out.println("choice " + Kernels.choice());
      System.out.println("done rounds=0 seconds=" + seconds(t0));
      return;
    }
    TwinCheck check = new TwinCheck(vector, Boolean.parseBoolean(options.getOrDefault("big", "true")));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
    double untilC2 = Double.parseDouble(options.getOrDefault("untilC2", "0"));
    int done = 0;
    if (untilC2 > 0) {
      long deadline = t0 + (long) (untilC2 * 1e9);
      int steady = 0;
      Map<String, String> after = c2Code(VECTOR_ENTRY_POINTS);
      // Passes until one runs from start to end on the same C2 code for every entry point.
      boolean warming = options.containsKey("warm");
      int[] warm = warming ? widths(options.get("warm")) : widths;
      while (steady == 0 && System.nanoTime() < deadline) {
        Map<String, String> before = after;
        boolean warmRound = warming && before.size() < VECTOR_ENTRY_POINTS.size();
        check.bigCases = !warmRound;
        check.round(warmRound ? warm : widths);
        if (warmRound) {
          after = c2Code(VECTOR_ENTRY_POINTS);
          done++;
          System.out.println("round " + done + " seconds=" + seconds(t0) + " " + check.lastRound + " warm c2="
              + after.size() + "/" + VECTOR_ENTRY_POINTS.size());
          continue;
        }
        done++;
        after = c2Code(VECTOR_ENTRY_POINTS);
        if (before.size() == VECTOR_ENTRY_POINTS.size() && before.equals(after)) {
          steady = done;
        }
        System.out.println("round " + done + " seconds=" + seconds(t0) + " " + check.lastRound + " c2="
            + after.size() + "/" + VECTOR_ENTRY_POINTS.size() + (steady > 0 ? " steady" : ""));
      }
      System.out.println("c2 steadyPass=" + steady + " entryPoints=" + after.size() + "/" + VECTOR_ENTRY_POINTS.size()
          + (after.size() == VECTOR_ENTRY_POINTS.size() ? "" : " missing=" + missing(after)));
    } else {
      for (int i = 0; i < rounds; i++) {
        check.round(widths);
        done++;
        System.out.println("round " + done + " seconds=" + seconds(t0) + " " + check.lastRound);
      }
      Map<String, String> now = c2Code(VECTOR_ENTRY_POINTS);
      System.out.println("c2 now=" + now.size() + "/" + VECTOR_ENTRY_POINTS.size());
    }
    check.report();
    System.out.println("done rounds=" + done + " seconds=" + seconds(t0));
  }

  private static String missing(Map<String, String> compiled) {
    return VECTOR_ENTRY_POINTS.stream().filter(m -> !compiled.containsKey(m)).collect(Collectors.joining(","));
  }

  private static String seconds(long t0) {
    return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * {@code all}: every width from 1 to three 512-bit vectors plus one. {@code core}, for slow JVMs
   * (-Xint): 1 to 9 and the widths next to each multiple of 16 up to 193.
   */
  static int[] widths(String set) {
    int max = 3 * MAX_VECTOR_BYTES + 1;
    return switch (set) {
      case "all" -> IntStream.rangeClosed(1, max).toArray();
      case "core" -> IntStream.rangeClosed(1, max).filter(TwinCheck::isCore).toArray();
      default -> throw new IllegalArgumentException("widths=all or widths=core, not " + set);
    };
  }

  static boolean isCore(int width) {
    int m = Math.floorMod(width, 16);
    return width <= 9 || m == 15 || m == 0 || m == 1 || width == 3 * MAX_VECTOR_BYTES + 1;
  }

  /** A generator for one case, so that a case's pictures do not depend on which cases ran before. */
  private static Random random(int family, int width, int height, int variant) {
    return new Random(((family * 1_000_003L + width) * 1_009L + height) * 31L + variant);
  }

  /**
   * The entries of {@code methods} ("package.Class.method" under the kernels package) that have C2
   * code in use now, each with the compile ids of that code: a method recompiled in between has
   * other ids.
   */
  static Map<String, String> c2Code(List<String> methods) throws Exception {
    var server = ManagementFactory.getPlatformMBeanServer();
    String list = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
        "compilerCodelist", new Object[] {null}, new String[] {String[].class.getName()});
    // Lines: "compile_id level state class.method(signature) [addresses]"; state 0 is in use.
    String prefix = Kernels.class.getPackageName() + ".";
    Map<String, String> ids = new java.util.TreeMap<>();
    list.lines().map(l -> l.split(" ", 5))
        .filter(f -> f.length >= 4 && f[1].equals("4") && f[2].equals("0") && f[3].startsWith(prefix)
            && f[3].indexOf('(') > 0)
        .forEach(f -> {
          String m = f[3].substring(prefix.length(), f[3].indexOf('('));
          if (methods.contains(m)) {
            ids.merge(m, f[0], (x, y) -> x + "+" + y);
          }
        });
    return ids;
  }

  /** One pass over every kernel's cases. */
  void round(int[] widths) {
    this.widths = widths;
    long t0 = System.nanoTime();
    colour();
    long t1 = System.nanoTime();
    scale();
    long t2 = System.nanoTime();
    filters();
    filters16();
    long t3 = System.nanoTime();
    metrics();
    long t4 = System.nanoTime();
    lastRound = String.format(Locale.ROOT, "colour=%.2f scale=%.2f filter=%.2f metric=%.2f",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
    for (Tally t : tallies.values()) {
      t.endRound(firstRound);
    }
    firstRound = false;
  }

  void report() {
    tallies.forEach((name, t) -> System.out.println("kernel " + name + " cases=" + t.cases + " mismatches="
        + t.mismatches + " core=" + Long.toHexString(t.core) + " stable=" + t.stable));
    mismatches.forEach(m -> System.out.println("mismatch " + m));
  }

  private Tally tally(String kernel) {
    return tallies.computeIfAbsent(kernel, k -> new Tally());
  }

  private void digest(Tally t, byte[] b) {
    if (caseCore) {
      t.round.update(b);
    }
  }

  private void same(String kernel, String what, byte[] expected, byte[] actual) {
    Tally t = tally(kernel);
    t.cases++;
    digest(t, expected);
    int at = Arrays.mismatch(expected, actual);
    if (at >= 0) {
      fail(t, kernel, what + " first differs at byte " + at + ": plain " + (expected[at] & 0xFF) + ", vector "
          + (actual[at] & 0xFF));
    }
  }

  private void same(String kernel, String what, long expected, long actual) {
    Tally t = tally(kernel);
    t.cases++;
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (expected >>> (8 * i));
    }
    digest(t, b);
    if (expected != actual) {
      fail(t, kernel, what + ": plain " + expected + ", vector " + actual);
    }
  }

  /** Doubles compare bit for bit (NaN with NaN). */
  private void same(String kernel, String what, double expected, double actual) {
    long e = Double.doubleToLongBits(expected);
    long a = Double.doubleToLongBits(actual);
    same(kernel, e == a ? what : what + " (" + expected + " vs " + actual + ")", e, a);
  }

  private void fail(Tally t, String kernel, String what) {
    t.mismatches++;
    if (t.mismatches <= MISMATCHES_SHOWN) {
      mismatches.add(kernel + " " + what);
    }
  }

  // ---- The kernels. Every case draws its pictures from its own generator (family, size, variant).
  // A case is "core" when its width is in the core set and it is not one of the big pictures.

  /** One case of a kernel family: pictures of {@code w} x {@code h}, drawn from {@code random}. */
  private interface SizeCase {
    void run(Random random, int w, int h);
  }

  /**
   * Runs {@code body} for every width of the pass with each of {@code heights}, each case with its
   * own generator (family {@code family}, its size, variant 0) and core by its width.
   */
  private void eachSize(int family, int[] heights, SizeCase body) {
    for (int w : widths) {
      caseCore = isCore(w);
      for (int h : heights) {
        body.run(random(family, w, h, 0), w, h);
      }
    }
  }

  private void colour() {
    for (PixelLayout layout : PixelLayout.values()) {
      // The matrix changes coefficients, not code paths: each layout with each matrix on alternate widths.
      for (int w : widths) {
        caseCore = isCore(w);
        ColourMatrix matrix = ColourMatrix.values()[(w + layout.ordinal()) % 2];
        for (int h : new int[] {1, 2, 3}) {
          toYuv(random(1, w, h, layout.ordinal()), layout, matrix, w, h);
          fromYuv(random(2, w, h, layout.ordinal()), layout, matrix, w, h);
        }
        if (layout.ordinal() == 0) { // samples, not a layout: once per width
          for (int h : new int[] {2, 4, 10}) {
            rgbToYuv(random(3, w, h, 0), matrix, w + (w & 1), h);
            rgbToYuv10(random(9, w, h, 0), matrix, w + (w & 1), h);
          }
          for (int h : new int[] {1, 2, 3}) {
            toneMap(random(8, w, h, 0), toneMaps[(w + h) % 2], w, h);
          }
        }
      }
      if (big && bigCases) {
        caseCore = false;
        for (ColourMatrix matrix : ColourMatrix.values()) {
          toYuv(random(1, 643, 5, 10 * layout.ordinal() + matrix.ordinal()), layout, matrix, 643, 5);
          fromYuv(random(2, 643, 5, 10 * layout.ordinal() + matrix.ordinal()), layout, matrix, 643, 5);
        }
      }
    }
  }

  private void toYuv(Random random, PixelLayout layout, ColourMatrix matrix, int w, int h) {
    PackedImage src = RandomPictures.image(random, w, h, layout);
    YuvFrame expected = RandomPictures.frame(random, w, h);
    YuvFrame actual = RandomPictures.copy(expected);
    plain.colour().toYuv420(src, expected, matrix);
    vector.colour().toYuv420(src, actual, matrix);
    for (int i = 0; i < 3; i++) {
      same("colour.toYuv420", layout + " " + matrix + " " + w + "x" + h + " plane " + i,
          expected.plane(i).data(), actual.plane(i).data());
    }
  }

  /** The 8-or-16-bit RGB conversion (RgbToYuv420 over the luma, chroma-pair and chroma-tap kernels). */
  private void rgbToYuv(Random random, ColourMatrix matrix, int w, int h) {
    int[][] rgb = RandomPictures.rgbSamples(random, w, h);
    RgbToYuv420.RowSource rows = RandomPictures.rows(rgb, w);
    YuvFrame expected = RandomPictures.frame(random, w, h);
    YuvFrame actual = RandomPictures.copy(expected);
    new RgbToYuv420(plain.colour(), w, h).convert(rows, expected, matrix);
    new RgbToYuv420(vector.colour(), w, h).convert(rows, actual, matrix);
    for (int i = 0; i < 3; i++) {
      same("colour.rgbToYuv420", matrix + " " + w + "x" + h + " plane " + i, expected.plane(i).data(),
          actual.plane(i).data());
    }
  }

  /** The same to 10 bits (RgbToYuv420 over luma10, chromaPairs10 and chromaTaps10). */
  private void rgbToYuv10(Random random, ColourMatrix matrix, int w, int h) {
    int[][] rgb = RandomPictures.rgbSamples(random, w, h, RgbToYuv420.SAMPLE_MAX_10);
    RgbToYuv420.RowSource rows = RandomPictures.rows(rgb, w);
    YuvFrame16 expected = RandomPictures.frame16(random, w, h);
    YuvFrame16 actual = RandomPictures.copy(expected);
    new RgbToYuv420(plain.colour(), w, h, 10).convert(rows, expected, matrix);
    new RgbToYuv420(vector.colour(), w, h, 10).convert(rows, actual, matrix);
    for (int i = 0; i < 3; i++) {
      same("colour.rgbToYuv420p10", matrix + " " + w + "x" + h + " plane " + i, expected.plane(i).data(),
          actual.plane(i).data());
    }
  }

  /** HDR10 to SDR: the per-pixel stage is the kernel, the rest (rounding, chroma means) is shared. */
  private void toneMap(Random random, HdrToSdr curve, int w, int h) {
    YuvFrame16 src = RandomPictures.hdrFrame(random, w, h);
    YuvFrame expected = RandomPictures.frame(random, w, h);
    YuvFrame actual = RandomPictures.copy(expected);
    curve.toSdr(src, expected, plain.colour());
    curve.toSdr(src, actual, vector.colour());
    for (int i = 0; i < 3; i++) {
      same("colour.toneMap", w + "x" + h + " plane " + i, expected.plane(i).data(), actual.plane(i).data());
    }
  }

  private void fromYuv(Random random, PixelLayout layout, ColourMatrix matrix, int w, int h) {
    YuvFrame src = RandomPictures.frame(random, w, h);
    PackedImage expected = RandomPictures.image(random, w, h, layout);
    PackedImage actual = RandomPictures.copy(expected);
    plain.colour().fromYuv420(src, expected, matrix);
    vector.colour().fromYuv420(src, actual, matrix);
    same("colour.fromYuv420", layout + " " + matrix + " " + w + "x" + h, expected.data(), actual.data());
  }

  private void scale() {
    eachSize(3, new int[] {1, 3, 5}, (random, w, h) -> {
      Plane src = RandomPictures.plane(random, w, h);
      // Down, up and sideways, to the same width and to one column.
      for (int ow : new int[] {1, w, (w + 1) / 2, w * 3 / 2 + 1, 1 + random.nextInt(3 * w + 1)}) {
        bilinear(random, src, ow, 1 + random.nextInt(2 * h + 1));
      }
      halve(random, src);
      halve16(random, RandomPictures.plane16(random, w, h));
    });
    if (big && bigCases) {
      caseCore = false;
      Random random = random(3, 963, 9, 0);
      Plane src = RandomPictures.plane(random, 963, 9);
      bilinear(random, src, 641, 7);
      bilinear(random, src, 1283, 13);
      bilinear(random, src, 321, 5);
      halve(random, src);
    }
  }

  private void bilinear(Random random, Plane src, int ow, int oh) {
    Plane expected = RandomPictures.plane(random, ow, oh);
    Plane actual = RandomPictures.copy(expected);
    BilinearPlan plan = BilinearPlan.of(src, expected);
    plain.scaler().bilinear(src, expected, plan);
    vector.scaler().bilinear(src, actual, plan);
    same("scale.bilinear", src.width() + "x" + src.height() + " -> " + ow + "x" + oh,
        expected.data(), actual.data());
  }

  private void halve(Random random, Plane src) {
    Plane expected = RandomPictures.plane(random, (src.width() + 1) / 2, (src.height() + 1) / 2);
    Plane actual = RandomPictures.copy(expected);
    plain.scaler().halve(src, expected);
    vector.scaler().halve(src, actual);
    same("scale.halve", src.width() + "x" + src.height(), expected.data(), actual.data());
  }

  /** The 16-bit 2:1 box of the 10-bit scene analysis. */
  private void halve16(Random random, Plane16 src) {
    Plane16 expected = RandomPictures.plane16(random, (src.width() + 1) / 2, (src.height() + 1) / 2);
    Plane16 actual = new Plane16(expected.data().clone(), expected.offset(), expected.width(), expected.height(),
        expected.stride());
    plain.scaler().halve(src, expected);
    vector.scaler().halve(src, actual);
    same("scale.halve16", src.width() + "x" + src.height(), shortBytes(expected.data()), shortBytes(actual.data()));
  }

  /** Little-endian bytes of {@code samples}, for the byte comparison and the digest. */
  private static byte[] shortBytes(short[] samples) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 * samples.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    return b.array();
  }

  private void filters() {
    ToneCurve curve = new ToneCurve(0.1, 1.3, 1.8);
    int[][] denoise = {{12, 9}, {0, 16}, {256, 16}, {1, 0}};
    eachSize(4, new int[] {1, 3, 5}, (random, w, h) -> {
      Plane src = RandomPictures.plane(random, w, h);
      for (int radius : new int[] {0, 1, 3}) {
        blurAndSharpen(random, src, radius, w % 2 == 0 ? 1.5 : 3.96);
      }
      int[] d = denoise[(w + h) % denoise.length];
      pointFilters(random, src, d[0], d[1], curve);
    });
    if (big && bigCases) {
      caseCore = false;
      Random random = random(4, 643, 7, 0);
      Plane src = RandomPictures.plane(random, 643, 7);
      for (int radius : new int[] {2, 9, 32}) {
        blurAndSharpen(random, src, radius, 0.8);
      }
      pointFilters(random, src, 10, 8, curve);
    }
    overlays();
  }

  private void blurAndSharpen(Random random, Plane src, int radius, double amount) {
    GaussianKernel kernel = new GaussianKernel(radius);
    int w = src.width();
    int h = src.height();
    Plane expected = RandomPictures.plane(random, w, h);
    Plane actual = RandomPictures.copy(expected);
    Plane scratchA = RandomPictures.plane(random, w, h);
    Plane scratchB = RandomPictures.copy(scratchA);
    String what = "r" + radius + " " + w + "x" + h;
    plain.filter().gaussianBlur(src, expected, kernel, scratchA);
    vector.filter().gaussianBlur(src, actual, kernel, scratchB);
    same("filter.gaussianBlur", what, expected.data(), actual.data());
    plain.filter().unsharpMask(src, expected, kernel, amount, scratchA);
    vector.filter().unsharpMask(src, actual, kernel, amount, scratchB);
    same("filter.unsharpMask", what + " amount " + amount, expected.data(), actual.data());
  }

  private void pointFilters(Random random, Plane current, int threshold, int strength, ToneCurve curve) {
    int w = current.width();
    int h = current.height();
    Plane previous = RandomPictures.near(random, current, 24);
    Plane expected = RandomPictures.plane(random, w, h);
    Plane actual = RandomPictures.copy(expected);
    String what = w + "x" + h;
    plain.filter().temporalDenoise(current, previous, expected, threshold, strength);
    vector.filter().temporalDenoise(current, previous, actual, threshold, strength);
    same("filter.temporalDenoise", what + " " + threshold + "/" + strength, expected.data(), actual.data());
    plain.filter().applyCurve(current, expected, curve);
    vector.filter().applyCurve(current, actual, curve);
    same("filter.applyCurve", what, expected.data(), actual.data());
    int value = random.nextInt(256);
    plain.filter().fill(expected, value);
    vector.filter().fill(actual, value);
    same("filter.fill", what, expected.data(), actual.data());
  }

  private void overlays() {
    eachSize(5, new int[] {5}, (random, w, h) -> {
      YuvFrame frame = RandomPictures.frame(random, 3 * MAX_VECTOR_BYTES + 10, 9);
      Watermark mark = Watermark.of(RandomPictures.image(random, w, h, PixelLayout.RGBA), ColourMatrix.BT601);
      overlay(mark, frame, 2, 2);
    });
    caseCore = true; // every JVM runs these
    int size = 2 * MAX_VECTOR_BYTES + 3;
    Random random = random(5, size, 9, 0);
    Watermark mark = Watermark.of(RandomPictures.image(random, size, 9, PixelLayout.RGBA), ColourMatrix.BT709);
    YuvFrame frame = RandomPictures.frame(random, size + 20, 31);
    for (int[] at : new int[][] {{0, 0}, {5, 3}, {-7, -4}, {30, 25}, {-size + 1, 0}, {size + 20, 0}}) {
      overlay(mark, frame, at[0], at[1]);
    }
  }

  private void overlay(Watermark mark, YuvFrame frame, int x, int y) {
    YuvFrame expected = RandomPictures.copy(frame);
    YuvFrame actual = RandomPictures.copy(frame);
    plain.filter().overlay(mark, expected, x, y);
    vector.filter().overlay(mark, actual, x, y);
    for (int i = 0; i < 3; i++) {
      same("filter.overlay", mark.width() + "x" + mark.height() + " at " + x + "," + y + " plane " + i,
          expected.plane(i).data(), actual.plane(i).data());
    }
  }

  /**
   * The 16-bit scale and filters on 10-bit samples (and 16-bit ones for the scale and the blur,
   * whose sums come closest to overflowing), the same shapes as at 8 bits.
   */
  private void filters16() {
    ToneCurve curve = new ToneCurve(0.1, 1.3, 1.8, 10);
    int[][] denoise = {{48, 9}, {0, 16}, {1 << 16, 16}, {4, 0}};
    eachSize(8, new int[] {1, 3, 5}, (random, w, h) -> {
      int depth = (w + h) % 3 == 0 ? 16 : 10;
      Plane16 src = SixteenBitFilterKernelTest.plane(random, w, h, depth);
      for (int ow : new int[] {1, w, (w + 1) / 2, w * 3 / 2 + 1}) {
        bilinear16(random, src, ow, 1 + random.nextInt(2 * h + 1), depth);
      }
      for (int radius : new int[] {0, 1, 3}) {
        blurAndSharpen16(random, src, radius, w % 2 == 0 ? 1.5 : 3.96, depth);
      }
      int[] d = denoise[(w + h) % denoise.length];
      pointFilters16(random, SixteenBitFilterKernelTest.plane(random, w, h, 10), d[0], d[1], curve);
    });
    eachSize(9, new int[] {5}, (random, w, h) -> {
      // Full range spreads the levels to the peak (Watermark.deepen), limited range shifts them.
      ColourRange range = (w & 2) == 0 ? ColourRange.FULL : ColourRange.LIMITED;
      Watermark mark = Watermark.of(RandomPictures.image(random, w, h, PixelLayout.RGBA), ColourMatrix.BT709, range);
      int fw = 3 * MAX_VECTOR_BYTES + 10;
      YuvFrame16 frame = new YuvFrame16(SixteenBitFilterKernelTest.plane(random, fw, 9, 10),
          SixteenBitFilterKernelTest.plane(random, fw / 2, 5, 10), SixteenBitFilterKernelTest.plane(random, fw / 2, 5, 10), 10);
      overlay16(mark, frame, (w & 1) == 0 ? 2 : -3, 2);
    });
    if (big && bigCases) {
      caseCore = false;
      Random random = random(8, 963, 9, 0);
      Plane16 src = SixteenBitFilterKernelTest.plane(random, 963, 9, 10);
      bilinear16(random, src, 1283, 13, 10);
      bilinear16(random, src, 321, 5, 10);
      for (int radius : new int[] {2, 9, 32}) {
        blurAndSharpen16(random, src, radius, 0.8, 10);
      }
    }
  }

  private void bilinear16(Random random, Plane16 src, int ow, int oh, int depth) {
    Plane16 expected = SixteenBitFilterKernelTest.plane(random, ow, oh, depth);
    Plane16 actual = SixteenBitFilterKernelTest.copy(expected);
    BilinearPlan plan = BilinearPlan.of(src.width(), src.height(), ow, oh);
    plain.scaler().bilinear(src, expected, plan);
    vector.scaler().bilinear(src, actual, plan);
    same("scale.bilinear16", depth + " bits " + src.width() + "x" + src.height() + " -> " + ow + "x" + oh,
        expected.data(), actual.data());
  }

  private void blurAndSharpen16(Random random, Plane16 src, int radius, double amount, int depth) {
    GaussianKernel kernel = new GaussianKernel(radius);
    Plane16 expected = SixteenBitFilterKernelTest.plane(random, src.width(), src.height(), depth);
    Plane16 actual = SixteenBitFilterKernelTest.copy(expected);
    Plane16 scratchA = SixteenBitFilterKernelTest.plane(random, src.width(), src.height(), depth);
    Plane16 scratchB = SixteenBitFilterKernelTest.copy(scratchA);
    String what = depth + " bits r" + radius + " " + src.width() + "x" + src.height();
    plain.filter().sixteenBit().gaussianBlur(src, expected, kernel, scratchA);
    vector.filter().sixteenBit().gaussianBlur(src, actual, kernel, scratchB);
    same("filter.gaussianBlur16", what, expected.data(), actual.data());
    plain.filter().sixteenBit().unsharpMask(src, expected, kernel, amount, scratchA, depth);
    vector.filter().sixteenBit().unsharpMask(src, actual, kernel, amount, scratchB, depth);
    same("filter.unsharpMask16", what + " amount " + amount, expected.data(), actual.data());
  }

  private void pointFilters16(Random random, Plane16 current, int threshold, int strength, ToneCurve curve) {
    int w = current.width();
    int h = current.height();
    Plane16 previous = RandomPictures.near16(random, current, 96);
    Plane16 expected = SixteenBitFilterKernelTest.plane(random, w, h, 10);
    Plane16 actual = SixteenBitFilterKernelTest.copy(expected);
    plain.filter().sixteenBit().temporalDenoise(current, previous, expected, threshold, strength);
    vector.filter().sixteenBit().temporalDenoise(current, previous, actual, threshold, strength);
    same("filter.temporalDenoise16", w + "x" + h + " " + threshold + "/" + strength, expected.data(), actual.data());
    plain.filter().sixteenBit().applyCurve(current, expected, curve);
    vector.filter().sixteenBit().applyCurve(current, actual, curve);
    same("filter.applyCurve16", w + "x" + h, expected.data(), actual.data());
    int value = random.nextInt(1024);
    plain.filter().sixteenBit().fill(expected, value);
    vector.filter().sixteenBit().fill(actual, value);
    same("filter.fill16", w + "x" + h, expected.data(), actual.data());
  }

  private void overlay16(Watermark mark, YuvFrame16 frame, int x, int y) {
    YuvFrame16 expected = new YuvFrame16(SixteenBitFilterKernelTest.copy(frame.y()),
        SixteenBitFilterKernelTest.copy(frame.u()), SixteenBitFilterKernelTest.copy(frame.v()), frame.depth());
    YuvFrame16 actual = new YuvFrame16(SixteenBitFilterKernelTest.copy(frame.y()),
        SixteenBitFilterKernelTest.copy(frame.u()), SixteenBitFilterKernelTest.copy(frame.v()), frame.depth());
    plain.filter().sixteenBit().overlay(mark, expected, x, y);
    vector.filter().sixteenBit().overlay(mark, actual, x, y);
    for (int i = 0; i < 3; i++) {
      same("filter.overlay16", mark.width() + "x" + mark.height() + " at " + x + "," + y + " plane " + i,
          expected.plane(i).data(), actual.plane(i).data());
    }
  }

  /** Short arrays compare as their little-endian bytes (the digest reads them so). */
  private void same(String kernel, String what, short[] expected, short[] actual) {
    same(kernel, what, littleEndian(expected), littleEndian(actual));
  }

  private static byte[] littleEndian(short[] samples) {
    byte[] b = new byte[2 * samples.length];
    for (int i = 0; i < samples.length; i++) {
      b[2 * i] = (byte) samples[i];
      b[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    return b;
  }

  private void metrics() {
    eachSize(6, new int[] {1, 3, 5, 8, 13}, (random, w, h) -> {
      Plane a = RandomPictures.plane(random, w, h);
      Plane b = random.nextBoolean() ? RandomPictures.plane(random, w, h) : RandomPictures.near(random, a, 20);
      differences(a, b);
      if (h >= 5) {
        ssim(a, b);
      }
    });
    if (big && bigCases) {
      caseCore = false;
      for (int w : new int[] {131, 257, 400, 643}) {
        Random random = random(6, w, 21, 0);
        Plane a = RandomPictures.plane(random, w, 21);
        Plane b = RandomPictures.near(random, a, 20);
        differences(a, b);
        ssim(a, b);
      }
    }
    // Rows so long that per-lane sums overflow narrow accumulators: all 0 against all 255.
    // Cheap enough for every JVM, so part of the core cases.
    caseCore = true;
    for (int w : new int[] {33_025, 33_026, 40_000}) {
      Plane zeros = Plane.allocate(w, 2);
      Plane full = Plane.allocate(w, 2);
      Arrays.fill(full.data(), (byte) 255);
      differences(zeros, full);
      differences(full, zeros);
    }
    metrics16();
  }

  /** The 16-bit metrics on 10-bit samples: the same widths, and one row long enough to pass an int. */
  private void metrics16() {
    eachSize(7, new int[] {1, 5, 8}, (random, w, h) -> {
      Plane16 a = RandomPictures.plane16(random, w, h);
      Plane16 b = random.nextBoolean() ? RandomPictures.plane16(random, w, h) : RandomPictures.near16(random, a, 40);
      same("metric.sse16", w + "x" + h, plain.metrics().sse(a, b), vector.metrics().sse(a, b));
      same("metric.sad16", w + "x" + h, plain.metrics().sad(a, b), vector.metrics().sad(a, b));
      if (h >= 5) {
        scratchFor(w);
        same("metric.ssim16", w + "x" + h, plain.metrics().ssim(a, b, 10, ssimA), vector.metrics().ssim(a, b, 10, ssimB));
      }
    });
    caseCore = true;
    Plane16 zeros = Plane16.allocate(8192, 2);
    Plane16 full = Plane16.allocate(8192, 2);
    Arrays.fill(full.data(), (short) 1023);
    same("metric.sse16", "8192x2 of 1023", plain.metrics().sse(zeros, full), vector.metrics().sse(zeros, full));
    same("metric.sad16", "8192x2 of 1023", plain.metrics().sad(zeros, full), vector.metrics().sad(zeros, full));
  }

  private void differences(Plane a, Plane b) {
    int w = a.width();
    String what = w + "x" + a.height();
    same("metric.sad", what, plain.metrics().sad(a, b), vector.metrics().sad(a, b));
    same("metric.sse", what, plain.metrics().sse(a, b), vector.metrics().sse(a, b));
  }

  private void scratchFor(int w) {
    if (ssimA == null || ssimWidth < w) {
      ssimA = new SsimScratch(w);
      ssimB = new SsimScratch(w);
      ssimWidth = w;
    }
  }

  private void ssim(Plane a, Plane b) {
    int w = a.width();
    scratchFor(w);
    same("metric.ssim", w + "x" + a.height(), plain.metrics().ssim(a, b, ssimA), vector.metrics().ssim(a, b, ssimB));
  }
}
