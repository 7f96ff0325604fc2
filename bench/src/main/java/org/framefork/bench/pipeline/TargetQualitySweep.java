package org.framefork.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.quality.ChunkTarget;
import org.framefork.encoder.quality.QualityMetric;
import org.framefork.encoder.quality.TargetQuality;
import org.framefork.encoder.quality.TargetQualityReport;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.verify.ChunkQuality;

/**
 * Target quality against a fixed CRF: the clip encoded at a target, then at fixed CRFs around the
 * CRFs it chose until their whole-video mean score brackets the target encode's, so that sizes
 * compare at one mean score (log size interpolated between the two CRFs). Reports the sizes, the
 * spread of the chunks' scores (the point of a target: even quality), what the probes cost, how
 * close each chunk came, and, for VMAF, the whole output by libvmaf. H.264 medium, one codec
 * thread per chunk, the same chunks for both (tail splits off).
 */
public final class TargetQualitySweep {
  /** One chunk: the CRF target quality gave it, its probes, predicted and final score, and the fixed CRF's score. */
  public record ChunkRow(int chunk, int frames, double crf, String probes, double predicted, double finalScore,
      double fixedScore) {}

  /**
   * The figures.
   *
   * @param fixedCrf the fixed CRF (interpolated) whose mean score equals the target encode's
   * @param fixedBytes its size there (log-interpolated)
   * @param probeCpuSeconds the probes' CPU time; with {@code encodeCpuSeconds}, the final encodes', the
   *     measure of their cost that other work on the machine does not skew
   * @param checkCpuSeconds the CPU time of scoring each final encode on every frame as it was made
   *     (the output's quality check reuses those scores); NaN where unknown
   * @param libvmafMean the target encode's mean VMAF by libvmaf (NaN when not VMAF or no libvmaf)
   * @param libvmafP5 the same frames' 5th percentile
   * @param sameWorst the fixed CRF whose worst chunk scores what target quality's worst chunk does,
   *     and its size there: what a fixed CRF costs to keep every chunk at least as good; null when
   *     no fixed CRF tried reached it
   */
  public record Result(String clip, String band, int workers, long targetBytes, double targetMean, double fixedCrf,
      double fixedBytes, double sizeChangePercent, double targetStdDev, double fixedStdDev, double probeSeconds,
      double encodeSeconds, double probeCpuSeconds, double encodeCpuSeconds, double checkCpuSeconds, double targetWallSeconds, double fixedWallSeconds, double worstChunkError, int chunksInBand,
      double libvmafMean, double libvmafP5, List<ChunkRow> chunks, SameWorst sameWorst) {}

  /** A fixed CRF (interpolated) and its size (log-interpolated) where its worst chunk scores {@code worstChunk}. */
  public record SameWorst(double worstChunk, double crf, double bytes) {}

  private TargetQualitySweep() {}

  /** One fixed-CRF encode: its CRF, size, mean score, each chunk's pooled score, wall time. */
  private record Fixed(int crf, long bytes, double mean, double[] chunkScores, double wallSeconds) {}

  public static Result run(Path clip, TargetQuality target, int workers, Path work, Path libvmaf, PrintStream progress)
      throws IOException {
    Files.createDirectories(work);
    String stem = clip.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    progress.println("target quality: " + clip.getFileName() + " at " + target.band());
    Path targetOut = work.resolve(stem + ".target.mkv");
    long t0 = System.nanoTime();
    JobReport t = new EncodeJob(options(clip, targetOut, 23, workers).withTargetQuality(target), null).run();
    double targetWall = (System.nanoTime() - t0) / 1e9;
    TargetQualityReport tq = t.targetQuality();
    QualityMetric metric = target.metric();
    double targetMean = metric.mean(t.quality());
    progress.printf(Locale.ROOT, "  target: %d bytes, mean %s %.3f, probes %.1f s, encodes %.1f s%n", t.output().bytes(),
        metric, targetMean, tq.probeSeconds(), tq.encodeSeconds());
    List<Fixed> fixed = bracket(clip, work.resolve(stem + ".fixed.mkv"), target, workers, targetMean, startCrf(tq), progress);
    Fixed below = fixed.get(fixed.size() - 2);
    Fixed above = fixed.get(fixed.size() - 1);
    double at = (targetMean - below.mean()) / (above.mean() - below.mean());
    double fixedCrf = below.crf() + at * (above.crf() - below.crf());
    double fixedBytes = Math.exp(Math.log(below.bytes()) + at * (Math.log(above.bytes()) - Math.log(below.bytes())));
    Fixed nearest = Math.abs(below.mean() - targetMean) < Math.abs(above.mean() - targetMean) ? below : above;
    List<ChunkRow> rows = new ArrayList<>();
    double worst = 0;
    for (int i = 0; i < tq.chunks().size(); i++) {
      ChunkTarget c = tq.chunks().get(i);
      worst = Math.max(worst, Math.abs(c.finalScore() - target.target()));
      String probes = c.searchText(metric);
      rows.add(new ChunkRow(c.chunk(), c.frames(), c.crf(), probes, c.predicted(), c.finalScore(), nearest.chunkScores()[i]));
    }
    double[] whole = metric == QualityMetric.VMAF && libvmaf != null ? libvmaf(libvmaf, clip, targetOut, work)
        : new double[] {Double.NaN, Double.NaN};
    double worstChunk = tq.chunks().stream().mapToDouble(ChunkTarget::finalScore).min().orElse(Double.NaN);
    SameWorst sameWorst = sameWorst(clip, work.resolve(stem + ".fixed.mkv"), target, workers, fixed, worstChunk, progress);
    return new Result(clip.getFileName().toString(), target.band(), workers, t.output().bytes(), targetMean, fixedCrf,
        fixedBytes, 100.0 * (t.output().bytes() - fixedBytes) / fixedBytes, tq.finalStdDev(),
        stdDev(nearest.chunkScores()), tq.probeSeconds(), tq.encodeSeconds(), tq.probeCpuSeconds(), tq.encodeCpuSeconds(), tq.checkCpuSeconds(), targetWall, nearest.wallSeconds(), worst,
        tq.chunksInBand(), whole[0], whole[1], List.copyOf(rows), sameWorst);
  }

  /**
   * The fixed CRF at which the worst chunk scores {@code worstChunk}: from the fixed encodes made
   * so far ({@code runs}), then one CRF lower at a time (up to 6) until the worst chunk reaches it;
   * interpolated between the two CRFs either side. Null when none reached it.
   */
  private static SameWorst sameWorst(Path clip, Path out, TargetQuality target, int workers, List<Fixed> runs,
      double worstChunk, PrintStream progress) {
    List<Fixed> all = new ArrayList<>(runs);
    all.sort(java.util.Comparator.comparingInt(Fixed::crf));
    for (int tries = 0; tries < 6 && lowest(all.getFirst()) < worstChunk; tries++) {
      all.addFirst(fixed(clip, out, all.getFirst().crf() - 1, target, workers, progress));
    }
    for (int i = 0; i + 1 < all.size(); i++) {
      Fixed better = all.get(i);
      Fixed worse = all.get(i + 1);
      if (lowest(better) >= worstChunk && lowest(worse) < worstChunk) {
        double at = (worstChunk - lowest(better)) / (lowest(worse) - lowest(better));
        return new SameWorst(worstChunk, better.crf() + at * (worse.crf() - better.crf()),
            Math.exp(Math.log(better.bytes()) + at * (Math.log(worse.bytes()) - Math.log(better.bytes()))));
      }
    }
    return null;
  }

  private static double lowest(Fixed f) {
    return Arrays.stream(f.chunkScores()).min().orElse(Double.NaN);
  }

  /** libvmaf's reference FFmpeg (the imageio-ffmpeg wheel's, as the tests use it), or null when it is not installed. */
  public static Path libvmafBinary() {
    Path p = Path.of(System.getProperty("user.home"), ".cache", "framefork", "imageio-ffmpeg-0.6.0", "imageio_ffmpeg",
        "binaries", "ffmpeg-linux-x86_64-v7.0.2");
    return Files.isExecutable(p) ? p : null;
  }

  /** The chart of {@code r}: per chunk the CRF chosen, and the final score against the band and the fixed CRF's. */
  public static void chart(Path file, Result r, TargetQuality target) throws IOException {
    ChartWriter.targetQuality(file, r.clip() + ", " + r.band(),
        r.chunks().stream().map(c -> Integer.toString(c.chunk())).toList(),
        r.chunks().stream().mapToDouble(ChunkRow::crf).toArray(),
        r.chunks().stream().mapToDouble(ChunkRow::finalScore).toArray(),
        r.chunks().stream().mapToDouble(ChunkRow::fixedScore).toArray(), target.metric().toString(), target.low(),
        target.high());
  }

  private static int startCrf(TargetQualityReport tq) {
    return (int) Math.round(tq.chunks().stream().mapToDouble(ChunkTarget::crf).average().orElse(23));
  }

  /** No fixed CRF in the codec's range scores the target encode's mean: said in one line. */
  public static final class NoBracket extends RuntimeException {
    NoBracket(String message) {
      super(message);
    }
  }

  /**
   * Fixed-CRF encodes until two neighbouring CRFs bracket {@code mean}: all of them, the bracketing
   * two last, better (lower CRF) first.
   */
  private static List<Fixed> bracket(Path clip, Path out, TargetQuality target, int workers, double mean, int crf,
      PrintStream progress) {
    java.util.Map<Integer, Fixed> runs = new java.util.LinkedHashMap<>();
    int[] pair = bracketCrfs(crf, 0, VideoCodec.H264.maxCrf(), mean,
        c -> runs.computeIfAbsent(c, k -> fixed(clip, out, k, target, workers, progress)).mean());
    Fixed below = runs.remove(pair[0]);
    Fixed above = runs.remove(pair[1]);
    List<Fixed> all = new ArrayList<>(runs.values());
    all.add(below);
    all.add(above);
    return all;
  }

  /**
   * Two neighbouring CRFs in {@code [min, max]} whose scores ({@code meanAt}, falling as the CRF
   * rises) lie either side of {@code mean}, lower CRF first: from {@code start} outward in doubling
   * steps until the score crosses {@code mean}, then halving the interval. Throws {@link NoBracket}
   * when even the range's end does not reach it.
   */
  static int[] bracketCrfs(int start, int min, int max, double mean, IntToDoubleFunction meanAt) {
    int last = Math.clamp(start, min, max);
    double lastMean = meanAt.applyAsDouble(last);
    int dir = lastMean > mean ? 1 : -1;
    int next;
    for (int step = 1; ; step *= 2) {
      next = Math.clamp((long) last + (long) dir * step, min, max);
      if (next == last) {
        throw new NoBracket(String.format(Locale.ROOT, "no fixed CRF from %d to %d reaches the target encode's mean "
            + "score %.3f (CRF %d scores %.3f); the comparison needs one that does, so try another --target", min, max,
            mean, last, lastMean));
      }
      double nextMean = meanAt.applyAsDouble(next);
      if ((nextMean - mean) * (lastMean - mean) <= 0) {
        break;
      }
      last = next;
      lastMean = nextMean;
    }
    int lo = Math.min(last, next);
    int hi = Math.max(last, next);
    double loMean = meanAt.applyAsDouble(lo);
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      double midMean = meanAt.applyAsDouble(mid);
      if ((midMean - mean) * (loMean - mean) <= 0) {
        hi = mid;
      } else {
        lo = mid;
        loMean = midMean;
      }
    }
    return new int[] {lo, hi};
  }

  private static Fixed fixed(Path clip, Path out, int crf, TargetQuality target, int workers, PrintStream progress) {
    long t0 = System.nanoTime();
    JobReport r = new EncodeJob(options(clip, out, crf, workers), null).run();
    double wall = (System.nanoTime() - t0) / 1e9;
    double mean = target.metric().mean(r.quality());
    double[] chunks = r.quality().chunks().stream()
        .mapToDouble((ChunkQuality c) -> target.pooling().apply(target.metric().of(c.frames()))).toArray();
    progress.printf(Locale.ROOT, "  fixed crf %d: %d bytes, mean %s %.3f (%.1f s)%n", crf, r.output().bytes(),
        target.metric(), mean, wall);
    return new Fixed(crf, r.output().bytes(), mean, chunks, wall);
  }

  private static JobOptions options(Path clip, Path out, int crf, int workers) {
    return JobOptions.defaults(clip, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, crf, "medium", 1))
        .withMode(ExecutionMode.PARALLEL, workers)
        .withVerifyQuality(true)
        .withTailSplit(false)
        .withOverwrite(true);
  }

  private static double stdDev(double[] v) {
    double mean = Arrays.stream(v).average().orElse(Double.NaN);
    return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(Double.NaN));
  }

  /** libvmaf's mean and 5th percentile of {@code encoded} against {@code clip}, both scaled to 1920x1080 bicubic. */
  private static double[] libvmaf(Path binary, Path clip, Path encoded, Path work) throws IOException {
    Path log = work.resolve(encoded.getFileName() + ".libvmaf.json");
    Process p = new ProcessBuilder(binary.toString(), "-nostdin", "-v", "error", "-i", encoded.toString(), "-i",
        clip.toString(), "-lavfi", "[0:v]scale=1920:1080:flags=bicubic[d];[1:v]scale=1920:1080:flags=bicubic[r];"
            + "[d][r]libvmaf=log_fmt=json:log_path=" + log + ":n_threads=2", "-f", "null", "-")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        return new double[] {Double.NaN, Double.NaN};
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new double[] {Double.NaN, Double.NaN};
    }
    JsonNode doc = new ObjectMapper().readTree(log.toFile());
    List<Double> scores = new ArrayList<>();
    doc.path("frames").forEach(f -> scores.add(f.path("metrics").path("vmaf").asDouble()));
    double[] s = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new double[] {Arrays.stream(s).average().orElse(Double.NaN),
        org.framefork.encoder.verify.vmaf.VmafTally.percentile(s, 5)};
  }

  private static double ratio(double a, double b) {
    return b > 0 ? a / b : Double.NaN;
  }

  private static boolean cpuKnown(Result r) {
    return !Double.isNaN(ratio(r.probeCpuSeconds(), r.encodeCpuSeconds()));
  }

  /** The probes' cost over the final encodes': by CPU time where known, else by wall time. */
  public static double probeCostRatio(Result r) {
    return cpuKnown(r) ? ratio(r.probeCpuSeconds(), r.encodeCpuSeconds()) : ratio(r.probeSeconds(), r.encodeSeconds());
  }

  /** {@link #probeCostRatio} with its figures: {@code 41.3 s / 13.7 s of CPU = 3.01x}, or the same in wall time. */
  public static String probeCost(Result r) {
    return cpuKnown(r) ? f("%.1f s / %.1f s of CPU = %.2fx", r.probeCpuSeconds(), r.encodeCpuSeconds(), probeCostRatio(r))
        : f("%.1f s / %.1f s of wall time = %.2fx", r.probeSeconds(), r.encodeSeconds(), probeCostRatio(r));
  }

  /** The section's markdown: the figures, the chunks, and the chart. */
  public static String markdown(Result r, QualityMetric metric, String chart) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s, %s, H.264 medium, %d workers.%n%n", r.clip(), r.band(), r.workers()));
    MarkdownTable t = new MarkdownTable("figure", ">target quality", ">fixed CRF at the same mean");
    t.row("CRF", "per chunk", f("%.2f", r.fixedCrf()));
    t.row("mean " + metric + " (whole video)", metric.format(r.targetMean()), metric.format(r.targetMean()));
    t.row("size", f("%.0f KiB", r.targetBytes() / 1024.0), f("%.0f KiB", r.fixedBytes() / 1024.0));
    t.row("chunks' score spread (std dev of their pooled scores)", metric.format(r.targetStdDev()), metric.format(r.fixedStdDev()));
    t.row("wall time", f("%.1f s", r.targetWallSeconds()), f("%.1f s", r.fixedWallSeconds()));
    b.append(t).append('\n');
    b.append(String.format(Locale.ROOT, "Target quality's output is %+.1f%% in size against the fixed CRF. Probes took "
        + "%.1f s, %.2fx the final encodes' %.1f s (chunk times added up)%s. "
        + "%d of %d chunks' final scores lie in the band; the worst is %s off the target.%n%n", r.sizeChangePercent(),
        r.probeSeconds(), ratio(r.probeSeconds(), r.encodeSeconds()), r.encodeSeconds(),
        cpuKnown(r) ? f(", and %.1f s of CPU, %.2fx their %.1f s (scoring each final on every frame as it was made, which "
            + "the output's quality check reuses, took %.1f s of CPU more)", r.probeCpuSeconds(), probeCostRatio(r),
            r.encodeCpuSeconds(), r.checkCpuSeconds()) : "",
        r.chunksInBand(), r.chunks().size(), metric.format(r.worstChunkError())));
    if (r.sameWorst() != null) {
      SameWorst w = r.sameWorst();
      b.append(String.format(Locale.ROOT, "At the same worst chunk (%s), a fixed CRF of %.2f makes %.0f KiB: target "
          + "quality's output is %+.1f%% in size against it.%n%n", metric.format(w.worstChunk()), w.crf(), w.bytes() / 1024.0,
          100.0 * (r.targetBytes() - w.bytes()) / w.bytes()));
    }
    if (!Double.isNaN(r.libvmafMean())) {
      b.append(String.format(Locale.ROOT, "The whole output by libvmaf: mean %.2f, 5th percentile %.2f.%n%n",
          r.libvmafMean(), r.libvmafP5()));
    }
    MarkdownTable c = new MarkdownTable(">chunk", ">frames", ">CRF", "probes (CRF: score)", ">predicted", ">final",
        ">fixed CRF");
    for (ChunkRow row : r.chunks()) {
      c.row(row.chunk(), row.frames(), EncodeSettings.formatCrf(row.crf()), row.probes(), metric.format(row.predicted()),
          metric.format(row.finalScore()), metric.format(row.fixedScore()));
    }
    b.append(c).append('\n');
    if (chart != null) {
      b.append("![each chunk's CRF and final score](").append(chart).append(")\n");
    }
    return b.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
