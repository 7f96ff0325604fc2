package org.framefork.encoder.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.job.ChunkSettings;
import org.framefork.encoder.job.CpuClock;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobListener;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.EncodeQualityCheck;
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
  /** The probes' preset: the target's, the final one's where that is faster than the default (see {@link TargetQuality#probePresetFor}). */
  private final String probePreset;
  private final CrfRange range;
  private final Path workDir;
  private final long memoryPerChunk;
  private final JobListener listener;
  private final Map<Integer, SearchLog> chosen = new ConcurrentHashMap<>();
  /** How many probes of each chunk searched in this run came from the interrupted run's log. */
  private final Map<Integer, Integer> resumed = new ConcurrentHashMap<>();
  /** What searching and checking each chunk cost in this run: part of its chunk time, not of its final encode. */
  private final Map<Integer, SearchLog.Cost> spentHere = new ConcurrentHashMap<>();
  private final SearchPrior prior;
  /** Chunks searched in this run whose final encode is still to be checked. */
  private final Map<Integer, Check> checks = new ConcurrentHashMap<>();
  /** Measures the final encodes; null: they are not checked. */
  private final EncodeQualityCheck finals;
  /** Each chunk's final encodes measured in this run, in order (null where one could not be), until the chunk is done. */
  private final Map<Integer, List<EncodeQualityCheck.Measured>> measuring = new ConcurrentHashMap<>();
  /** The measure of the final encode each chunk keeps, where it was measured. */
  private final Map<Integer, EncodeQualityCheck.Measured> kept = new ConcurrentHashMap<>();
  /** Set once the job's chunks have ended: a search that ends later keeps nothing open. */
  private boolean released;

  /**
   * What checking a chunk's final encode needs: the chosen probe's score, as measured (null for a
   * final encoded again: its drift is known), the chunk's frames when it was searched, and how many
   * more times it may be encoded.
   */
  private record Check(Double probeScore, int chunkFrames, int retriesLeft, boolean saturated) {
    /** The check of the chunk's next final, encoded again: one retry fewer, and no probe to drift from. */
    Check again() {
      return new Check(null, chunkFrames, retriesLeft - 1, saturated);
    }
  }

  /**
   * @param base the job's settings: the final encodes' preset and threads
   * @param holders chunks that hold probe pictures at once (the workers; the open chunks of the
   *     concurrent mode), which share the heap those pictures may take
   * @param finals measures each chunk's final encode as the output's quality check will: null, none
   *     is checked (nor encoded again)
   */
  public TargetQualitySearch(Path source, int videoIndex, FilterSetup filters, EncodeSettings base, TargetQuality target,
      Path workDir, int holders, JobListener listener, EncodeQualityCheck finals) {
    this.listener = listener;
    this.finals = finals;
    this.source = source;
    this.videoIndex = videoIndex;
    this.filters = filters;
    this.base = base;
    this.target = target;
    this.probePreset = target.probePresetFor(base.codec(), base.preset());
    this.range = CrfRange.of(base.codec());
    this.prior = new SearchPrior(range, target.target());
    this.workDir = workDir;
    // A quarter of the heap for the pictures of all chunks being probed; more goes to files.
    this.memoryPerChunk = Runtime.getRuntime().maxMemory() / 4 / Math.max(1, holders);
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
    TargetQuality saved = savedTarget(workDir);
    if (saved == null ? target != null : target == null || !target.resumes(saved)) {
      throw new InputException("the interrupted job in " + workDir + " was encoded with "
          + (saved == null ? "no --target-quality" : "--target-quality " + saved) + "; use that, or run without --resume to start over");
    }
  }

  /**
   * The target the interrupted job in {@code workDir} was asked for; null for none.
   *
   * @throws InputException when the saved target cannot be read
   */
  public static TargetQuality savedTarget(Path workDir) {
    try {
      return SearchLog.readTarget(workDir);
    } catch (java.io.UncheckedIOException e) {
      throw new InputException("the interrupted job's target in " + workDir.resolve("chunks/target.json")
          + " cannot be read; run without --resume to start over");
    }
  }

  @Override
  public EncodeSettings forChunk(Chunk chunk, int worker, BooleanSupplier stop) {
    SearchLog log = chosen.get(chunk.index());
    if (log == null) {
      SearchLog saved = SearchLog.read(workDir, chunk);
      int before = saved == null ? 0 : saved.probes().size();
      long t0 = System.nanoTime();
      long cpu0 = CpuClock.nanos();
      log = search(chunk, worker, saved, stop);
      spend(chunk, new SearchLog.Cost((System.nanoTime() - t0) / 1e9, CpuClock.secondsSince(cpu0)));
      chosen.put(chunk.index(), log);
      listener.onEvent(new JobEvent.ChunkTuned(chunk.index(), worker, log.crf(), log.probes().size() - before, before,
          log.predicted(), target.metric().toString(), log.inBand(), System.nanoTime()));
    }
    return at(log.crf(), base.preset());
  }

  private void spend(Chunk chunk, SearchLog.Cost cost) {
    spentHere.merge(chunk.index(), cost, SearchLog.Cost::plus);
  }

  private EncodeSettings at(double crf, String preset) {
    return new EncodeSettings(base.codec(), crf, preset, base.codecThreads(), base.picture());
  }

  /**
   * The chunk's search on {@code worker}: replayed from its log ({@code saved}, null when it has
   * none) where the log has the probe, probed where not.
   */
  private SearchLog search(Chunk chunk, int worker, SearchLog saved, BooleanSupplier stop) {
    if (saved != null && saved.crf() != null) {
      return replayed(saved);
    }
    List<SearchLog.ProbeRecord> probes = new ArrayList<>(saved == null ? List.of() : saved.probes());
    resumed.put(chunk.index(), probes.size());
    double decodeSeconds = saved == null ? 0 : saved.decodeSeconds();
    double decodeCpuSeconds = saved == null ? 0 : saved.decodeCpuSeconds();
    CrfSearch.Hint hint = saved != null && saved.hint() != null ? saved.hint() : prior.hint();
    CrfSearch search = new CrfSearch(range, target, hint);
    ChunkPictures pictures = null;
    boolean[] deciding = null;
    try {
      for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
        double crf = next.getAsDouble();
        SearchLog.ProbeRecord p = find(probes, crf);
        if (p == null) {
          listener.onEvent(new JobEvent.ProbeStarted(chunk.index(), worker, probes.size() + 1, crf, System.nanoTime()));
          if (pictures == null) {
            long t0 = System.nanoTime();
            long cpu0 = CpuClock.nanos();
            pictures = ChunkPictures.decode(source, videoIndex, chunk, base, filters, target.probeRate(), memoryPerChunk,
                workDir.resolve(String.format("chunks/%05d.probe-pictures.yuv", chunk.index())),
                target.metric() == QualityMetric.VMAF, stop);
            decodeSeconds += (System.nanoTime() - t0) / 1e9;
            decodeCpuSeconds += CpuClock.secondsSince(cpu0);
          }
          double[] frames = probe(chunk, pictures, crf, scored(deciding, pictures.count()), probes, stop);
          p = probes.getLast();
          listener.onEvent(new JobEvent.ProbeFinished(chunk.index(), worker, probes.size(), crf, p.score(),
              target.metric().toString(), System.nanoTime()));
          // A probe that scored above the band may be saturated (a pan at CRF 27 scored 100 on every
          // frame): its ranking of the frames says nothing about which are hard at higher CRFs.
          if (deciding == null && search.judged(p.score()) <= target.high()) {
            deciding = target.pooling().deciding(frames);
          }
          new SearchLog(chunk.index(), chunk.firstFrame(), chunk.frameCount(), probes, null, null, false, null, decodeSeconds,
              decodeCpuSeconds, hint, null, 0, 0, List.of()).write(workDir);
        }
        search.record(crf, p.score());
      }
      CrfSearch.Choice c = search.choice();
      SearchLog done = new SearchLog(chunk.index(), chunk.firstFrame(), chunk.frameCount(), List.copyOf(probes), c.crf(),
          c.predicted(), c.inBand(), c.note(), decodeSeconds, decodeCpuSeconds, hint, null, 0, 0, List.of());
      done.write(workDir);
      prior.add(search, c.crf());
      keepForCheck(done, search.saturated());
      return done;
    } finally {
      if (pictures != null) {
        pictures.close();
      }
    }
  }

  /**
   * A search an interrupted run finished: its probes (as they were judged) and its drift teach the
   * prior as this run's do, and its final encode, if it is still to be made, is checked.
   */
  private SearchLog replayed(SearchLog saved) {
    resumed.put(saved.chunk(), saved.probes().size());
    CrfSearch judged = replay(saved);
    keepForCheck(saved, judged.saturated());
    prior.add(judged, saved.crf());
    if (saved.drift() != null) {
      prior.addDrift(saved.drift(), judged.saturated());
    }
    return saved;
  }

  /** The search of {@code log}'s chunk as it ended: its probes judged as they were. */
  private CrfSearch replay(SearchLog log) {
    CrfSearch judged = new CrfSearch(range, target, log.hint());
    log.probes().forEach(p -> judged.record(p.crf(), p.score()));
    return judged;
  }

  /**
   * The frames a probe scores: those that decide the chunk's percentile once a probe has picked
   * them, else the sparse ones of a VMAF probe (or all, null).
   */
  private boolean[] scored(boolean[] deciding, int count) {
    return deciding != null ? deciding : ProbeScorer.sparse(count, target.metric(), target.probeRate());
  }

  /**
   * Keeps what the check of the chunk's final encode (at {@code log}'s CRF) needs, unless the job's
   * chunks have ended. The first final of a search is checked against its chosen probe; one that
   * replaces a final given up has a drift already.
   */
  private synchronized void keepForCheck(SearchLog log, boolean saturated) {
    if (finals == null || released) {
      return;
    }
    boolean first = log.drift() == null && log.retries().isEmpty();
    SearchLog.ProbeRecord chosenProbe = find(log.probes(), log.crf());
    Double probeScore = first && chosenProbe != null ? chosenProbe.score() : null;
    checks.put(log.chunk(), new Check(probeScore, log.frameCount(), target.finalRetries() - log.retries().size(),
        saturated));
  }

  /** The measures of the final encodes the chunks keep, by chunk: the output's quality check takes them as they are. */
  public Map<Integer, EncodeQualityCheck.Measured> measuredFinals() {
    return Map.copyOf(kept);
  }

  /**
   * Measures the chunk's final encode on every frame, as the output's quality check will (which then
   * takes this measure as it is). The first final's score minus its chosen probe's goes to the
   * prior, for the chunks searched after this one: they then judge their probes as if they were the
   * final encodes. Saved in the chunk's log. A final that scored outside the band is encoded again,
   * up to {@link TargetQuality#finalRetries} times, where its own score puts the target (see {@link
   * CrfSearch#retarget}), and kept aside meanwhile: the last encode stays unless an earlier one came
   * nearer the target, which then goes back in its place. The encodes given up count as the
   * search's time. A check that fails costs the chunk nothing: its encode stays.
   */
  @Override
  public Verdict encoded(Chunk chunk, Path segment, FinalEncode encode, BooleanSupplier stop) {
    Check check = checks.remove(chunk.index());
    if (check == null) {
      return Verdict.keep(encode.bytes());
    }
    long t0 = System.nanoTime();
    long cpu0 = CpuClock.nanos();
    EncodeQualityCheck.Measured m = measure(chunk, segment, check, encode.framePts());
    measuring.computeIfAbsent(chunk.index(), k -> new ArrayList<>()).add(m);
    double measured = m == null ? Double.NaN : target.pooling().apply(target.metric().of(m.chunk().frames()));
    boolean first = check.probeScore() != null;
    double drift = first ? measured - check.probeScore() : Double.NaN;
    if (first) {
      prior.addDrift(drift, check.saturated());
    }
    SearchLog.Cost cost = new SearchLog.Cost((System.nanoTime() - t0) / 1e9, CpuClock.secondsSince(cpu0));
    spend(chunk, cost);
    SearchLog log = chosen.get(chunk.index());
    log = log.checked(first ? (Double.isNaN(drift) ? null : drift) : log.drift(), cost.seconds(), cost.cpuSeconds());
    SearchLog.Retry last = new SearchLog.Retry(log.crf(), measured, encode.bytes(), encode.seconds(), encode.cpuSeconds());
    SearchLog next = retry(log, last, check.retriesLeft());
    boolean again = next != null && keepForCheck(chunk.index(), check.again());
    long bytes = encode.bytes();
    if (again) {
      // Kept aside: a later encode may come out farther from the target than this one.
      move(segment, finalFile(chunk, log.retries().size()));
      spend(chunk, new SearchLog.Cost(encode.seconds(), encode.cpuSeconds()));
      log = next;
    } else {
      // This run's measures of the chunk's finals, the last one's last: those given up before a
      // resume have none.
      List<EncodeQualityCheck.Measured> measures = measuring.remove(chunk.index());
      int before = log.retries().size() + 1 - measures.size();
      int k = nearer(log.retries(), measured, target);
      EncodeQualityCheck.Measured keptMeasure = measures.getLast();
      double keptScore = measured;
      if (k >= 0) {
        SearchLog.Retry back = log.retries().get(k);
        move(finalFile(chunk, k), segment);
        spend(chunk, new SearchLog.Cost(encode.seconds() - back.seconds(), encode.cpuSeconds() - back.cpuSeconds()));
        log = log.restored(k, last, target.inBand(back.score()), "crf " + EncodeSettings.formatCrf(back.crf())
            + ": its final scored " + named(back.score()) + ", nearer the target than the last, at crf "
            + EncodeSettings.formatCrf(last.crf()) + " (" + named(last.score()) + ")" + atFirst(log));
        bytes = back.bytes();
        keptScore = back.score();
        keptMeasure = k >= before ? measures.get(k - before) : null;
      }
      if (keptMeasure != null) {
        kept.put(chunk.index(), keptMeasure);
      }
      if (!Double.isNaN(keptScore) && !target.inBand(keptScore)) {
        log = log.noted(whyItStays(log, keptScore, check.retriesLeft()));
      }
      deleteFinals(chunk, log.retries().size());
    }
    chosen.put(chunk.index(), log);
    log.write(workDir);
    announce(chunk, last, log, again);
    return again ? Verdict.AGAIN : Verdict.keep(bytes);
  }

  /** Tells the listener that the chunk is encoded again, or that an earlier encode than the last stays. */
  private void announce(Chunk chunk, SearchLog.Retry last, SearchLog log, boolean again) {
    if (again) {
      listener.onEvent(new JobEvent.ChunkRetuned(chunk.index(), last.crf(), last.score(), log.crf(), log.predicted(),
          target.metric().toString(), System.nanoTime()));
    } else if (log.crf() != last.crf()) {
      listener.onEvent(new JobEvent.ChunkEncodeKept(chunk.index(), last.crf(), last.score(), log.crf(), log.predicted(),
          target.metric().toString(), System.nanoTime()));
    }
  }

  /** Keeps {@code check} until the chunk's next final encode; false (kept nothing) once the job's chunks have ended. */
  private synchronized boolean keepForCheck(int chunk, Check check) {
    if (!released) {
      checks.put(chunk, check);
    }
    return !released;
  }

  /**
   * Which of the finals given up ({@code retries}, scored on every frame) came nearer the
   * target than the last one's {@code measured} score; -1 for none, or when that was not measured
   * (the last one stays).
   */
  static int nearer(List<SearchLog.Retry> retries, double measured, TargetQuality target) {
    if (Double.isNaN(measured)) {
      return -1; // not measured: nothing says an earlier one was nearer
    }
    int best = -1;
    double off = Math.abs(measured - target.target());
    for (int i = 0; i < retries.size(); i++) {
      double d = Math.abs(retries.get(i).score() - target.target());
      if (d < off) {
        best = i;
        off = d;
      }
    }
    return best;
  }

  /** Where the {@code k}-th final encode given up for chunk {@code chunk} waits, while later ones run. */
  private Path finalFile(Chunk chunk, int k) {
    return workDir.resolve(String.format("chunks/%05d.final-%d.mkv", chunk.index(), k));
  }

  private void deleteFinals(Chunk chunk, int count) {
    for (int k = 0; k < count; k++) {
      try {
        Files.deleteIfExists(finalFile(chunk, k));
      } catch (java.io.IOException ignored) {
        // the work folder goes at the end
      }
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot move " + from + " to " + to, e);
    }
  }

  /** The final encode measured on every frame; null where it cannot be. */
  private EncodeQualityCheck.Measured measure(Chunk chunk, Path segment, Check check, long[] framePts) {
    if (chunk.frameCount() != check.chunkFrames()) {
      return null;
    }
    try {
      return finals.measureSegment(chunk, segment, framePts);
    } catch (java.util.concurrent.CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      // A segment that damage in the source left short, a source gone: no figure, and the job goes on.
      return null;
    }
  }

  /**
   * The log of a chunk to encode again, at the CRF that its {@code last} final's score predicts;
   * null when it stays: in the band, no retry left, or no CRF predicted nearer the target.
   */
  private SearchLog retry(SearchLog log, SearchLog.Retry last, int retriesLeft) {
    if (retriesLeft <= 0 || Double.isNaN(last.score()) || target.inBand(last.score()) || log.drift() == null) {
      return null;
    }
    List<CrfSearch.Probe> finals = new ArrayList<>(givenUp(log));
    finals.add(new CrfSearch.Probe(last.crf(), last.score()));
    double slope = log.hint() == null ? Double.NaN : log.hint().slope();
    // Anywhere in the codec's range: a final at the search's lowest CRF may still score below the band.
    return CrfSearch.retarget(range.codec(), target, searched(log), log.drift(), finals, slope)
        .map(next -> log.retried(last, next.crf(), next.score(), target.inBand(next.score()), "crf "
            + EncodeSettings.formatCrf(next.crf()) + ": the final at crf " + EncodeSettings.formatCrf(last.crf()) + " scored "
            + target.metric() + " " + target.metric().formatOutside(last.score()) + ", "
            + (last.score() < target.target() ? "below" : "above")
            + " the band, and was encoded again where the probes and finals predict " + named(next.score()) + atFirst(log)))
        .orElse(null);
  }

  /**
   * What the chunk's search took and why, for the note of a chunk whose final was encoded again:
   * the search's own note spoke of that CRF, not of the one the chunk ends with.
   */
  private String atFirst(SearchLog log) {
    CrfSearch.Choice c = replay(log).choice();
    return "; at first " + (c.note() != null ? c.note()
        : "crf " + EncodeSettings.formatCrf(c.crf()) + ", whose probe scored " + named(c.predicted()) + ", in the band");
  }

  private String named(double score) {
    return target.metric().named(score);
  }

  /**
   * Why a final outside the band, at the log's CRF and scoring {@code keptScore}, was not encoded
   * again: what the report's note says.
   */
  private String whyItStays(SearchLog log, double keptScore, int retriesLeft) {
    if (retriesLeft <= 0) {
      return target.finalRetries() == 0 ? "the final was not encoded again (--final-retries 0)"
          : "the final stays outside the band after " + log.retries().size() + " more encode"
              + (log.retries().size() == 1 ? "" : "s") + " (--final-retries " + target.finalRetries() + ")";
    }
    if (log.drift() == null) {
      return "the final was not encoded again: how far it scored from its probe could not be measured";
    }
    List<CrfSearch.Probe> finals = new ArrayList<>(givenUp(log));
    finals.add(new CrfSearch.Probe(log.crf(), keptScore));
    if (CrfSearch.flat(CrfSearch.line(target, searched(log), log.drift(), finals), target)) {
      return "the final was not encoded again: the chunk's probes and finals score the same at every CRF";
    }
    return "the final was not encoded again: no CRF in the codec's range is predicted nearer the target";
  }

  @Override
  public synchronized void release() {
    released = true;
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

  /** The log's finals given up, as CRF and score on the check's frames. */
  private static List<CrfSearch.Probe> givenUp(SearchLog log) {
    return log.retries().stream().map(r -> new CrfSearch.Probe(r.crf(), r.score())).toList();
  }

  private static SearchLog.ProbeRecord find(List<SearchLog.ProbeRecord> probes, double crf) {
    return probes.stream().filter(p -> p.crf() == crf).findFirst().orElse(null);
  }

  /**
   * One probe: the chunk's pictures encoded at {@code crf} with the probe preset and scored on the
   * {@code scored} frames (all, when null): as x264 reconstructs them while it encodes, else from the
   * file decoded (see {@link ProbeScorer#encodeAndScore}); added to {@code probes}. Returns its frame
   * scores, NaN where not scored.
   */
  private double[] probe(Chunk chunk, ChunkPictures pictures, double crf, boolean[] scored, List<SearchLog.ProbeRecord> probes,
      BooleanSupplier stop) {
    long t0 = System.nanoTime();
    long cpu0 = CpuClock.nanos();
    Path file = workDir.resolve(String.format("chunks/%05d.probe.mkv", chunk.index()));
    try {
      ProbeScorer.Scored probe = ProbeScorer.encodeAndScore(file, chunk.index(), at(crf, probePreset), pictures,
          target.metric(), scored, stop);
      double score = pooled(probe.frames(), scored, chunk);
      probes.add(new SearchLog.ProbeRecord(crf, score, probe.bytes(), (System.nanoTime() - t0) / 1e9,
          CpuClock.secondsSince(cpu0)));
      return probe.frames();
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
   * @param chunkSeconds this run's chunk times added up (its searches, checks and final encodes)
   * @param chunkCpuSeconds their CPU times added up; NaN where unknown
   */
  public TargetQualityReport report(List<Chunk> chunks, OutputQuality quality, double chunkSeconds, double chunkCpuSeconds) {
    List<ChunkTarget> out = new ArrayList<>();
    SearchLog.Cost probing = SearchLog.Cost.NONE;
    SearchLog.Cost checking = SearchLog.Cost.NONE;
    // The quality check's chunks are in time order.
    List<Chunk> inTime = new ArrayList<>(chunks);
    inTime.sort(java.util.Comparator.comparingInt(Chunk::firstFrame));
    for (int i = 0; i < inTime.size(); i++) {
      Chunk c = inTime.get(i);
      SearchLog log = chosen.containsKey(c.index()) ? chosen.get(c.index()) : SearchLog.read(workDir, c);
      if (log == null || log.crf() == null) {
        throw new IllegalStateException("chunk " + c.index() + " has no target-quality search");
      }
      SearchLog.Cost cost = log.cost();
      probing = probing.plus(cost);
      checking = checking.plus(log.checkCost());
      ChunkQuality q = quality.chunks().get(i);
      double finalScore = target.pooling().apply(target.metric().of(q.frames()));
      List<CrfSearch.Probe> probes = searched(log);
      out.add(new ChunkTarget(c.index(), c.firstFrame(), c.frameCount(), log.crf(), probes, log.predicted(), finalScore,
          target.inBand(finalScore), log.note(), cost.seconds(),
          chosen.containsKey(c.index()) ? resumed.getOrDefault(c.index(), 0) : probes.size(),
          log.hint() == null ? 0 : log.hint().correction(), log.drift(), givenUp(log)));
    }
    double[] finals = out.stream().mapToDouble(ChunkTarget::finalScore).toArray();
    double mean = java.util.Arrays.stream(finals).average().orElse(Double.NaN);
    double variance = java.util.Arrays.stream(finals).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN);
    int inBand = (int) out.stream().filter(ChunkTarget::inBand).count();
    // The probes' cost counts every run's; the final encodes' is this run's chunk times less what
    // this run spent searching and checking.
    SearchLog.Cost here = spentHere.values().stream().reduce(SearchLog.Cost.NONE, SearchLog.Cost::plus);
    boolean cpuKnown = Double.isFinite(chunkCpuSeconds) && Double.isFinite(probing.cpuSeconds());
    return new TargetQualityReport(target.metric(), target.band(), target.target(), target.pooling().toString(),
        target.probes(), probePreset, target.probeRate(), probing.seconds(),
        Math.max(0, chunkSeconds - here.seconds()), cpuKnown ? probing.cpuSeconds() : Double.NaN,
        cpuKnown ? Math.max(0, chunkCpuSeconds - here.cpuSeconds()) : Double.NaN, checking.seconds(),
        cpuKnown ? checking.cpuSeconds() : Double.NaN, inBand, mean, Math.sqrt(variance),
        List.copyOf(out));
  }

  public TargetQuality target() {
    return target;
  }
}
