package org.framefork.bench;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.source.ImageDecoder;
import org.framefork.encoder.source.ImageSequence;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.SequenceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code framefork bench colour-cost}: what turning an image sequence's RGB pictures into yuv420p
 * (or yuv420p10le, {@code --depth 10}) costs a chunk worker, per frame, on the pipeline's own pieces:
 * the image decoder of the chunk readers, then FrameFork's {@link PictureConverter} (the colour
 * kernels, plain or Vector API as the provider picks: {@code -Dframefork.simd}) against libswscale
 * as FrameFork called it before (bicubic) and with {@code accurate_rnd+full_chroma_int}. One
 * thread, like one chunk worker.
 */
@Command(
    name = "colour-cost",
    usageHelpAutoWidth = true,
    description = {"Per-frame cost of decoding an image sequence's pictures and converting them to yuv420p (or yuv420p10le): "
        + "FrameFork's colour kernels against libswscale, on one thread."})
final class ColourCostCommand extends BenchCommand {
  ColourCostCommand() {
    super("  0    the table was printed",
        "  1    an image could not be read or decoded (the error names it);",
        "       nothing was printed",
        "  2    usage error (bad option, not an image sequence)");
  }

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(paramLabel = "SEQUENCE", description = "An image sequence: printf pattern, folder or quoted glob.")
  Path sequence;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "40", description = "Images to decode and convert (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "4", description = "Passes over them; the first is the cold one (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--depth", paramLabel = "BITS", defaultValue = "8", description = "Convert to yuv420p (8) or yuv420p10le "
      + "(10) (default: ${DEFAULT-VALUE}).")
  int depth;

  @Option(names = "--allow-gaps", description = "Take a numbered sequence with numbers missing, as encode --allow-gaps does "
      + "(each image is measured once).")
  boolean allowGaps;

  /** Milliseconds per frame of each step, per round. */
  private record Round(double decode, double ours, double swsBicubic, double swsAccurate) {}

  @Override
  public Integer call() {
    if (frames < 1 || rounds < 1) {
      return say((frames < 1 ? "--frames " + frames : "--rounds " + rounds)
          + ": give a whole number of 1 or more", BenchMain.EXIT_USAGE);
    }
    if (depth != 8 && depth != 10) {
      return say("--depth " + depth + ": give 8 or 10", BenchMain.EXIT_USAGE);
    }
    ImageSequence s;
    try {
      s = ImageSequences.scan(sequence, new SequenceOptions(null, null, allowGaps, null, null));
    } catch (IllegalArgumentException | InputException e) {
      return say(e.getMessage(), BenchMain.EXIT_USAGE);
    }
    // A held frame (--allow-gaps) repeats the image before it: each image is decoded once a round.
    List<Path> files = s.frames().stream().distinct().limit(frames).toList();
    List<Round> done;
    try {
      done = measure(s, files);
    } catch (InputException | MediaException e) {
      // A damaged or missing image: the decoder names the file.
      return say(e.getMessage(), BenchMain.EXIT_FAILED);
    }
    print(s, files.size(), done);
    return BenchMain.EXIT_OK;
  }

  /** {@code rounds} passes over {@code files}, timed. */
  private List<Round> measure(ImageSequence s, List<Path> files) {
    List<Round> done = new ArrayList<>();
    try (ImageDecoder decoder = new ImageDecoder(ImageDecoder.extensionOf(files.getFirst()));
        PictureConverter ours = new PictureConverter(s.width(), s.height(), depth)) {
      AVFrame yuv = yuvFrame(s.width(), s.height(), outFormat());
      SwsContext bicubic = sws(s, SWS_BICUBIC);
      SwsContext accurate = sws(s, SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT);
      try {
        for (int r = 0; r < rounds; r++) {
          done.add(round(files, decoder, ours, yuv, bicubic, accurate));
        }
      } finally {
        sws_freeContext(bicubic);
        sws_freeContext(accurate);
        av_frame_free(yuv);
      }
    }
    return done;
  }

  private static Round round(List<Path> files, ImageDecoder decoder, PictureConverter ours, AVFrame yuv,
      SwsContext bicubic, SwsContext accurate) {
    long decode = 0;
    long kernels = 0;
    long swsBicubic = 0;
    long swsAccurate = 0;
    for (Path f : files) {
      long t0 = System.nanoTime();
      AVFrame rgb = av_frame_clone(decoder.decode(f));
      long t1 = System.nanoTime();
      ours.convert(rgb);
      long t2 = System.nanoTime();
      sws_scale_frame(bicubic, yuv, rgb);
      long t3 = System.nanoTime();
      sws_scale_frame(accurate, yuv, rgb);
      long t4 = System.nanoTime();
      av_frame_free(rgb);
      decode += t1 - t0;
      kernels += t2 - t1;
      swsBicubic += t3 - t2;
      swsAccurate += t4 - t3;
    }
    double n = files.size() * 1e6;
    return new Round(decode / n, kernels / n, swsBicubic / n, swsAccurate / n);
  }

  /** The pixel format the pictures are converted to. */
  private int outFormat() {
    return depth == 10 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
  }

  private static AVFrame yuvFrame(int w, int h, int format) {
    AVFrame f = av_frame_alloc();
    f.format(format);
    f.width(w);
    f.height(h);
    av_frame_get_buffer(f, 0);
    return f;
  }

  private SwsContext sws(ImageSequence s, int flags) {
    int format = org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt(s.pixelFormat());
    return sws_getContext(s.width(), s.height(), format, s.width(), s.height(), outFormat(), flags, null, null,
        (DoublePointer) null);
  }

  private void print(ImageSequence s, int n, List<Round> rounds) {
    System.out.printf(Locale.ROOT, "%s: %d images %dx%d %s to %s; FrameFork's kernels: %s%n", s.spec(), n, s.width(),
        s.height(), s.pixelFormat(), depth == 10 ? "yuv420p10le" : "yuv420p",
        Kernels.forWork(Kernels.Work.frames(1, s.width(), s.height(), Kernels.Operation.CONVERT)).name());
    System.out.println("| round | decode ms | FrameFork kernels ms | libswscale bicubic ms | libswscale accurate_rnd ms |");
    System.out.println("|---|---|---|---|---|");
    for (int i = 0; i < rounds.size(); i++) {
      Round r = rounds.get(i);
      System.out.printf(Locale.ROOT, "| %d%s | %.2f | %.2f | %.2f | %.2f |%n", i + 1, i == 0 ? " (cold)" : "", r.decode(),
          r.ours(), r.swsBicubic(), r.swsAccurate());
    }
    double[] warm = rounds.subList(Math.min(1, rounds.size() - 1), rounds.size()).stream().mapToDouble(Round::ours).sorted()
        .toArray();
    System.out.printf(Locale.ROOT, "warm median: FrameFork kernels %.2f ms a frame%n", warm[warm.length / 2]);
  }
}
