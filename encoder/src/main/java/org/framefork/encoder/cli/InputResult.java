package org.framefork.encoder.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.framefork.encoder.report.BuildVersion;
import org.framefork.encoder.report.JobReport;

/**
 * What happened to one input of an {@code encode} run: the rows of the summary table and the
 * entries of the {@code --report} document.
 *
 * @param error the one-line reason for {@code failed}, {@code cancelled} and {@code skipped}; null when done
 * @param report the engine's report for {@code done}; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InputResult(Path input, Path output, Status status, String error, JobReport report, Skip skip) {
  /** Why an input was {@code skipped}: the kinds the report counts apart. */
  enum Skip {
    /** Not started: an earlier input was interrupted. */
    INTERRUPTED("interrupted"),
    /** Not started: an earlier input filled the disk it is bound for. */
    DISK_FULL("diskFull"),
    /** {@code --resume} found its output finished and kept it. */
    ALREADY_ENCODED("alreadyEncoded");

    private final String json;

    Skip(String json) {
      this.json = json;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String json() {
      return json;
    }
  }

  InputResult(Path input, Path output, Status status, String error, JobReport report) {
    this(input, output, status, error, report, null);
  }

  enum Status {
    DONE, FAILED, CANCELLED,
    /**
     * Not started: an earlier input was interrupted or filled the disk, or {@code --resume} found its
     * output finished.
     */
    SKIPPED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    String json() {
      return toString();
    }
  }

  static InputResult done(Path input, Path output, JobReport report) {
    return new InputResult(input, output, Status.DONE, null, report);
  }

  static InputResult failed(Path input, Path output, String error) {
    return new InputResult(input, output, Status.FAILED, error, null);
  }

  static InputResult cancelled(Path input, Path output) {
    return new InputResult(input, output, Status.CANCELLED, "cancelled; nothing was written", null);
  }

  static InputResult skipped(Path input, Path output) {
    return new InputResult(input, output, Status.SKIPPED, "not started (interrupted)", null, Skip.INTERRUPTED);
  }

  /** Not started: an earlier input filled the disk, and the batch stopped there. */
  static InputResult notStartedForSpace(Path input, Path output) {
    return new InputResult(input, output, Status.SKIPPED, "not started (an earlier input filled the disk)", null,
        Skip.DISK_FULL);
  }

  /** {@code --resume} found {@code output} finished by an earlier run and kept it. */
  static InputResult alreadyEncoded(Path input, Path output) {
    return new InputResult(input, output, Status.SKIPPED, "already encoded; --resume kept the output", null,
        Skip.ALREADY_ENCODED);
  }

  /**
   * The {@code --report} document: always one object with one entry per input, in the order they
   * were given, whether there was one input or many.
   *
   * @param skipped the inputs not encoded and not failed; {@code skippedBy}, how many of each {@link Skip}
   */
  record RunReport(String framefork, String ffmpeg, int inputs, int done, int failed, int skipped,
      Map<String, Integer> skippedBy, boolean interrupted, List<InputResult> results) {
    static RunReport of(String ffmpeg, List<InputResult> results, boolean interrupted) {
      int done = (int) results.stream().filter(r -> r.status() == Status.DONE).count();
      return new RunReport(BuildVersion.frameFork(), ffmpeg, results.size(), done,
          (int) results.stream().filter(r -> r.status() == Status.FAILED).count(),
          (int) results.stream().filter(r -> r.status() == Status.SKIPPED).count(), skippedBy(results), interrupted,
          List.copyOf(results));
    }

    /** How many inputs were skipped of each kind, every kind named (0 for none). */
    static Map<String, Integer> skippedBy(List<InputResult> results) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Skip kind : Skip.values()) {
        counts.put(kind.json(), (int) results.stream().filter(r -> r.skip() == kind).count());
      }
      return counts;
    }
  }
}
