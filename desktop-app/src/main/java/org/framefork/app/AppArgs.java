package org.framefork.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.app.health.StrictMode;
import org.framefork.app.queue.QueueInputs;
import org.framefork.encoder.cluster.ClusterOptions;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The app's command line. Everything is optional: with no arguments the app opens with the settings
 * it had last time. {@code --autorun} drives one job through the window's own Start path, for
 * measurements and tests.
 *
 * @param files videos to put in the queue at start
 * @param watchdogMillis how long the UI thread may be blocked before the watchdog reports it; null
 *     takes {@code -Dframefork.watchdog.ms} or 5000
 * @param dark null keeps the remembered theme
 * @param dataDir where the queue and the user's presets are kept; null takes {@code
 *     -Dframefork.data.dir} or the platform's usual folder (see {@link AppData})
 * @param cluster worker nodes for the cluster setting ({@code HOST:PORT[,...]}); with it {@code workers}
 *     counts this machine's workers (0: none)
 * @param credentials the cluster's credentials folder
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
    String strictModeFlag,
    Path dataDir,
    String cluster,
    Path credentials,
    boolean help) {

  public static final long DEFAULT_WATCHDOG_MILLIS = 5000;

  private static String notAFile(Path p) {
    return Files.isDirectory(p) ? "a folder; name a video file (a folder goes in the queue without --autorun)" : "no such file";
  }

  public static int maxWorkers() {
    return Math.min(2 * Runtime.getRuntime().availableProcessors(), org.framefork.encoder.job.JobOptions.MAX_WORKERS);
  }

  /** The help text, picocli's from {@link Flags}. */
  public static String usage() {
    return commandLine(new Flags()).getUsageMessage();
  }

  /** Parses the arguments; a mistake is an IllegalArgumentException whose message is one line. */
  public static AppArgs parse(String... args) {
    Flags flags = new Flags();
    CommandLine cl = commandLine(flags);
    CommandLine.ParseResult parsed;
    try {
      parsed = cl.parseArgs(args);
    } catch (ParameterException e) {
      // A file named -x.mp4 in the current folder is one, not an unknown option: said as encode says it.
      String dashFile = org.framefork.encoder.cli.Main.dashFileProblem(cl, args);
      throw new IllegalArgumentException(dashFile != null ? dashFile : problem(e), e);
    }
    return flags.checked(parsed.matchedOptionValue("--cluster", (String) null),
        parsed.matchedOptionValue("--credentials", (Path) null));
  }

  /** Whole numbers in the app's words; an option given twice takes the last value, as it always has. */
  private static CommandLine commandLine(Flags flags) {
    CommandLine cl = new CommandLine(flags);
    cl.registerConverter(Integer.class, s -> {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("not a whole number");
      }
    });
    cl.setOverwrittenOptionsAllowed(true);
    cl.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(EXIT_CODES);
    return cl;
  }

  private static final String[] EXIT_CODES = {
      "  0    the window was closed, or the inputs went to the window already",
      "       open; with --exit-when-done, the job succeeded",
      "  1    with --exit-when-done: the job failed",
      "  2    usage error (bad option, a file that is not there, no display)",
      "  3    --strict-mode death: I/O on the UI thread ended the app"};

  /** Picocli's complaint as one line: what is wrong with which option, and where to look. */
  private static String problem(ParameterException e) {
    String unknown = e instanceof CommandLine.UnmatchedArgumentException u
        ? org.framefork.encoder.cli.Mistyped.unknownArguments(u, false) : null;
    if (unknown != null) {
      return unknown + "; see '" + COMMAND + " --help'";
    }
    if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
        && m.getMissing().getFirst() instanceof OptionSpec o) {
      return o.longestName() + " needs a value; see '" + COMMAND + " --help'";
    }
    if (e.getArgSpec() instanceof OptionSpec o && e.getCause() instanceof CommandLine.TypeConversionException c) {
      return o.longestName() + " " + e.getValue() + ": " + c.getMessage();
    }
    return e.getMessage();
  }

  private static final String COMMAND = "framefork gui";

  /**
   * The options as given; {@link #checked} refuses, in one line each, what the app cannot open with.
   * The help text is picocli's, from these.
   */
  @Command(name = COMMAND, sortOptions = false, usageHelpAutoWidth = true,
      description = "The desktop app: a queue of videos, the encoder's settings, the workers at work and the UI thread's "
          + "health. Everything is optional: with no arguments it opens with the settings it had last time.")
  static final class Flags {
    @Parameters(paramLabel = "INPUT", description = "Videos to put in the queue (the open window's, when FrameFork is "
        + "already open on this data folder), as encode takes them: files, folders "
        + "(their videos, or a folder of images as one image sequence), printf patterns (\"render/frame_%%04d.png\") and "
        + "quoted globs (\"clips/*.mov\", \"render/*.png\").")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** The last of --dark and --light wins; neither keeps the remembered theme. */
    Boolean dark;

    @Option(names = "--dark", description = "Dark theme for this session (the toolbar toggle remembers one).")
    void dark(boolean on) {
      dark = true;
    }

    @Option(names = "--light", description = "Light theme for this session.")
    void light(boolean on) {
      dark = false;
    }

    @Option(names = "--workers", paramLabel = "N", description = "Parallel workers, 1 to twice this machine's cores.")
    Integer workers;

    @Option(names = "--mode", paramLabel = "MODE", description = "sequential, concurrent or parallel.")
    String mode;

    @Option(names = "--codec", paramLabel = "C", description = "h264, h265, vp9 or av1.")
    String codec;

    @Option(names = "--preset", paramLabel = "P", description = "ultrafast ... veryslow.")
    String preset;

    @Option(names = "--crf", paramLabel = "N", description = "Quality (lower is better and bigger).")
    Integer crf;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where encoded files go (an existing folder; default "
        + "~/Videos/FrameFork, or ~/FrameFork without ~/Videos).")
    Path outputDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the queue and your presets are kept (default "
        + "~/.local/share/framefork; a scripted run keeps its queue only when this is given).")
    Path dataDir;

    @Option(names = "--strict-mode", paramLabel = "MODE", description = "StrictMode's penalty for I/O on the UI thread: "
        + "log (default), beep, death (exit 3) or off.")
    String strictMode;

    @Option(names = "--watchdog-ms", paramLabel = "N", description = "UI-thread block that the watchdog reports (default 5000).")
    Integer watchdogMs;

    /** --cluster and --credentials: the encode command's own options, help and checks. */
    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @ArgGroup(validate = false, heading = "Scripted run (measurements, tests):%n")
    Script script = new Script();

    static final class Script {
      @Option(names = "--autorun", paramLabel = "FILE", description = "Queue FILE and press Start once the window is up.")
      Path autorun;

      @Option(names = "--on-ui-thread", description = "... through the demo switch: the job runs on the UI thread.")
      boolean onUiThread;

      @Option(names = "--report", paramLabel = "FILE.json", description = "Write the UI thread's latency figures and the job's.")
      Path report;

      @Option(names = "--exit-when-done", description = "Quit when the job ends: exit 0 if it succeeded, 1 if not.")
      boolean exitWhenDone;
    }

    /** @param addresses {@code --cluster}'s value, {@code credentials} {@code --credentials}'s (null when not given) */
    AppArgs checked(String addresses, Path credentials) {
      int fewest = cluster.enabled() ? 0 : 1;
      if (workers != null && (workers < fewest || workers > maxWorkers())) {
        throw new IllegalArgumentException("--workers " + workers + ": use " + fewest + " to " + maxWorkers()
            + " on this machine (" + Runtime.getRuntime().availableProcessors() + " cores)");
      }
      if (watchdogMs != null && watchdogMs < 100) {
        throw new IllegalArgumentException("--watchdog-ms " + watchdogMs + ": use 100 or more");
      }
      if (strictMode != null && !strictMode.trim().equalsIgnoreCase("off")) {
        StrictMode.Penalty.parse(strictMode);
      }
      ExecutionMode m = mode != null ? ExecutionMode.parse(mode) : null;
      VideoCodec c = codec != null ? VideoCodec.parse(codec) : null;
      checkScript();
      List<Path> inputs = inputs();
      checkFiles();
      checkEncoding(c != null ? c : VideoCodec.H264);
      // The encode command's checks (the credentials are read: this runs before the window is built).
      cluster.check(m != null ? m : ExecutionMode.PARALLEL, workers != null ? workers : 1);
      return new AppArgs(inputs, script.autorun, script.exitWhenDone, script.report, script.onUiThread, workers, m,
          outputDir, dark, watchdogMs != null ? (long) watchdogMs : null, c, preset, crf, strictMode, dataDir, addresses,
          credentials, help);
    }

    private void checkScript() {
      if (script.autorun == null && (script.exitWhenDone || script.report != null || script.onUiThread)) {
        throw new IllegalArgumentException("--exit-when-done, --report and --on-ui-thread go with --autorun FILE");
      }
      if (script.autorun != null && !Files.isRegularFile(script.autorun)) {
        throw new IllegalArgumentException("--autorun " + script.autorun + ": " + notAFile(script.autorun));
      }
    }

    /**
     * The inputs, as the queue takes what is dropped on it ({@link QueueInputs}: what {@code encode}
     * takes, less the app's own outputs beside their sources). A file that is not there is refused
     * here, as a pattern that matches nothing; a sequence's own problems (no images by that name)
     * show on its queue row, as for one typed in the Add dialog.
     */
    private List<Path> inputs() {
      List<String> problems = new ArrayList<>();
      List<Path> inputs = QueueInputs.of(files.stream().map(Path::toString).toList(), problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(problems.getFirst());
      }
      return inputs;
    }

    private void checkFiles() {
      if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
        throw new IllegalArgumentException("--data-dir " + dataDir + ": is a file; name a folder (it is made when missing)");
      }
      if (outputDir != null && !Files.isDirectory(outputDir)) {
        throw new IllegalArgumentException("--output-dir " + outputDir + ": not an existing folder");
      }
      if (script.report != null) {
        Path parent = script.report.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
          throw new IllegalArgumentException("--report " + script.report + ": its folder does not exist");
        }
      }
      if (script.autorun != null && !files.isEmpty()) {
        throw new IllegalArgumentException("--autorun runs one file; leave out " + files.get(0));
      }
    }

    private void checkEncoding(VideoCodec c) {
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
    }
  }

  /**
   * StrictMode's penalty: {@code --strict-mode}, else {@code -Dframefork.strictmode}, else log; null
   * when off.
   */
  public StrictMode.Penalty strictMode() {
    String p = (strictModeFlag != null ? strictModeFlag : System.getProperty("framefork.strictmode", "log")).trim();
    return p.equalsIgnoreCase("off") ? null : StrictMode.Penalty.parse(p);
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

  /**
   * The flags that set up a window as it opens ("--strict-mode", "--watchdog-ms"): the window already
   * open on the data folder was set up without them, so a hand-off cannot take them either.
   */
  public List<String> windowFlags() {
    return java.util.stream.Stream.of(strictModeFlag == null ? null : "--strict-mode", watchdogMillis == null ? null : "--watchdog-ms")
        .filter(java.util.Objects::nonNull).toList();
  }

  /**
   * The settings given on the command line ("--codec", "--crf", ...), in the order of the help: the
   * window that is already open on the data folder has its own, so a hand-off cannot take them.
   */
  public List<String> settingFlags() {
    List<String> given = new ArrayList<>();
    Object[][] flags = {{"--workers", workers}, {"--mode", mode}, {"--codec", codec}, {"--preset", preset},
        {"--crf", crf}, {"--output-dir", outputDir}, {"--cluster", cluster}, {"--credentials", credentials},
        {dark != null && dark ? "--dark" : "--light", dark}};
    for (Object[] f : flags) {
      if (f[1] != null) {
        given.add((String) f[0]);
      }
    }
    return given;
  }
}
