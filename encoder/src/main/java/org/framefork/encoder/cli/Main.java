package org.framefork.encoder.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.framefork.encoder.report.BuildVersion;
import org.framefork.encoder.verify.vmaf.VmafScorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code framefork} command line: {@code encode}, {@code probe} and {@code compare}. Every error a user can cause
 * ends as one line on stderr that starts with {@code framefork:} and a documented exit code.
 */
@Command(
    name = "framefork",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionInfo.class,
    description = "Chunk-parallel video encoder: cuts a video into chunks, encodes them at the same time, joins them frame-exact.",
    subcommands = {EncodeCommand.class, ProbeCommand.class, CompareCommand.class, org.framefork.encoder.cluster.NodeCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  /** Exit codes, documented in the help footer and the README. */
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_INTERRUPTED = 130;
  /** After SIGTERM: 128 + 15, as shells report a process that signal ended. */
  public static final int EXIT_TERMINATED = 143;

  static final String FOOTER_HEADING = "%nExit codes:%n";
  static final String[] EXIT_CODES = {
      "  0    every input was done",
      "  1    some inputs failed; the others were done (a full disk or an I/O",
      "       error keeps the finished chunks for --resume)",
      "  2    usage error (bad option, missing input, output in the way);",
      "       nothing was written",
      "  130  interrupted (Ctrl-C); the running job was cancelled",
      "  143  terminated (SIGTERM); the running job was cancelled",
      "  129  hung up (SIGHUP); the running job was cancelled"};

  static final String[] PROBE_EXIT_CODES = {
      "  0    the input was probed",
      "  1    the input is not a video FrameFork can read",
      "  2    usage error (bad option, missing input, an image sequence encode",
      "       refuses: no images, two sizes or formats; gaps are shown)"};
  static final String[] COMPARE_EXIT_CODES = {
      "  0    the videos were compared",
      "  1    a video cannot be read (an empty file included) or does not",
      "       decode, or has no frames to compare",
      "  2    usage error (bad option, missing file, an image sequence,",
      "       pictures of different sizes, frame rates more than 1%% apart;",
      "       for VMAF also videos of different lengths, or pictures under",
      "       " + VmafScorer.MIN_SIZE + "x" + VmafScorer.MIN_SIZE + " with --vmaf-native)"};

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // No subcommand: show what there is, and say so with the usage-error code.
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_USAGE;
  }

  public static void main(String[] args) {
    // FFmpeg's libraries load (a few hundred ms) while the command line is parsed and checked, and
    // an encode's JSON machinery (about 0.3 s) while it probes its input: both would otherwise be
    // serial time before the first chunk starts.
    headStart("framefork-ffmpeg-preload", org.framefork.encoder.media.Ffmpeg::loadLibraries);
    if (args.length > 0 && args[0].equals("encode")) {
      headStart("framefork-json-warmup", org.framefork.encoder.job.JobWorkspace::warmUp);
    }
    InterruptGuard guard = InterruptGuard.install();
    guard.stopWhenLauncherEnds(System.getenv(InterruptGuard.LAUNCHER_PID_ENV));
    int code = commandLine(guard).execute(args);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs {@code task} on a daemon thread; whoever needs what it loads waits for it, or loads it itself. */
  private static void headStart(String name, Runnable task) {
    Thread t = new Thread(() -> {
      try {
        task.run();
      } catch (RuntimeException | LinkageError e) {
        // Only a head start: the job loads what it needs itself, and reports its own failures with their context.
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  /** The command line with its error handling, writing to System.out/err; Ctrl-C handled by {@code guard}. */
  static CommandLine commandLine(InterruptGuard guard) {
    CommandLine cl = new CommandLine(new Main(), new Factory(guard));
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      // Commands turn every expected failure into an exit code; this is a bug, so show the trace.
      line.getErr().println("framefork: internal error: " + e);
      e.printStackTrace(line.getErr());
      return EXIT_FAILED;
    });
    cl.getCommandSpec().usageMessage().footerHeading(FOOTER_HEADING).footer(EXIT_CODES);
    // A preset's flags take its place on the command line and later flags override them: the last of an option wins.
    cl.getSubcommands().get("encode").setOverwrittenOptionsAllowed(true);
    for (var sub : cl.getSubcommands().entrySet()) {
      String[] codes = switch (sub.getKey()) {
        case "probe" -> PROBE_EXIT_CODES;
        case "compare" -> COMPARE_EXIT_CODES;
        case "node" -> org.framefork.encoder.cluster.NodeCommand.EXIT_CODES;
        default -> EXIT_CODES;
      };
      sub.getValue().getCommandSpec().usageMessage().footerHeading(FOOTER_HEADING).footer(codes);
    }
    return cl;
  }

  /** For tests: runs {@code args} in-process with captured streams and no signal handling. */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(InterruptGuard.none(), out, err, args);
  }

  /** For tests: as above, with a guard the test can press Ctrl-C on. */
  static int execute(InterruptGuard guard, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine(guard);
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Picocli's own complaints (unknown option, missing value) as one line that says where to look. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String where = cl.getCommandSpec().qualifiedName();
    String dashFile = cl.getParent() == null ? null : dashFileProblem(cl, args);
    if (dashFile != null) {
      cl.getErr().println("framefork: " + dashFile);
      return EXIT_USAGE;
    }
    String other = otherCommandsOption(cl, e);
    String unknown = e instanceof CommandLine.UnmatchedArgumentException u
        ? Mistyped.unknownArguments(u, cl.getParent() == null, other.isEmpty()) : null;
    cl.getErr().println("framefork: " + (unknown != null ? unknown : e.getMessage()) + other + "; see '" + where + " --help'");
    return EXIT_USAGE;
  }

  /**
   * What to say, without the command's name, when picocli took a file whose name starts with '-'
   * for an option of {@code cl} (see {@link #dashFile}); null when no such file is among {@code
   * args}. The app's command line says the same.
   */
  public static String dashFileProblem(CommandLine cl, String... args) {
    String file = dashFile(cl, args);
    return file == null ? null : file + ": a file whose name starts with '-': write ./" + file + " or put -- before it";
  }

  /**
   * The first of {@code args} before {@code --} that starts with '-', names none of the command
   * {@code cl}'s options and is a file or folder that exists: a file the user meant, which picocli
   * took for an option ("Missing required parameter", "Unknown option"); null when there is none.
   */
  private static String dashFile(CommandLine cl, String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return null;
      }
      if (a.length() > 1 && a.startsWith("-") && !cl.getCommandSpec().optionsMap().containsKey(a) && exists(a)) {
        return a;
      }
    }
    return null;
  }

  private static boolean exists(String path) {
    try {
      return Files.exists(Path.of(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * For an option given to the cluster command that does not take it, the one it takes: {@code
   * encode --join} (node's option) said only "unknown option '--join'".
   */
  private static String otherCommandsOption(CommandLine cl, CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException u)) {
      return "";
    }
    String[] mixUp = switch (cl.getCommandName()) {
      case "encode" -> new String[] {"--join", "encode takes --cluster HOST:PORT[,...]; --join is for 'framefork node'"};
      case "node" -> new String[] {"--cluster", "node takes --join HOST:PORT[,...]; --cluster is for 'framefork encode'"};
      default -> null;
    };
    return mixUp != null && u.getUnmatched().stream().anyMatch(a -> a.equals(mixUp[0]) || a.startsWith(mixUp[0] + "="))
        ? " (" + mixUp[1] + ")" : "";
  }

  /** Gives the commands the interrupt guard; everything else the default way. */
  private record Factory(InterruptGuard guard) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == EncodeCommand.class) {
        return cls.cast(new EncodeCommand(guard));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }

  /** FrameFork's version (from the jar's Maven descriptor) and the FFmpeg it links; the app's About shows the same. */
  public static final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String ffmpeg;
      try {
        ffmpeg = org.bytedeco.ffmpeg.global.avutil.av_version_info().getString()
            + " (bytedeco JavaCPP " + org.bytedeco.javacpp.Loader.getVersion() + ", GPL build, "
            + org.bytedeco.javacpp.Loader.getPlatform() + ")";
      } catch (Throwable t) {
        // Natives that do not load (another platform's build) should not hide our own version.
        ffmpeg = "not loadable here (" + t + ")";
      }
      return new String[] {
          "FrameFork " + BuildVersion.frameFork(),
          "FFmpeg " + ffmpeg,
          "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
  }

}
