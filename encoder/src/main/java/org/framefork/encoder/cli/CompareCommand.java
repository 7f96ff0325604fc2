package org.framefork.encoder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.framefork.encoder.kernels.metric.SsimScore;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.verify.FrameQuality;
import org.framefork.encoder.verify.QualityScore;
import org.framefork.encoder.verify.VideoComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framefork compare}: PSNR and SSIM of one video against another, per frame and overall. */
@Command(
    name = "compare",
    versionProvider = Main.VersionInfo.class,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Measures how close a video is to a reference: PSNR and SSIM per plane (Y, U, V) and overall.",
        "Both are decoded to 8-bit 4:2:0 and paired frame by frame in presentation order; the figures are those of "
            + "FFmpeg's psnr and ssim filters (ffmpeg -i DISTORTED -i REFERENCE -lavfi psnr / ssim): mean PSNR from "
            + "the mean squared error over all frames, mean SSIM over the frames' scores. The two must have the same "
            + "picture size; if one has more frames, the extra ones are not compared."})
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

  /** What {@code --json} prints. */
  record CompareReport(Path reference, Path distorted, int width, int height, long referenceFrames,
      long distortedFrames, QualityScore mean, List<FrameQuality> frames) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<FrameQuality> perFrame = new ArrayList<>();
    VideoComparison.Result r;
    try {
      r = VideoComparison.compare(reference, distorted, q -> {
        if (json) {
          perFrame.add(q);
        } else if (frames) {
          out.println(frameLine(q));
        }
      });
    } catch (InputException e) {
      err.println("framefork: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (MediaException e) {
      // The message names the file (a video that does not decode, as probe and encode say, exit 1).
      err.println("framefork: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    if (json) {
      out.println(Json.write(new CompareReport(r.reference(), r.distorted(), r.width(), r.height(), r.referenceFrames(),
          r.distortedFrames(), r.score(), perFrame)));
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

  static void print(VideoComparison.Result r, PrintWriter out) {
    QualityScore q = r.score();
    out.println(r.distorted() + " against " + r.reference());
    row(out, "frames", f("%d compared, %dx%d", q.frames(), r.width(), r.height())
        + (r.referenceFrames() != r.distortedFrames()
            ? f(" (the reference has %d, the other %d: the extra ones were not compared)", r.referenceFrames(),
                r.distortedFrames())
            : ""));
    row(out, "PSNR", f("y:%s u:%s v:%s average:%s min:%s max:%s", db(q.psnrY()), db(q.psnrU()), db(q.psnrV()),
        db(q.psnrAverage()), db(q.psnrMin()), db(q.psnrMax())));
    row(out, "SSIM", f("Y:%.6f (%s) U:%.6f (%s) V:%.6f (%s) All:%.6f (%s)", q.ssimY(), db(SsimScore.decibels(q.ssimY())),
        q.ssimU(), db(SsimScore.decibels(q.ssimU())), q.ssimV(), db(SsimScore.decibels(q.ssimV())), q.ssimAll(),
        db(SsimScore.decibels(q.ssimAll()))));
    row(out, "time", f("%.2f s (%.1f frames/s)", q.seconds(), q.frames() / Math.max(1e-9, q.seconds())));
  }

  static String frameLine(FrameQuality q) {
    return f("n:%d psnr y:%s u:%s v:%s average:%s ssim Y:%.6f U:%.6f V:%.6f All:%.6f", q.frame() + 1, db(q.psnrY()),
        db(q.psnrU()), db(q.psnrV()), db(q.psnrAverage()), q.ssimY(), q.ssimU(), q.ssimV(), q.ssimAll());
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
