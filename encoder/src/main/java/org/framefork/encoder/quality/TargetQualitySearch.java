package org.framefork.encoder.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.ProbeEncoder;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.job.ChunkSettings;
import org.framefork.encoder.job.CpuClock;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobListener;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.OutputQuality;

/**
 * Target quality: before a chunk is encoded, its worker probes a few CRFs (fast encodes of every
 * few frames, scored against the chunk's pictures, decoded once for all probes), picks the CRF
 * with {@link CrfSearch}, and hands the chunk's encoder the job's settings at that CRF. Each probe
 * is saved in the work folder as it finishes (see {@link SearchLog}), so a resumed job repeats
 * none. Thread-safe: every worker searches its own chunks.
 */
public final class TargetQualitySearch implements ChunkSettings {
  private final Path source;
  private final int videoIndex;
  private final FilterSetup filters;
  private final EncodeSettings base;
  private final TargetQuality target;
  private final CrfRange range;
  private final Path workDir;
  private final long memoryPerChunk;
  private final JobListener listener;
  private final Map<Integer, SearchLog> chosen = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> resumed = new ConcurrentHashMap<>();
  private final SearchPrior prior;
  /** Chunks searched in this run whose final encode is still to be checked against their probe. */
  private final Map<Integer, Check> checks = new ConcurrentHashMap<>();

  /**
   * What checking a chunk's final encode needs: its pictures (kept open from the search), the
   * frames it is scored on, and the chosen probe's scores there.
   */
  private record Check(ChunkPictures pictures, boolean[] frames, double[] probeScores) {}

  /**
   * @param base the job's settings: the final encodes' preset and threads
   * @param workers chunks searched at once, which share the heap that probe pictures may take
   */
  public TargetQualitySearch(Path source, int videoIndex, FilterSetup filters, EncodeSettings base, TargetQuality target,
      Path workDir, int workers, JobListener listener) {
    this.listener = listener;
    this.source = source;
    this.videoIndex = videoIndex;
    this.filters = filters;
    this.base = base;
    this.target = target;
    this.range = CrfRange.of(base.codec());
    this.prior = new SearchPrior(range, target.target());
    this.workDir = workDir;
    // A quarter of the heap for the pictures of all chunks being probed; more goes to files.
    this.memoryPerChunk = Runtime.getRuntime().maxMemory() / 4 / Math.max(1, workers);
  }

  /**
   * Saves the target in a new job's work folder, or, resuming, checks that the interrupted job
   * was asked for the same ({@code target} null: none).
   *
   * @throws InputException when a resume asks for another target than the interrupted job did
   */
  public static void prepare(Path workDir, TargetQuality target, boolean resume) {
    if (!resume) {
      if (target != null) {
        SearchLog.writeTarget(workDir, target);
      }
      return;
    }
    TargetQuality saved = SearchLog.readTarget(workDir);
    if (!Objects.equals(saved, target)) {
      throw new InputException("the interrupted job in " + workDir + " was encoded with "
          + (saved == null ? "no --target-quality" : "--target-quality " + saved) + "; use that, or run without --resume to start over");
    }
  }

  @Override
  public EncodeSettings forChunk(Chunk chunk, int worker, BooleanSupplier stop) {
    SearchLog log = chosen.get(chunk.index());
    if (log == null) {
      int before = probesSaved(chunk);
      log = search(chunk, stop);
      chosen.put(chunk.index(), log);
      listener.onEvent(new JobEvent.ChunkTuned(chunk.index(), worker, log.crf(), log.probes().size() - before,
          log.predicted(), target.metric().toString(), log.inBand(), System.nanoTime()));
    }
    return at(log.crf(), base.preset());
  }

  private int probesSaved(Chunk chunk) {
    SearchLog saved = SearchLog.read(workDir, chunk);
    return saved == null ? 0 : saved.probes().size();
  }

  private EncodeSettings at(double crf, String preset) {
    return new EncodeSettings(base.codec(), crf, preset, base.codecThreads(), base.picture());
  }

  /** The chunk's search: replayed from its log where the log has the probe, probed where not. */
  private SearchLog search(Chunk chunk, BooleanSupplier stop) {
    SearchLog saved = SearchLog.read(workDir, chunk);
    if (saved != null && saved.crf() != null) {
      return replayed(saved);
    }
    List<SearchLog.ProbeRecord> probes = new ArrayList<>(saved == null ? List.of() : saved.probes());
    resumed.put(chunk.index(), !probes.isEmpty());
    double decodeSeconds = saved == null ? 0 : saved.decodeSeconds();
    double decodeCpuSeconds = saved == null ? 0 : saved.decodeCpuSeconds();
    CrfSearch.Hint hint = saved != null && saved.hint() != null ? saved.hint() : prior.hint();
    CrfSearch search = new CrfSearch(range, target, hint);
    ChunkPictures pictures = null;
    boolean[] deciding = null;
    Map<Double, double[]> scoresAt = new java.util.HashMap<>();
    try {
      for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
        double crf = next.getAsDouble();
        SearchLog.ProbeRecord p = find(probes, crf);
        if (p == null) {
          if (pictures == null) {
            long t0 = System.nanoTime();
            long cpu0 = CpuClock.nanos();
            pictures = ChunkPictures.decode(source, videoIndex, chunk, base, filters, target.probeRate(), memoryPerChunk,
                workDir.resolve(String.format("chunks/%05d.probe-pictures.yuv", chunk.index())),
                target.metric() == QualityMetric.VMAF, stop);
            decodeSeconds += (System.nanoTime() - t0) / 1e9;
            decodeCpuSeconds += CpuClock.since(cpu0) / 1e9;
          }
          double[] frames = probe(chunk, pictures, crf, deciding, probes, stop);
          scoresAt.put(crf, frames);
          p = probes.getLast();
          // A probe that scored above the band may be saturated (a pan at CRF 27 scored 100 on every
          // frame): its ranking of the frames says nothing about which are hard at higher CRFs.
          if (deciding == null && p.score() + hint.correction() <= target.high()) {
            deciding = target.pooling().deciding(frames);
          }
          new SearchLog(chunk.index(), chunk.firstFrame(), chunk.frameCount(), probes, null, null, false, null, decodeSeconds,
              decodeCpuSeconds, hint, null, 0, 0).write(workDir);
        }
        search.record(crf, p.score() + hint.correction());
      }
      CrfSearch.Choice c = search.choice();
      SearchLog done = new SearchLog(chunk.index(), chunk.firstFrame(), chunk.frameCount(), List.copyOf(probes), c.crf(),
          c.predicted(), c.inBand(), c.note(), decodeSeconds, decodeCpuSeconds, hint, null, 0, 0);
      done.write(workDir);
      prior.add(search.probes(), c.crf());
      if (pictures != null && scoresAt.containsKey(c.crf())) {
        keepForCheck(chunk, pictures, deciding, scoresAt.get(c.crf()));
        pictures = null;
      }
      return done;
    } finally {
      if (pictures != null) {
        pictures.close();
      }
    }
  }

  /** A search an interrupted run finished: its probes (as they were judged) and its drift teach the prior as this run's do. */
  private SearchLog replayed(SearchLog saved) {
    resumed.put(saved.chunk(), true);
    double correction = saved.hint() == null ? 0 : saved.hint().correction();
    prior.add(saved.probes().stream().map(p -> new CrfSearch.Probe(p.crf(), p.score() + correction)).toList(), saved.crf());
    if (saved.drift() != null) {
      prior.addDrift(saved.drift());
    }
    return saved;
  }

  /** Keeps the chunk's pictures open for the check of its final encode, on the frames every probe of this run scored. */
  private void keepForCheck(Chunk chunk, ChunkPictures pictures, boolean[] deciding, double[] chosenScores) {
    boolean[] frames = deciding != null ? deciding : ProbeScorer.sparse(pictures.count(), target.metric(), target.probeRate());
    checks.put(chunk.index(), new Check(pictures, frames, chosenScores));
  }

  /**
   * Scores the chunk's final encode where its chosen probe was scored, and adds the difference to
   * the prior, for the chunks searched after this one: they then judge their probes as if they were
   * the final encodes. Costs a decode of the segment and the metric on those frames (a quarter of
   * the probe's, or at least {@value Pooling#MIN_DECIDING}); saved in the chunk's log.
   */
  @Override
  public void encoded(Chunk chunk, Path segment, BooleanSupplier stop) {
    Check check = checks.remove(chunk.index());
    if (check == null) {
      return;
    }
    try (ChunkPictures pictures = check.pictures()) {
      long t0 = System.nanoTime();
      long cpu0 = CpuClock.nanos();
      double drift;
      try {
        double[] scores = ProbeScorer.segmentScores(segment, target.probeRate(), chunk.frameCount(), pictures,
            target.metric(), check.frames(), stop);
        drift = pooled(scores, check.frames(), chunk) - pooled(check.probeScores(), check.frames(), chunk);
      } catch (org.framefork.encoder.media.MediaException e) {
        drift = Double.NaN; // a segment that damage in the source left short: no figure, and the job goes on
      }
      prior.addDrift(drift);
      SearchLog log = chosen.get(chunk.index()).checked(drift, (System.nanoTime() - t0) / 1e9, CpuClock.since(cpu0) / 1e9);
      log.write(workDir);
      chosen.put(chunk.index(), log);
    }
  }

  @Override
  public void release() {
    checks.values().forEach(c -> c.pictures().close());
    checks.clear();
  }

  /** A probe's or final encode's pooled score on the chunk's frames that {@code frames} marks (the rest unscored). */
  private double pooled(double[] scores, boolean[] frames, Chunk chunk) {
    double[] on = scores.clone();
    for (int i = 0; frames != null && i < on.length; i++) {
      if (!frames[i]) {
        on[i] = Double.NaN;
      }
    }
    boolean[] sparse = ProbeScorer.sparse(on.length, target.metric(), target.probeRate());
    return target.pooling().apply(ProbeScorer.asChunkFrames(ProbeScorer.heldBack(on, sparse), target.probeRate(),
        chunk.frameCount()));
  }

  private static List<CrfSearch.Probe> searched(SearchLog log) {
    return log.probes().stream().map(p -> new CrfSearch.Probe(p.crf(), p.score())).toList();
  }

  private static SearchLog.ProbeRecord find(List<SearchLog.ProbeRecord> probes, double crf) {
    return probes.stream().filter(p -> p.crf() == crf).findFirst().orElse(null);
  }

  /**
   * One probe: the chunk's pictures encoded at {@code crf} with the probe preset, then scored (only
   * the {@code deciding} frames, unless null), and added to {@code probes}. Returns its frame scores.
   */
  private double[] probe(Chunk chunk, ChunkPictures pictures, double crf, boolean[] deciding, List<SearchLog.ProbeRecord> probes,
      BooleanSupplier stop) {
    long t0 = System.nanoTime();
    long cpu0 = CpuClock.nanos();
    Path file = workDir.resolve(String.format("chunks/%05d.probe.mkv", chunk.index()));
    try {
      long bytes = ProbeEncoder.encode(file, chunk.index(), at(crf, target.probePreset()), pictures.stream(),
          pictures.decodedSize(), pictures.size(), pictures.count(), pictures::get, pictures.pts(), stop);
      boolean[] scored = deciding != null ? deciding : ProbeScorer.sparse(pictures.count(), target.metric(), target.probeRate());
      double[] frames = ProbeScorer.frameScores(file, pictures, target.metric(), scored, stop);
      double score = pooled(frames, scored, chunk);
      probes.add(new SearchLog.ProbeRecord(crf, score, bytes, (System.nanoTime() - t0) / 1e9, CpuClock.since(cpu0) / 1e9));
      return frames;
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (java.io.IOException ignored) {
        // the next probe overwrites it; the work folder goes at the end
      }
    }
  }

  /**
   * The report: each chunk's search (from this run, or for a chunk a resumed job reused, from its
   * log) with its final encode's score from {@code quality}, whose chunks are the plan's.
   *
   * @param chunkSeconds the chunks' own times added up (probes and final encodes)
   * @param chunkCpuSeconds their CPU times added up; NaN where unknown
   */
  public TargetQualityReport report(List<Chunk> chunks, OutputQuality quality, double chunkSeconds, double chunkCpuSeconds) {
    List<ChunkTarget> out = new ArrayList<>();
    double probeSeconds = 0;
    double reusedSeconds = 0;
    double probeCpu = 0;
    double reusedCpu = 0;
    // The quality check's chunks are in time order.
    List<Chunk> inTime = new ArrayList<>(chunks);
    inTime.sort(java.util.Comparator.comparingInt(Chunk::firstFrame));
    for (int i = 0; i < inTime.size(); i++) {
      Chunk c = inTime.get(i);
      SearchLog log = chosen.containsKey(c.index()) ? chosen.get(c.index()) : SearchLog.read(workDir, c);
      if (log == null || log.crf() == null) {
        throw new IllegalStateException("chunk " + c.index() + " has no target-quality search");
      }
      double seconds = log.cost()[0];
      double cpu = log.cost()[1];
      if (chosen.containsKey(c.index())) {
        probeSeconds += seconds;
        probeCpu += cpu;
      } else {
        reusedSeconds += seconds;
        reusedCpu += cpu;
      }
      ChunkQuality q = quality.chunks().get(i);
      double finalScore = target.pooling().apply(target.metric().of(q.frames()));
      List<CrfSearch.Probe> probes = searched(log);
      out.add(new ChunkTarget(c.index(), c.firstFrame(), c.frameCount(), log.crf(), probes, log.predicted(), finalScore,
          target.inBand(finalScore), log.note(), seconds, resumed(c.index()) || !chosen.containsKey(c.index()),
          log.hint() == null ? 0 : log.hint().correction(), log.drift()));
    }
    double[] finals = out.stream().mapToDouble(ChunkTarget::finalScore).toArray();
    double mean = java.util.Arrays.stream(finals).average().orElse(Double.NaN);
    double variance = java.util.Arrays.stream(finals).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN);
    int inBand = (int) out.stream().filter(ChunkTarget::inBand).count();
    // This run's chunk times hold its probes and its final encodes; reused chunks hold neither.
    return new TargetQualityReport(target.metric(), target.band(), target.target(), target.pooling().toString(),
        target.probes(), target.probePreset(), target.probeRate(), probeSeconds + reusedSeconds,
        Math.max(0, chunkSeconds - probeSeconds), probeCpu + reusedCpu, Math.max(0, chunkCpuSeconds - probeCpu), inBand, mean,
        Math.sqrt(variance), List.copyOf(out));
  }

  private boolean resumed(int chunk) {
    return resumed.getOrDefault(chunk, false);
  }

  public TargetQuality target() {
    return target;
  }
}
