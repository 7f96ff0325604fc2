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
        ? unknownArguments(u, cl.getParent() == null, other.isEmpty()) : null;
    cl.getErr().println("framefork: " + (unknown != null ? unknown : e.getMessage()) + other + "; see '" + where + " --help'");
    return EXIT_USAGE;
  }

  /**
   * Picocli's unmatched arguments in FrameFork's words, each mistyped option with its nearest
   * name: "unknown option '--ovewrite' (did you mean --overwrite?)", and where {@code commands}
   * (the top level) "unknown command 'encdoe' (did you mean encode?)". Arguments as typed: a
   * run-together short option is named whole ("-vf", where picocli says '-f'), and what follows an
   * unknown option is taken as its value. Null for arguments that are neither (a second input to
   * probe), which picocli's own message says. The app's command line says the same.
   */
  public static String unknownArguments(CommandLine.UnmatchedArgumentException u, boolean commands) {
    return unknownArguments(u, commands, true);
  }

  private static String unknownArguments(CommandLine.UnmatchedArgumentException u, boolean commands, boolean guess) {
    List<String> typed = typedArguments(u);
    if (typed.isEmpty()) {
      return null;
    }
    CommandSpec spec = u.getCommandLine().getCommandSpec();
    String first = typed.getFirst();
    if (commands && !first.startsWith("-")) {
      List<String> names = spec.subcommands().entrySet().stream()
          .filter(c -> !c.getValue().getCommandSpec().usageMessage().hidden()).map(java.util.Map.Entry::getKey).toList();
      return "unknown command '" + first + "'" + (guess ? hint(first, names) : "");
    }
    if (!isOption(first)) {
      return null;
    }
    List<String> names = spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> java.util.Arrays.stream(o.names())).toList();
    List<String> options = typed.stream().filter(Main::isOption).toList();
    return "unknown option" + (options.size() == 1 ? " " : "s ") + String.join(", ", options.stream()
        .map(a -> "'" + a + "'" + (guess ? hint(a, names) : "")).toList());
  }

  /** Whether {@code arg} is taken for an option: '-' and more, not a number; a lone '-' is a name (stdin's, to many tools). */
  private static boolean isOption(String arg) {
    if (arg.length() < 2 || !arg.startsWith("-")) {
      return false;
    }
    try {
      Double.parseDouble(arg);
      return false;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * The unmatched arguments as the user typed them: picocli's message names a short option run
   * together with others by its own letter, "'-f' (while processing option: '-vf')", which is put
   * back as '-vf'. Read from the message, which quotes each argument in turn.
   */
  private static List<String> typedArguments(CommandLine.UnmatchedArgumentException u) {
    List<String> unmatched = u.getUnmatched();
    String message = String.valueOf(u.getMessage());
    String marker = " (while processing option: '";
    List<String> typed = new java.util.ArrayList<>();
    int at = message.indexOf(": '");
    for (String a : unmatched) {
      int start = at < 0 ? -1 : at + (typed.isEmpty() ? 2 : 0);
      if (start < 0 || !message.startsWith("'" + a + "'", start)) {
        return unmatched; // not as expected: picocli's own arguments
      }
      at = start + a.length() + 2;
      String as = a;
      if (message.startsWith(marker, at) && message.indexOf("')", at) > 0) {
        as = message.substring(at + marker.length(), message.indexOf("')", at));
        at = message.indexOf("')", at) + 2;
      }
      typed.add(as);
      at = message.startsWith(", ", at) ? at + 2 : at;
    }
    return typed;
  }

  /** " (did you mean --overwrite?)" for {@code typed} among {@code names}, or "" when none is a slip of the keys away. */
  private static String hint(String typed, List<String> names) {
    List<String> guesses = closest(typed, names);
    return guesses.isEmpty() ? "" : " (did you mean " + String.join(" or ", guesses) + "?)";
  }

  /**
   * Of {@code names}, the ones {@code typed} is a slip of the keys from: the same first two letters
   * (after the dashes, as picocli suggests), then fewest edits (a swap of two letters is one), at
   * most two or a quarter of the name. Only the part before '=' of "--opt=value" counts, and case
   * does not ("-J" for -j); nor does a number run into a short option ("-J2" for -j 2). Dashes with
   * no name ("--=x") are no slip. "frobnicate" is no slip for "probe".
   */
  private static List<String> closest(String typed, List<String> names) {
    String name = typed.startsWith("-") && typed.indexOf('=') > 0 ? typed.substring(0, typed.indexOf('=')) : typed;
    String key = SHORT_WITH_NUMBER.matcher(name.toLowerCase(java.util.Locale.ROOT)).replaceFirst("$1");
    if (key.startsWith("-") && stripDashes(key).isEmpty()) {
      return List.of();
    }
    String start = stripDashes(key).substring(0, Math.min(2, stripDashes(key).length()));
    List<String> alike = names.stream()
        .filter(s -> !s.startsWith("-") || stripDashes(s.toLowerCase(java.util.Locale.ROOT)).startsWith(start)).toList();
    java.util.function.ToIntFunction<String> distance = s -> edits(key, s.toLowerCase(java.util.Locale.ROOT));
    int limit = Math.max(2, key.length() / 4);
    int best = alike.stream().mapToInt(distance).min().orElse(limit + 1);
    return best > limit ? List.of() : alike.stream().filter(s -> distance.applyAsInt(s) == best).limit(3).toList();
  }

  /** A short option with its number run into it, "-j2": group 1 is the option. */
  private static final java.util.regex.Pattern SHORT_WITH_NUMBER = java.util.regex.Pattern.compile("^(-\\p{L})\\d+$");

  private static String stripDashes(String s) {
    return s.replaceFirst("^-+", "");
  }

  /** Edits from {@code a} to {@code b}: insertions, deletions, changes and swaps of neighbours, one each. */
  private static int edits(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + change);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
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
