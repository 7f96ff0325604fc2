package org.framefork.encoder.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.framefork.encoder.kernels.metric.SsimScore;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.SequenceOptions;
import org.framefork.encoder.verify.FrameQuality;
import org.framefork.encoder.verify.QualityScore;
import org.framefork.encoder.verify.VideoComparison;
import org.framefork.encoder.verify.vmaf.VmafFrame;
import org.framefork.encoder.verify.vmaf.VmafMode;
import org.framefork.encoder.verify.vmaf.VmafScaler;
import org.framefork.encoder.verify.vmaf.VmafSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framefork compare}: PSNR, SSIM and VMAF of one video against another, per frame and overall. */
@Command(
    name = "compare",
    versionProvider = Main.VersionInfo.class,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Measures how close a video is to a reference: PSNR and SSIM per plane (Y, U, V) and overall, and VMAF "
            + "(model vmaf_v0.6.1, as libvmaf computes it).",
        "Both are decoded to 4:2:0 (8-bit, or 10-bit when either is deeper) and paired frame by frame in "
            + "presentation order; the figures are those of "
            + "FFmpeg's psnr and ssim filters (ffmpeg -i DISTORTED -i REFERENCE -lavfi psnr / ssim): mean PSNR from "
            + "the mean squared error over all frames, mean SSIM over the frames' scores. The two must have the same "
            + "picture size and frame rate (within 1%%), or frames at the same times; if one has more frames, the extra ones are not compared (with --no-vmaf; VMAF needs "
            + "the same number of frames). 10-bit video is scored at 10 bits, as libvmaf does; an 8-bit video "
            + "against a 10-bit one is converted to 10 bits first. For VMAF, pictures of another size than 1920x1080 are "
            + "scaled to it (bicubic, as ffmpeg -lavfi scale=1920:1080:flags=bicubic), unless --vmaf-native."})
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REFERENCE", description = "The original video.")
  Path reference;

  @Parameters(index = "1", paramLabel = "DISTORTED", description = "The video to measure against it (an encode of it).")
  Path distorted;

  @Option(names = "--json", description = "Print one JSON document with the means and every frame's figures.")
  boolean json;

  @Option(names = "--frames", description = "Also print one line per frame (text output).")
  boolean frames;

  @Option(names = "--vmaf-native", description = "Score VMAF at the pictures' own size instead of scaled to 1920x1080.")
  boolean vmafNative;

  @Option(names = "--no-vmaf", description = "Leave VMAF out (PSNR and SSIM only).")
  boolean noVmaf;

  @Option(names = {"-j", "--workers"}, paramLabel = "N", description = "Threads scoring VMAF, each on chunks of "
      + VideoComparison.VMAF_CHUNK + " consecutive frames; the figures do not change (default: ${DEFAULT-VALUE}).")
  int workers = 1;

  /**
   * Why compare does not take the image sequence {@code pattern} (a printf pattern or a glob, which
   * encode takes), and how to score one: encode's own check against the images, or a lossless video
   * of them at the rate encode reads them ({@link SequenceOptions#DEFAULT_RATE}, which compare
   * pairs frame for frame with the encode's), by an ffmpeg command, last on the line, that a shell
   * runs as it stands: one image file read as itself,
   * by its contents ({@code -f image2pipe}: "100%done.png" is no pattern, and FFmpeg 5.1 reads a
   * plain "shot.png" with its PNG demuxer, which has no {@code -pattern_type}), every path quoted
   * where it must be.
   */
  static String sequenceRefusal(Path pattern) {
    String quoted = ShellWords.quote(pattern.toString());
    String input = Files.isRegularFile(pattern) ? "-f image2pipe -i " + quoted
        : pattern.getFileName().toString().contains("%") ? "-i " + quoted : "-pattern_type glob -i " + quoted;
    Rational rate = SequenceOptions.DEFAULT_RATE;
    return pattern + ": is an image sequence; compare takes two video files: encode the images with --verify-quality "
        + "to score the output against them, or compare with a lossless video of them at the rate encode reads them ("
        + rate.fpsText() + ", or the --fps you encode them with): ffmpeg -framerate "
        + (rate.den() == 1 ? String.valueOf(rate.num()) : rate.toString()) + " " + input
        + " -c:v ffv1 images.mkv";
  }

  /** What {@code --json} prints. */
  record CompareReport(Path reference, Path distorted, int width, int height, long referenceFrames,
      long distortedFrames, String note, ObjectNode mean, VmafReport vmaf, List<ObjectNode> frames) {}

  /** The VMAF part of {@code --json}: how it was scored and its pooled figures. */
  record VmafReport(String model, int width, int height, int bits, boolean scaled, double mean, double harmonicMean,
      double min, double percentile1, double percentile5, String note) {}

  /** Why a file given that is there (not a folder) cannot be read, or null. */
  private String unreadable() {
    for (Path p : List.of(reference, distorted)) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        try {
          Prober.requireReadableFile(p);
        } catch (InputException e) {
          return e.getMessage();
        }
      }
    }
    return null;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (workers < 1) {
      err.println("framefork: --workers must be at least 1, not " + workers);
      return Main.EXIT_USAGE;
    }
    if (reference.toString().isEmpty() || distorted.toString().isEmpty()) {
      // Not the current folder, which Path.of("") names.
      err.println("framefork: an empty input name; give two video files");
      return Main.EXIT_USAGE;
    }
    for (Path p : List.of(reference, distorted)) {
      if (!Files.isDirectory(p) && ImageSequences.names(p)) {
        err.println("framefork: " + sequenceRefusal(p));
        return Main.EXIT_USAGE;
      }
    }
    String unreadable = unreadable();
    if (unreadable != null) {
      // As probe: a file there that holds no video to read (an empty one, a pipe) is a video that
      // cannot be read, exit 1; a path that names no file is a usage error (below).
      err.println("framefork: " + unreadable);
      return Main.EXIT_FAILED;
    }
    VmafMode mode = noVmaf ? VmafMode.OFF : vmafNative ? VmafMode.NATIVE : VmafMode.SCALED;
    FrameLines lines = new FrameLines(mode, out);
    VideoComparison.Result r;
    try {
      r = VideoComparison.compare(reference, distorted, mode, workers, lines::quality, lines::vmaf);
    } catch (InputException e) {
      err.println("framefork: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (MediaException e) {
      // The message names the file (a video that does not decode, as probe and encode say, exit 1).
      err.println("framefork: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    if (json) {
      out.println(Json.write(jsonReport(r, lines.perFrame)));
    } else {
      print(r, out);
    }
    out.flush();
    if (r.score().frames() == 0) {
      err.println("framefork: " + (r.referenceFrames() == 0 ? reference : distorted) + " has no frames to compare");
      return Main.EXIT_FAILED;
    }
    return Main.EXIT_OK;
  }

  /**
   * Each frame's figures as they come, into {@code perFrame} (JSON) or a line each (--frames); with
   * VMAF a frame waits for its score, which comes one frame after its PSNR and SSIM.
   */
  private final class FrameLines {
    final List<ObjectNode> perFrame = new ArrayList<>();
    private final ArrayDeque<FrameQuality> waiting = new ArrayDeque<>();
    private final VmafMode mode;
    private final PrintWriter out;

    FrameLines(VmafMode mode, PrintWriter out) {
      this.mode = mode;
      this.out = out;
    }

    void quality(FrameQuality q) {
      if (mode != VmafMode.OFF) {
        waiting.add(q);
      } else if (json) {
        perFrame.add(Json.MAPPER.valueToTree(q));
      } else if (frames) {
        out.println(frameLine(q, null));
      }
    }

    void vmaf(VmafFrame v) {
      FrameQuality q = waiting.poll();
      if (json) {
        ObjectNode node = Json.MAPPER.valueToTree(q);
        node.put("vmaf", v.vmaf());
        ObjectNode features = node.putObject("vmafFeatures");
        features.put("integer_adm2", v.adm2());
        features.put("integer_motion2", v.motion2());
        features.put("integer_vif_scale0", v.vifScale0());
        features.put("integer_vif_scale1", v.vifScale1());
        features.put("integer_vif_scale2", v.vifScale2());
        features.put("integer_vif_scale3", v.vifScale3());
        perFrame.add(node);
      } else if (frames) {
        out.println(frameLine(q, v));
      }
    }
  }

  private CompareReport jsonReport(VideoComparison.Result r, List<ObjectNode> perFrame) {
    ObjectNode mean = Json.MAPPER.valueToTree(r.score());
    VmafReport vmaf = null;
    if (r.vmaf() != null) {
      VmafSummary v = r.vmaf();
      mean.put("vmaf", v.mean());
      vmaf = new VmafReport("vmaf_v0.6.1", r.vmafScaled() ? VmafScaler.WIDTH : r.width(),
          r.vmafScaled() ? VmafScaler.HEIGHT : r.height(), r.bits(), r.vmafScaled(), v.mean(), v.harmonicMean(),
          v.min(), v.percentile1(), v.percentile5(), r.vmafNote());
    }
    return new CompareReport(r.reference(), r.distorted(), r.width(), r.height(), r.referenceFrames(),
        r.distortedFrames(), r.cropNote(), mean, vmaf, perFrame);
  }


  static void print(VideoComparison.Result r, PrintWriter out) {
    QualityScore q = r.score();
    out.println(r.distorted() + " against " + r.reference());
    row(out, "frames", f("%d compared, %dx%d", q.frames(), r.width(), r.height())
        + (r.referenceFrames() != r.distortedFrames()
            ? f(" (the reference has %d, the other %d: the extra ones were not compared)", r.referenceFrames(),
                r.distortedFrames())
            : ""));
    if (r.cropNote() != null) {
      row(out, "note", r.cropNote());
    }
    row(out, "PSNR", f("y:%s u:%s v:%s average:%s min:%s max:%s", db(q.psnrY()), db(q.psnrU()), db(q.psnrV()),
        db(q.psnrAverage()), db(q.psnrMin()), db(q.psnrMax())));
    row(out, "SSIM", f("Y:%.6f (%s) U:%.6f (%s) V:%.6f (%s) All:%.6f (%s)", q.ssimY(), db(SsimScore.decibels(q.ssimY())),
        q.ssimU(), db(SsimScore.decibels(q.ssimU())), q.ssimV(), db(SsimScore.decibels(q.ssimV())), q.ssimAll(),
        db(SsimScore.decibels(q.ssimAll()))));
    if (r.vmaf() != null) {
      VmafSummary v = r.vmaf();
      row(out, "VMAF", f("mean:%.6f harmonic_mean:%.6f min:%.6f 1%%:%.6f 5%%:%.6f", v.mean(), v.harmonicMean(),
          v.min(), v.percentile1(), v.percentile5())
          + (r.vmafScaled()
              ? f(" (vmaf_v0.6.1%s; %dx%d scaled to %dx%d bicubic)", r.bits() > 8 ? ", 10-bit" : "", r.width(),
                  r.height(), VmafScaler.WIDTH, VmafScaler.HEIGHT)
              : f(" (vmaf_v0.6.1%s; at %dx%d, not scaled)", r.bits() > 8 ? ", 10-bit" : "", r.width(), r.height())));
      if (r.vmafNote() != null) {
        row(out, "note", r.vmafNote());
      }
    }
    row(out, "time", f("%.2f s (%.1f frames/s)", q.seconds(), q.frames() / Math.max(1e-9, q.seconds())));
  }

  static String frameLine(FrameQuality q, VmafFrame v) {
    return f("n:%d psnr y:%s u:%s v:%s average:%s ssim Y:%.6f U:%.6f V:%.6f All:%.6f", q.frame() + 1, db(q.psnrY()),
        db(q.psnrU()), db(q.psnrV()), db(q.psnrAverage()), q.ssimY(), q.ssimU(), q.ssimV(), q.ssimAll())
        + (v == null ? "" : f(" vmaf:%.6f", v.vmaf()));
  }

  private static String db(double v) {
    return Double.isInfinite(v) ? "inf" : f("%.6f", v);
  }

  private static void row(PrintWriter out, String label, String text) {
    out.println(f("  %-7s %s", label, text));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
