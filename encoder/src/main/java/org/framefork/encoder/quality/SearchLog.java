package org.framefork.encoder.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.framefork.encoder.plan.Chunk;

/**
 * One chunk's search as it stands, saved in the job's work folder after every probe
 * ({@code chunks/NNNNN.target.json}): a resumed job replays the search and encodes only the probes
 * it lacks. {@code crf} is set once the search has chosen. CRFs are numbers that may have a
 * fraction (logs of older versions hold whole ones, which read the same).
 *
 * @param decodeSeconds the time decoding the chunk's pictures took
 * @param decodeCpuSeconds the CPU time it took (0 in logs of older versions)
 * @param hint where the search started, from the chunks searched before it: a resumed search
 *     replays from the same start (null in logs of older versions)
 * @param drift the first final encode's score, on every frame, minus its chosen probe's; null
 *     until measured, or where it could not be
 * @param checkSeconds the time measuring the chunk's final encodes took (every check's), and
 *     {@code checkCpuSeconds} its CPU
 * @param retries the final encodes that scored outside the band and were encoded again, in order
 *     (none in logs of older versions); {@code crf} is then the CRF of the encode after them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SearchLog(int chunk, int firstFrame, int frameCount, List<ProbeRecord> probes, Double crf, Double predicted,
    boolean inBand, String note, double decodeSeconds, double decodeCpuSeconds, CrfSearch.Hint hint, Double drift,
    double checkSeconds, double checkCpuSeconds, List<Retry> retries) {

  SearchLog {
    retries = retries == null ? List.of() : List.copyOf(retries);
  }

  /**
   * One probe encode: its CRF, pooled score, size, and how long encoding and scoring it took, in
   * wall time and in CPU time (0 in logs of older versions).
   */
  record ProbeRecord(double crf, double score, long bytes, double seconds, double cpuSeconds) {}

  /**
   * A final encode given up for another: its CRF, its score on every frame, its video bytes,
   * and what it took in wall and CPU seconds.
   */
  record Retry(double crf, double score, long bytes, double seconds, double cpuSeconds) {}

  /** This log with a check of a final encode added: the first one's {@code drift}, and its time. */
  SearchLog checked(Double drift, double seconds, double cpuSeconds) {
    return new SearchLog(chunk, firstFrame, frameCount, probes, crf, predicted, inBand, note, decodeSeconds, decodeCpuSeconds,
        hint, drift, checkSeconds + seconds, checkCpuSeconds + cpuSeconds, retries);
  }

  /**
   * This log with its final given up ({@code r}) for one at {@code next}, which the probes and
   * finals put at {@code nextPredicted}; {@code why} says why the chunk is at {@code next} (the
   * search's note spoke of the CRF given up).
   */
  SearchLog retried(Retry r, double next, double nextPredicted, boolean nextInBand, String why) {
    List<Retry> all = new java.util.ArrayList<>(retries);
    all.add(r);
    return new SearchLog(chunk, firstFrame, frameCount, probes, next, nextPredicted, nextInBand, why, decodeSeconds,
        decodeCpuSeconds, hint, drift, checkSeconds, checkCpuSeconds, all);
  }

  /** This log with {@code more} added to its note. */
  SearchLog noted(String more) {
    return new SearchLog(chunk, firstFrame, frameCount, probes, crf, predicted, inBand, note == null ? more : note + "; " + more,
        decodeSeconds, decodeCpuSeconds, hint, drift, checkSeconds, checkCpuSeconds, retries);
  }

  /**
   * This log with the earlier final {@code retries().get(k)} taken back in place of the last one,
   * {@code last}, which came out farther from the target: that one is given up instead. {@code
   * why} says why the chunk is at the earlier final's CRF.
   */
  SearchLog restored(int k, Retry last, boolean inBand, String why) {
    Retry back = retries.get(k);
    List<Retry> all = new java.util.ArrayList<>(retries);
    all.remove(k);
    all.add(last);
    return new SearchLog(chunk, firstFrame, frameCount, probes, back.crf(), back.score(), inBand, why, decodeSeconds,
        decodeCpuSeconds, hint, drift, checkSeconds, checkCpuSeconds, all);
  }

  /** Time in wall and CPU seconds (CPU NaN where unknown). */
  record Cost(double seconds, double cpuSeconds) {
    static final Cost NONE = new Cost(0, 0);

    Cost plus(Cost o) {
      return new Cost(seconds + o.seconds, cpuSeconds + o.cpuSeconds);
    }
  }

  /**
   * What the chunk's search cost, in all runs: its pictures, its probes, and the final encodes it
   * gave up.
   */
  Cost cost() {
    return new Cost(decodeSeconds + probes.stream().mapToDouble(ProbeRecord::seconds).sum()
        + retries().stream().mapToDouble(Retry::seconds).sum(),
        decodeCpuSeconds + probes.stream().mapToDouble(ProbeRecord::cpuSeconds).sum()
        + retries().stream().mapToDouble(Retry::cpuSeconds).sum());
  }

  /**
   * What measuring the chunk's final encodes cost, in all runs: the measure the output's quality
   * check would otherwise make, which it takes from these (see {@code EncodeQualityCheck}).
   */
  Cost checkCost() {
    return new Cost(checkSeconds, checkCpuSeconds);
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static Path file(Path workDir, int chunk) {
    return workDir.resolve(String.format("chunks/%05d.target.json", chunk));
  }

  /** The log saved for {@code chunk} as it now stands, or null: none, unreadable, or of another chunk. */
  static SearchLog read(Path workDir, Chunk chunk) {
    Path f = file(workDir, chunk.index());
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      SearchLog log = JSON.readValue(f.toFile(), SearchLog.class);
      boolean same = log.chunk == chunk.index() && log.firstFrame == chunk.firstFrame() && log.frameCount == chunk.frameCount();
      return same && log.probes != null ? log : null;
    } catch (IOException e) {
      return null; // a log cut short by a kill: its probes run again
    }
  }

  void write(Path workDir) {
    writeWhole(file(workDir, chunk), this);
  }

  /** The target a job was asked for, saved beside its plan ({@code chunks/target.json}) so that a resume must ask for the same. */
  static void writeTarget(Path workDir, TargetQuality target) {
    writeWhole(workDir.resolve("chunks/target.json"), target);
  }

  /** Writes {@code value} as {@code f}'s JSON: a kill while writing leaves the old file or none, never half of one. */
  private static void writeWhole(Path f, Object value) {
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  /** The target an interrupted job was asked for; null for none (a job without target quality). */
  static TargetQuality readTarget(Path workDir) {
    Path f = workDir.resolve("chunks/target.json");
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return JSON.readValue(f.toFile(), TargetQuality.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }
}
