package org.framefork.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.ExecutionMode;

/**
 * The app's command line. Everything is optional: with no arguments the app opens with the settings
 * it had last time. {@code --autorun} drives one job through the window's own Start path, for
 * measurements and tests.
 *
 * @param files videos to put in the queue at start
 * @param watchdogMillis how long the UI thread may be blocked before the watchdog reports it; null
 *     takes {@code -Dframefork.watchdog.ms} or 5000
 * @param dark null keeps the remembered theme
 */
public record AppArgs(
    List<Path> files,
    Path autorun,
    boolean exitWhenDone,
    Path report,
    boolean onUiThread,
    Integer workers,
    ExecutionMode mode,
    Path outputDir,
    Boolean dark,
    Long watchdogMillis,
    VideoCodec codec,
    String preset,
    Integer crf,
    boolean help) {

  public static final long DEFAULT_WATCHDOG_MILLIS = 5000;

  public static final String USAGE = """
      Usage: framefork gui [OPTIONS] [VIDEO...]
        VIDEO...              videos to put in the queue
        --dark | --light      theme for this session (the toolbar toggle remembers one)
        --workers N           parallel workers, 1 to %d on this machine
        --mode MODE           sequential, concurrent or parallel
        --codec C             h264, h265, vp9 or av1
        --preset P            ultrafast ... veryslow
        --crf N               quality (lower is better and bigger)
        --output-dir DIR      where encoded files go (an existing folder; default
                              ~/Videos/FrameFork, or ~/FrameFork without ~/Videos)
        --watchdog-ms N       UI-thread block that the watchdog reports (default 5000)
      Scripted run (measurements, tests):
        --autorun FILE        queue FILE and press Start once the window is up
        --on-ui-thread        ... through the demo switch: the job runs on the UI thread
        --report FILE.json    write the UI thread's latency figures and the job's when it ends
        --exit-when-done      quit when the job ends: exit 0 if it succeeded, 1 if not
      Exit 2 on bad arguments.""";

  private static String notAFile(Path p) {
    return Files.isDirectory(p) ? "a folder; name a video file (or drop the folder on the queue)" : "no such file";
  }

  public static int maxWorkers() {
    return Math.min(2 * Runtime.getRuntime().availableProcessors(), org.framefork.encoder.job.JobOptions.MAX_WORKERS);
  }

  public static String usage() {
    return USAGE.formatted(maxWorkers());
  }

  /** Parses the arguments; a mistake is an IllegalArgumentException whose message is one line. */
  public static AppArgs parse(String... args) {
    List<Path> files = new ArrayList<>();
    Path autorun = null;
    boolean exitWhenDone = false;
    Path report = null;
    boolean onUiThread = false;
    Integer workers = null;
    ExecutionMode mode = null;
    Path outputDir = null;
    Boolean dark = null;
    Long watchdog = null;
    VideoCodec codec = null;
    String preset = null;
    Integer crf = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a;
      String inline = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        inline = a.substring(eq + 1);
      }
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--dark" -> dark = true;
        case "--light" -> dark = false;
        case "--exit-when-done" -> exitWhenDone = true;
        case "--on-ui-thread" -> onUiThread = true;
        case "--autorun" -> autorun = Path.of(inline != null ? inline : value(args, ++i, name));
        case "--report" -> report = Path.of(inline != null ? inline : value(args, ++i, name));
        case "--output-dir" -> outputDir = Path.of(inline != null ? inline : value(args, ++i, name));
        case "--workers" -> workers = integer(inline != null ? inline : value(args, ++i, name), name);
        case "--crf" -> crf = integer(inline != null ? inline : value(args, ++i, name), name);
        case "--watchdog-ms" -> watchdog = (long) integer(inline != null ? inline : value(args, ++i, name), name);
        case "--mode" -> mode = ExecutionMode.parse(inline != null ? inline : value(args, ++i, name));
        case "--codec" -> codec = VideoCodec.parse(inline != null ? inline : value(args, ++i, name));
        case "--preset" -> preset = inline != null ? inline : value(args, ++i, name);
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("unknown option '" + a + "'; see --help");
          }
          files.add(Path.of(a));
        }
      }
    }
    if (workers != null && (workers < 1 || workers > maxWorkers())) {
      throw new IllegalArgumentException("--workers " + workers + ": use 1 to " + maxWorkers() + " on this machine ("
          + Runtime.getRuntime().availableProcessors() + " cores)");
    }
    if (watchdog != null && watchdog < 100) {
      throw new IllegalArgumentException("--watchdog-ms " + watchdog + ": use 100 or more");
    }
    if (autorun == null && (exitWhenDone || report != null || onUiThread)) {
      throw new IllegalArgumentException("--exit-when-done, --report and --on-ui-thread go with --autorun FILE");
    }
    if (autorun != null && !Files.isRegularFile(autorun)) {
      throw new IllegalArgumentException("--autorun " + autorun + ": " + notAFile(autorun));
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new IllegalArgumentException(f + ": " + notAFile(f));
      }
    }
    if (outputDir != null && !Files.isDirectory(outputDir)) {
      throw new IllegalArgumentException("--output-dir " + outputDir + ": not an existing folder");
    }
    if (report != null) {
      Path parent = report.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("--report " + report + ": its folder does not exist");
      }
    }
    if (autorun != null && !files.isEmpty()) {
      throw new IllegalArgumentException("--autorun runs one file; leave out " + files.get(0));
    }
    VideoCodec c = codec != null ? codec : VideoCodec.H264;
    if (crf != null && (crf < 0 || crf > c.maxCrf())) {
      throw new IllegalArgumentException("--crf " + crf + ": use 0 to " + c.maxCrf() + " for " + c);
    }
    if (preset != null) {
      try {
        new EncodeSettings(c, c.defaultCrf(), preset, 1);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--preset: " + e.getMessage());
      }
    }
    return new AppArgs(List.copyOf(files), autorun, exitWhenDone, report, onUiThread, workers, mode, outputDir, dark,
        watchdog, codec, preset, crf, help);
  }

  /** The watchdog threshold: the flag, else {@code -Dframefork.watchdog.ms}, else 5 s like Android's ANR. */
  public long watchdogThresholdMillis() {
    if (watchdogMillis != null) {
      return watchdogMillis;
    }
    String p = System.getProperty("framefork.watchdog.ms");
    if (p != null) {
      try {
        return Math.max(100, Long.parseLong(p.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-Dframefork.watchdog.ms=" + p + ": not a number of milliseconds");
      }
    }
    return DEFAULT_WATCHDOG_MILLIS;
  }

  public boolean scripted() {
    return autorun != null;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value; see --help");
    }
    return args[i];
  }

  private static int integer(String s, String option) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + s + ": not a whole number");
    }
  }
}
