package org.framefork.samples;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Rational;
import org.framefork.samples.output.ClipWriter;
import org.framefork.samples.output.SampleManifest;
import org.framefork.samples.output.VideoSettings;
import org.framefork.samples.script.SceneLength;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code framefork samples}: writes a deterministic sample clip and its ground-truth sidecar. */
@Command(
    name = "framefork samples",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Writes a synthetic clip that costs what real footage costs to encode: textured backdrops under a "
            + "panning camera, moving textured objects, light gradients, film grain, a scrolling text line, "
            + "hard scene cuts every few seconds (some scenes with a slow fade or a fast pan, which are not cuts) "
            + "and a chord that changes with every scene.",
        "Next to FILE it writes FILE's name with .cuts.json: size, rate, frame count, seed, and the frames of "
            + "every cut, keyframe, fade and fast pan.",
        "The same options and seed give the same decoded frames: in any process and, with libx264, on any "
            + "x86-64 CPU with SSSE3 (the sidecar's determinism field says what else repeats).",
        ""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the clip and its sidecar were written", "1:writing failed", "2:the options were wrong"})
public final class SampleGenerator implements Callable<Integer> {
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
      description = "Clip to write (.mp4, .mkv or .mov); an existing file is replaced.")
  Path output;

  @Option(names = "--width", defaultValue = "1280", paramLabel = "PX", description = "Frame width, even (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "720", paramLabel = "PX", description = "Frame height, even (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--fps", defaultValue = "30", paramLabel = "RATE",
      description = "Frame rate: 30, 25, 12.5, 30000/1001 or 29.97 (= 30000/1001) (default: ${DEFAULT-VALUE}).")
  String fps;

  @Option(names = {"-d", "--duration"}, defaultValue = "10", paramLabel = "SECONDS",
      description = "Length; rounded to whole frames (default: ${DEFAULT-VALUE}).")
  BigDecimal duration;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of everything random in the clip (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scene-length", defaultValue = "2-3", paramLabel = "SECONDS",
      description = "Seconds between hard cuts: a fixed length (2.5) or a range (2-3) that the seed draws each "
          + "scene's length from (default: ${DEFAULT-VALUE}).")
  String sceneLength;

  @Option(names = "--codec", defaultValue = "libx264", paramLabel = "ENCODER",
      description = "FFmpeg video encoder, or h264/h265/vp9/av1 (default: ${DEFAULT-VALUE}).")
  String codec;

  @Option(names = "--crf", defaultValue = "19", paramLabel = "N",
      description = "Constant rate factor, 0-51 for libx264/libx265, 0-63 for others; 18-20 looks like camera footage "
          + "(default: ${DEFAULT-VALUE}).")
  int crf;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "Encoder preset (default: faster for libx264 and libx265, which keeps a 10 s 720p clip "
          + "under half a minute on one core); other encoders keep their own default and ignore it.")
  String preset;

  @Option(names = "--gop", paramLabel = "FRAMES",
      description = "Keyframe interval in frames; every cut is also a keyframe and restarts the count "
          + "(default: one second of frames).")
  Integer gop;

  @Option(names = "--audio", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Add a 48 kHz stereo AAC track that changes with each scene (default: on; --no-audio for none).")
  boolean audio;

  @Option(names = "--grain", defaultValue = "2.0", paramLabel = "SIGMA",
      description = "Film grain: standard deviation in 8-bit luma levels before each scene's own scale; 0 for none "
          + "(default: ${DEFAULT-VALUE}).")
  double grain;

  @Option(names = "--threads", defaultValue = "4", paramLabel = "N",
      description = "Encoder threads. x264's output depends on its thread count, so the default is fixed "
          + "rather than per machine (0 = encoder's choice) (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code, without exiting: tests and launchers call this. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SampleGenerator());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("framefork samples: " + ex.getMessage() + " (see --help)");
      err.flush();
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      PrintWriter err = cmd.getErr();
      String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
      err.println("framefork samples: " + message + "; nothing was written");
      err.flush();
      return EXIT_FAILED;
    });
    return cl;
  }

  @Override
  public Integer call() throws IOException {
    SampleSpec sample = sampleSpec();
    long started = System.nanoTime(); // only to report how long it took; never reaches the clip
    SampleManifest m;
    try {
      m = SampleProducer.produce(sample);
    } catch (MediaException e) {
      throw new MediaException(sample.output() + ": " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long bytes = Files.size(sample.output());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wrote %s: %dx%d at %s fps, %d frames (%.3f s), %d scene(s), %s; %.2f MB in %.1f s%n",
        sample.output(), m.width(), m.height(), m.fps(), m.frameCount(), m.durationSeconds(), m.scenes().size(),
        m.cuts().isEmpty() ? "no cuts" : "cuts at " + m.cuts(), bytes / 1e6, seconds);
    out.printf("wrote %s%n", SampleSpec.sidecarFor(sample.output()));
    out.flush();
    return 0;
  }

  /** Turns the options into a spec, or fails as a usage error (exit 2) that says what to fix. */
  SampleSpec sampleSpec() {
    Rational rate;
    SceneLength scenes;
    try {
      rate = SampleSpec.parseFrameRate(fps);
      scenes = SceneLength.parse(sceneLength);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    String encoder = encoderName(codec);
    AVCodec found = avcodec.avcodec_find_encoder_by_name(encoder);
    if (found == null || found.isNull() || found.type() != avutil.AVMEDIA_TYPE_VIDEO) {
      throw new ParameterException(spec.commandLine(), "--codec " + codec
          + ": this FFmpeg has no video encoder of that name; use h264, h265, vp9, av1 or an encoder such as libx264");
    }
    int keyInterval = gop != null ? gop : (int) Math.max(1, Math.round(rate.toDouble()));
    SampleSpec s = new SampleSpec(output, width, height, rate, duration, seed, scenes,
        new VideoSettings(encoder, crf, chosenPreset(encoder), keyInterval, threads), audio, grain);
    List<String> problems = s.problems();
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problems));
    }
    if (Files.isDirectory(output)) {
      throw new ParameterException(spec.commandLine(), "-o " + output + ": is a folder; give a file name such as "
          + output.resolve("sample.mp4"));
    }
    Path folder = output.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new ParameterException(spec.commandLine(), "-o " + output + ": " + folder
          + (Files.exists(folder) ? " is a file, not a folder" : " does not exist; create it first"));
    }
    try {
      ClipWriter.check(output.getFileName().toString(), width, height, rate, s.video(), audio);
    } catch (MediaException e) {
      throw new ParameterException(spec.commandLine(), "-o " + output + ": " + e.getMessage());
    }
    return s;
  }

  /**
   * The preset the encoder gets: --preset for x264 and x265 (one of their names, else a usage
   * error), faster without one; none for other encoders, which keep their own default (a --preset
   * given to them is said to be ignored).
   */
  private String chosenPreset(String encoder) {
    if (!X26X.contains(encoder)) {
      if (preset != null) {
        spec.commandLine().getErr().println("framefork samples: " + encoder + " has no presets of x264's kind; --preset "
            + preset + " is ignored");
      }
      return null;
    }
    if (preset == null) {
      return "faster";
    }
    if (!X26X_PRESETS.contains(preset)) {
      throw new ParameterException(spec.commandLine(), "--preset " + preset + ": " + encoder + " takes "
          + String.join(", ", X26X_PRESETS));
    }
    return preset;
  }

  private static final List<String> X26X = List.of(VideoCodec.H264.encoderName(), VideoCodec.H265.encoderName());
  /** The engine's presets, and placebo, which x264 and x265 take too (the engine has no use for it). */
  private static final List<String> X26X_PRESETS = java.util.stream.Stream.concat(VideoCodec.PRESETS.stream(),
      java.util.stream.Stream.of("placebo")).toList();

  /** The engine's codec names (h264, hevc, av1, ...) map to their encoders; others pass through. */
  static String encoderName(String codec) {
    try {
      return VideoCodec.parse(codec).encoderName();
    } catch (IllegalArgumentException e) {
      return codec.trim();
    }
  }
}
