package org.framefork.app.queue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.cli.ReportPrinter;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.source.ProbedSource;

/**
 * One video in the queue and what has happened to it, with the settings it was encoded with and
 * its log. Read and changed on the EDT only; {@link #saved()} is what the queue file keeps of it.
 */
public final class QueueEntry {
  /** INTERRUPTED: it was encoding when the app ended without a cancel (a crash, a kill); it can resume. */
  public enum State { WAITING, ENCODING, DONE, FAILED, CANCELLED, INTERRUPTED }

  /** The most lines an entry's log keeps (a job's chunks and report fit many times over). */
  static final int MAX_LOG_LINES = 2000;
  private static final java.time.format.DateTimeFormatter TIME_OF_DAY = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

  /**
   * What the queue file keeps of an entry.
   *
   * @param settings what it was (or is being) encoded with; null while it waits (it takes the settings as they are at Start)
   * @param notes what a finished job noted (an image sequence's rate, a source cut short, undecodable frames); null in
   *     a file of an earlier build
   * @param warnings those of its notes that warn; null in a file of an earlier build (all its notes are taken to warn)
   * @param workKept whether its failed job kept its work folder for Retry (a full disk, an I/O error), also once
   *     Retry made it wait again; null in a file of an earlier build (false)
   * @param words in whose words its failure, notes and log are: {@link #APP_WORDS}, the app's (its paths and
   *     filters as they are); null in a file of an earlier build, which kept the engine's, options and all
   * @param staleWork whether the work folder of its output is its own stale work (a resume the engine refused), which
   *     its next start may delete; null in a file of an earlier build (false)
   * @param inputFingerprint its input's {@linkplain org.framefork.encoder.io.Checksums#fingerprint fingerprint} as its
   *     done job read it; null for an image sequence, or in a file of an earlier build
   */
  public record Saved(Path input, State state, Path output, long outputBytes, double seconds, String failure,
      JobSettings settings, List<String> log, List<String> notes, List<String> warnings, Boolean workKept,
      Integer words, Boolean staleWork, String inputFingerprint) {
    /** {@link #words()} of an entry whose lines are in the app's words, as this build saves each. */
    public static final int APP_WORDS = 1;

    /** An entry of an earlier build: no stale work of its own, no input fingerprint. */
    public Saved(Path input, State state, Path output, long outputBytes, double seconds, String failure,
        JobSettings settings, List<String> log, List<String> notes, List<String> warnings, Boolean workKept,
        Integer words) {
      this(input, state, output, outputBytes, seconds, failure, settings, log, notes, warnings, workKept, words, null,
          null);
    }

    /** An entry of an earlier build: its lines in the engine's words. */
    public Saved(Path input, State state, Path output, long outputBytes, double seconds, String failure,
        JobSettings settings, List<String> log, List<String> notes, List<String> warnings, Boolean workKept) {
      this(input, state, output, outputBytes, seconds, failure, settings, log, notes, warnings, workKept, null);
    }

    /** An entry of an earlier build whose job kept no work for Retry. */
    public Saved(Path input, State state, Path output, long outputBytes, double seconds, String failure,
        JobSettings settings, List<String> log, List<String> notes, List<String> warnings) {
      this(input, state, output, outputBytes, seconds, failure, settings, log, notes, warnings, null);
    }
  }

  private final Path input;
  private MediaInfo info;
  /** Frames of an image sequence that hold the image before them (Allow gaps): frames, not images. */
  private int heldFrames;
  private boolean probing = true;
  private State state = State.WAITING;
  private double fraction;
  private String stage = "";
  private Path output;
  private long outputBytes;
  private double seconds;
  private String failure;
  private JobSettings settings;
  private final List<String> log = new ArrayList<>();
  private List<String> notes = List.of();
  private List<String> warnings = List.of();
  /** What a stopped job keeps for Resume ({@link KeptWork}: finished chunks, PLAN, NOTHING); null until counted. */
  private Integer kept;
  /** Chunks that had not finished whose target-quality probes the stopped job keeps (the engine's count). */
  private int probed;
  /**
   * Its job failed for a reason the user can fix (a full disk, an I/O error) and kept its work folder,
   * as a cancelled one does: Retry continues from its finished chunks. Stays while Retry makes it wait.
   */
  private boolean workKept;
  /**
   * The work folder of its output is its own and stale: the engine refused to resume from it (the source
   * changed, other settings) and left it. Only then may its next start take that output's name again and
   * delete that folder, or Remove delete it: a folder there otherwise may be another job's (a Ctrl-C'd
   * command line's, another app's).
   */
  private boolean staleWork;
  /** Its input's fingerprint as its done job read it; null for none (an image sequence, not done). */
  private String inputFingerprint;
  /** Counts the changes of what its row shows, so that a view can keep what it built from them until the next. */
  private int revision;

  public QueueEntry(Path input) {
    this.input = input.toAbsolutePath().normalize();
  }

  /** An entry as the queue file had it; one that was encoding when the app ended is interrupted. */
  public static QueueEntry restore(Saved s) {
    QueueEntry e = new QueueEntry(s.input());
    e.state = s.state() == State.ENCODING ? State.INTERRUPTED : s.state();
    e.output = s.output();
    e.outputBytes = s.outputBytes();
    e.seconds = s.seconds();
    e.settings = s.settings();
    // A file of an earlier build kept the engine's words, options and all: the app's words now, its paths and filters
    // as they are. Lines this build saved are in them already, and are read as they are (a bare file name, a filter's
    // text, a sentence of the user's, none put in other words a second time).
    java.util.function.UnaryOperator<String> words = s.words() != null ? line -> line
        : JobSettings.keeping(s.input(), s.output(), s.settings() == null ? null : s.settings().filters());
    e.failure = words.apply(s.failure());
    e.notes = s.notes() == null ? List.of() : s.notes().stream().map(words).toList();
    e.warnings = s.warnings() == null ? e.notes : s.warnings().stream().map(words).toList();
    e.workKept = Boolean.TRUE.equals(s.workKept()) && (e.state == State.FAILED || e.state == State.WAITING);
    e.staleWork = Boolean.TRUE.equals(s.staleWork()) && (e.state == State.FAILED || e.state == State.WAITING);
    e.inputFingerprint = e.state == State.DONE ? s.inputFingerprint() : null;
    e.fraction = e.state == State.DONE ? 1 : 0;
    if (s.log() != null) {
      s.log().stream().map(words).forEach(e.log::add);
    }
    if (s.state() == State.ENCODING) {
      e.log("the app ended while this was encoding: interrupted; Resume continues from its finished chunks");
    }
    return e;
  }

  public Saved saved() {
    return new Saved(input, state, output, outputBytes, seconds, failure, settings, List.copyOf(log), notes, warnings,
        workKept, Saved.APP_WORDS, staleWork, inputFingerprint);
  }

  /** The settings it was (or is being) encoded with; null while it has not started. */
  public JobSettings settings() {
    return settings;
  }

  /** Adds a line to its log, stamped with the time of day. */
  public void log(String line) {
    if (log.size() >= MAX_LOG_LINES) {
      log.remove(0);
    }
    log.add(java.time.LocalTime.now().format(TIME_OF_DAY) + "  " + line);
  }

  public List<String> logLines() {
    return List.copyOf(log);
  }

  /** Whether Resume applies: stopped with finished chunks that the engine may reuse. */
  public boolean resumable() {
    return (state == State.CANCELLED || state == State.INTERRUPTED) && output != null && settings != null;
  }

  /**
   * Whether its job left work to continue from: stopped (Resume), or failed keeping its work folder
   * for Retry (a full disk, an I/O error), also once Retry made it wait again. The next run of it
   * resumes with the settings it was encoded with when that folder is still there.
   */
  public boolean continuable() {
    return resumable() || workKept && (state == State.FAILED || state == State.WAITING) && output != null && settings != null;
  }

  /**
   * Where the stopped (or failed, keeping its work) job keeps its finished chunks: the engine's work
   * folder of its output (a hidden folder beside it, as {@code JobSettings.toOptions} leaves it); null
   * when it left none to continue from (the folder may be gone since). Only the output's path: each
   * row paint and tooltip asks, so no settings are parsed and no disk is looked at.
   */
  public Path workFolder() {
    return continuable() ? JobWorkspace.defaultFor(output.toAbsolutePath().normalize()) : null;
  }

  /**
   * What the stopped job keeps for Resume, counted off the UI thread ({@link KeptWork#countFor}),
   * and the unfinished chunks whose probes it keeps; false, and nothing changed, when it is no
   * longer stopped (resumed meanwhile).
   */
  boolean kept(int counted, int probedChunks) {
    if (!continuable()) {
      return false;
    }
    revision++;
    kept = counted;
    probed = probedChunks;
    return true;
  }

  /**
   * The earlier output whose work folder, if any, is this entry's own and may go when it starts over:
   * work it kept that is not continued from (its folder gone, or its output there), or work the engine
   * refused to resume from. Null otherwise: a folder at its output then may be another job's.
   */
  public Path ownOutput() {
    return output != null && state != State.ENCODING && (staleWork || continuable()) ? output : null;
  }

  /**
   * The work folder the engine refused to resume from, which it left (stale, but this entry's own):
   * Remove deletes it. Null for none.
   */
  public Path staleWorkFolder() {
    return staleWork && output != null && state != State.ENCODING ? JobWorkspace.defaultFor(output.toAbsolutePath().normalize())
        : null;
  }

  /** Whether the stopped job is known to keep work (chunks or its plan) in {@link #workFolder()}. */
  public boolean keepsWork() {
    return continuable() && kept != null && kept != KeptWork.NOTHING;
  }

  /**
   * What the stopped job keeps, as a sentence ("its 3 finished chunks are kept for Resume", or for
   * Retry after a failure that kept them); empty until counted.
   */
  public String keptSentence() {
    return kept(false);
  }

  /**
   * What the stopped job keeps: finished chunks, its plan only, or nothing, and the probes of
   * unfinished chunks, as the engine's line says them ("its plan and 1 chunk's probes"); empty until
   * counted. {@code onRow}: also where, by the work folder's name (the row's tooltip has its path),
   * and that Remove deletes it.
   */
  private String kept(boolean onRow) {
    if (kept == null || !continuable()) {
      return "";
    }
    String action = resumable() ? "Resume" : "Retry";
    boolean many = kept > 0 || probed > 0;
    String where = !onRow ? " for " + action
        : " in " + workFolder().getFileName() + " for " + action + " (Remove deletes " + (many ? "them" : "it") + ")";
    String probes = probed == 0 ? "" : " and " + probed + (probed == 1 ? " chunk's" : " chunks'") + " probes";
    return kept > 0 ? "its " + kept + " finished chunk" + (kept == 1 ? "" : "s") + probes
        + (kept == 1 && probed == 0 ? " is" : " are") + " kept" + where
        : kept == KeptWork.PLAN ? "no chunk had finished; its plan" + probes + (probed == 0 ? " is" : " are") + " kept" + where
        : "nothing was kept: " + action + " encodes it from the start";
  }

  /**
   * Retry: a failed entry waits again, to be encoded from the start with the settings at the next
   * Start, to its earlier output's name where that is still free (the stale work folder there is
   * deleted as it starts); one whose job kept its work continues from it, with the settings it was
   * encoded with.
   */
  public void retry() {
    revision++;
    state = State.WAITING;
    failure = null;
    notes = List.of();
    fraction = 0;
    if (continuable() && !Integer.valueOf(KeptWork.NOTHING).equals(kept)) {
      log("retry: continues from the work kept in " + workFolder().getFileName());
      return;
    }
    // Its work folder, where there is one still, is its own: its start over may delete it.
    staleWork = staleWork || continuable();
    workKept = false;
    settings = null; // its output stays: the name its next job takes again where it can
    log("retry: encoded again from the start");
  }

  /** Changes whenever its status, detail or notes may have (not for a line of its log). */
  int revision() {
    return revision;
  }

  public Path input() {
    return input;
  }

  public String name() {
    return input.getFileName().toString();
  }

  public MediaInfo info() {
    return info;
  }

  public State state() {
    return state;
  }

  public double fraction() {
    return fraction;
  }

  public Path output() {
    return output;
  }

  public String failure() {
    return failure;
  }

  /** Whether Start would take it: never encoded, or stopped by a cancel or by the app's end. */
  public boolean runnable() {
    return state == State.WAITING || state == State.CANCELLED || state == State.INTERRUPTED;
  }

  /** Whether its video is still being read (an added or restored entry, until its probe's result). */
  public boolean probing() {
    return probing;
  }

  /**
   * The input as read ({@code read}; null where it cannot be), or why it cannot be encoded ({@code error}).
   * An unreadable input keeps what was read of it before (a read again on Retry that its job's start beat).
   */
  void probed(ProbedSource read, String error) {
    revision++;
    probing = false;
    if (read != null) {
      this.info = read.media();
      this.heldFrames = read.sequence() == null ? 0 : read.sequence().heldFrames();
    }
    // A file that cannot be read fails now, so the user sees why before pressing Start.
    if (error != null && state == State.WAITING) {
      state = State.FAILED;
      failure = error;
    }
  }

  /**
   * Read again (a Retry): the input may have been made good since it was added, so its row shows
   * "reading…" while it waits, and then what it is.
   */
  void readAgain() {
    revision++;
    probing = true;
  }

  /**
   * The source as its job's engine read it ({@code JobPlanned}): a row whose input could not be read
   * when added (still being written, unreadable, then made good) shows what it is once its job ran,
   * as a row added healthy does. An image sequence keeps what the queue read of it, its held frames
   * with it, where it has that.
   */
  public void sourceRead(MediaInfo media) {
    if (media == null || media.video() == null || info != null && info.isImageSequence()) {
      return;
    }
    revision++;
    probing = false;
    info = media;
    heldFrames = 0;
  }

  public void started(Path output, JobSettings settings) {
    revision++;
    this.output = output;
    this.settings = settings;
    state = State.ENCODING;
    kept = null;
    workKept = false;
    staleWork = false;
    inputFingerprint = null;
    fraction = 0;
    stage = "starting";
    failure = null;
    notes = List.of();
    warnings = List.of();
  }

  public void progressed(double fraction, String stage) {
    revision++;
    this.fraction = fraction;
    this.stage = stage;
  }

  /**
   * @param notes what the job noted (the report's notes, frames it could not decode); empty for nothing
   * @param warnings those of {@code notes} that warn (a source cut short, HDR tags on 8 bits); empty when all went well
   */
  public void done(long outputBytes, double seconds, List<String> notes, List<String> warnings) {
    done(outputBytes, seconds, notes, warnings, null);
  }

  /**
   * As {@link #done(long, double, List, List)}, with {@code inputFingerprint}, the input's as its job read
   * it (null for none): a video added again is done only while its input still has it.
   */
  public void done(long outputBytes, double seconds, List<String> notes, List<String> warnings, String inputFingerprint) {
    this.inputFingerprint = inputFingerprint;
    revision++;
    state = State.DONE;
    fraction = 1;
    this.outputBytes = outputBytes;
    this.seconds = seconds;
    this.notes = List.copyOf(notes);
    this.warnings = List.copyOf(warnings);
  }

  /** Its input's fingerprint as its done job read it; null for none. */
  public String inputFingerprint() {
    return inputFingerprint;
  }

  /** What the finished job noted, one sentence each; empty when nothing. */
  public List<String> notes() {
    return notes;
  }

  /** Those of its notes that warn of something lost or not done as asked; empty when none does. */
  public List<String> warnings() {
    return warnings;
  }

  public void failed(String reason) {
    revision++;
    state = State.FAILED;
    failure = reason;
    workKept = false;
  }

  /**
   * Failed for a reason the user can fix (a full disk, an I/O error), its work folder kept: the row
   * says what is kept once {@link KeptWork#countFor} has counted it, and Retry continues from it.
   */
  public void failedKeepingWork(String reason) {
    failed(reason);
    workKept = true;
    kept = null;
  }

  /**
   * Failed as the engine refused to resume from its work folder (the source changed, other settings),
   * which it left: that folder is this entry's own stale work, which Retry's start over deletes.
   */
  public void failedRefusingWork(String reason) {
    failed(reason);
    staleWork = true;
  }

  public void cancelled() {
    revision++;
    state = State.CANCELLED;
  }

  /** The status column: waiting, encoding n%, done with size and time (or how many notes), failed, cancelled. */
  public String statusText() {
    return switch (state) {
      case WAITING -> "waiting";
      case ENCODING -> String.format("encoding %d%%", (int) Math.floor(fraction * 100));
      case DONE -> notes.isEmpty() ? String.format("done · %s in %s", bytes(outputBytes), duration(seconds))
          : String.format("done · %d note%s · %s in %s", notes.size(), notes.size() == 1 ? "" : "s", bytes(outputBytes),
              duration(seconds));
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
      case INTERRUPTED -> "interrupted";
    };
  }

  /** The second line: what the video is, what is happening, or why it failed. */
  public String detailText() {
    return switch (state) {
      case WAITING -> probing ? "reading…" : mediaSummary();
      case ENCODING -> stage;
      case DONE -> "→ " + (output == null ? "" : output.getFileName())
          + (warnings.isEmpty() ? "" : " · " + warnings.getFirst());
      case FAILED -> (failure == null ? "unknown error" : withoutInputPath(failure)) + keptText();
      case CANCELLED -> "cancelled; nothing at the destination" + keptText();
      case INTERRUPTED -> "the app ended while it encoded" + keptText();
    };
  }

  /**
   * The engine's sentence less the input's path in front ("/long/path/clip.mp4: no such file" is
   * "no such file"): the row's title names the input, and the path took the row's width from the
   * reason. The tooltip has the path.
   */
  private String withoutInputPath(String sentence) {
    String prefix = input + ": ";
    return sentence.startsWith(prefix) && sentence.length() > prefix.length() ? sentence.substring(prefix.length()) : sentence;
  }

  /** The row's end: what the stopped job keeps, and where. */
  private String keptText() {
    String s = kept(true);
    return s.isEmpty() ? "" : "; " + s;
  }

  public String mediaSummary() {
    if (info == null || info.video() == null) {
      return "";
    }
    VideoStream v = info.video();
    if (info.isImageSequence() || org.framefork.encoder.source.ImageSequences.isImage(input)) {
      // No duration: that depends on the Sequence fps setting at Start, not on the rate it was read with. A
      // picture by itself is one image, not "0.0 s · 1 frames".
      // Frames that hold the image before a gap are no images: "6 frames from 4 images".
      String count = heldFrames > 0 ? counted(v.frameCount(), "frame") + " from " + counted(v.frameCount() - heldFrames, "image")
          : counted(v.frameCount(), "image");
      return String.format("%d×%d · %s · %s", v.width(), v.height(), count, v.codec());
    }
    return String.format("%d×%d · %s · %s · %s%s", v.width(), v.height(), duration(v.durationSeconds()),
        counted(v.frameCount(), "frame"), v.codec(), info.hasAudio() ? " + audio" : "");
  }

  /** "1 image", "24 images". */
  private static String counted(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A size as the command line's report gives it ("2.77 MiB"): the same unit and rule. */
  public static String bytes(long b) {
    return ReportPrinter.size(b);
  }

  public static String duration(double s) {
    if (s < 60) {
      return String.format("%.1f s", s);
    }
    long t = Math.round(s);
    return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
  }
}
