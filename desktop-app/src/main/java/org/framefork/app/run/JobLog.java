package org.framefork.app.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.cli.ReportPrinter;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.report.JobReport;

/**
 * What an entry's log says about its job: how it started, the events a person reads afterwards
 * (the plan, each chunk's end, splits, reuses, failures; not the per-frame progress) and the report,
 * as the command line prints it, in the app's words (its settings, not the command line's options).
 */
final class JobLog {
  private JobLog() {}

  /** @param imageSequence whether the input is an image sequence, which the settings' rate applies to */
  static String started(JobSettings s, boolean resuming, java.nio.file.Path output, boolean imageSequence) {
    String where = s.cluster() == null ? s.mode() + " on " + workers(s.workers())
        : "parallel on the cluster " + s.cluster().addresses() + " and " + workers(s.cluster().localWorkers()) + " here";
    return (resuming ? "resume" : "start") + ": -> " + output + "; " + s.codec() + " " + s.preset() + " " + s.quality()
        + s.picture(", ") + (imageSequence ? s.imageRate(", ") : "") + ", audio " + s.audio()
        + (s.filters().isBlank() ? "" : ", " + s.filters()) + "; " + where;
  }

  /** "1 worker", "2 workers". */
  static String workers(int n) {
    return n + " worker" + (n == 1 ? "" : "s");
  }

  /** One line for {@code e}, or null for an event the log leaves out. */
  static String line(JobEvent e) {
    return switch (e) {
      case JobEvent.JobPlanned p -> String.format(Locale.ROOT, "planned %d chunk%s, %s on %d worker%s", p.plan().size(),
          p.plan().size() == 1 ? "" : "s", p.mode(), p.workers(), p.workers() == 1 ? "" : "s");
      case JobEvent.ChunkFinished f -> String.format(Locale.ROOT, "chunk %d done on worker %d: %d frames, %s in %.1f s", f.chunk(),
          f.worker(), f.frames(), QueueEntry.bytes(f.bytes()), f.elapsedNanos() / 1e9);
      case JobEvent.ChunkSent n -> String.format(Locale.ROOT, "chunk %d sent to node %s (worker %d)", n.chunk(), n.node(),
          n.worker());
      case JobEvent.ChunkReused r -> String.format(Locale.ROOT, "chunk %d reused from the earlier run: %d frames, %s", r.chunk(),
          r.frames(), QueueEntry.bytes(r.bytes()));
      case JobEvent.ChunkSplit s -> String.format(Locale.ROOT, "chunk %d split at frame %d: its last %d frames are chunk %d, on worker %d",
          s.chunk(), s.atFrame(), s.newFrames(), s.newChunk(), s.worker());
      case JobEvent.ChunkFailed f -> String.format(Locale.ROOT, "chunk %d failed on worker %d (attempt %d): %s%s", f.chunk(),
          f.worker(), f.attempt(), f.reason(), f.willRetry() ? "; trying again" : "");
      case JobEvent.StageStarted s -> "stage " + s.stage().name().toLowerCase(Locale.ROOT);
      default -> null;
    };
  }

  /**
   * What a finished job says, in the app's words: its {@link #notes}, {@link #warnings} and {@link
   * #report}, their paths and filters worked out once for all their lines.
   */
  record Finished(List<String> notes, List<String> warnings, List<String> report) {
    static Finished of(JobReport r) {
      UnaryOperator<String> words = words(r);
      return new Finished(JobLog.notes(r, words), JobLog.warnings(r, words), JobLog.report(r, words));
    }
  }

  /**
   * What a finished job notes, one sentence each, for its queue row: the report's notes (an image
   * sequence's rate, a source cut short, HDR tags on an 8-bit output...) and the source frames it
   * could not decode.
   */
  static List<String> notes(JobReport r) {
    return notes(r, words(r));
  }

  private static List<String> notes(JobReport r, UnaryOperator<String> words) {
    return withDropped(r.notes(), r).stream().map(words).toList();
  }

  /** Those of {@link #notes} that warn: the report's warnings, and the source frames it could not decode. */
  static List<String> warnings(JobReport r) {
    return warnings(r, words(r));
  }

  private static List<String> warnings(JobReport r, UnaryOperator<String> words) {
    return withDropped(r.warnings(), r).stream().map(words).toList();
  }

  /**
   * A line of the engine's in the app's words: its settings, not the command line's options; the job's
   * paths and the user's filters as they are (a file may be named "My --fps 30 clip.mp4").
   */
  private static UnaryOperator<String> words(JobReport r) {
    JobReport.Settings s = r.settings();
    return JobSettings.keeping(s.input(), s.output(), s.filters());
  }

  private static List<String> withDropped(List<String> said, JobReport r) {
    List<String> notes = new java.util.ArrayList<>(said == null ? List.of() : said);
    long dropped = r.output().droppedFrames();
    if (dropped > 0) {
      notes.add(dropped + (dropped == 1 ? " source frame" : " source frames") + " could not be decoded and "
          + (dropped == 1 ? "was" : "were") + " left out");
    }
    return notes;
  }

  /**
   * The report as the command line prints it, one line each, its notes in the app's words; its input,
   * output and filters as they are.
   */
  static List<String> report(JobReport r) {
    return report(r, words(r));
  }

  private static List<String> report(JobReport r, UnaryOperator<String> words) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      ReportPrinter.print(r, out);
    }
    return text.toString().lines().map(words).toList();
  }
}
