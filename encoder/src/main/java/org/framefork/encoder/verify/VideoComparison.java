package org.framefork.encoder.verify;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;

/**
 * Compares two videos frame by frame, the first as the reference: both decoded by FrameFork's own
 * decoder into 8-bit 4:2:0 planes (other pixel formats converted first), paired in presentation
 * order, measured with the metric kernels. What {@code framefork compare} runs; its figures are
 * FFmpeg's {@code psnr} and {@code ssim} filters' for the same pair.
 */
public final class VideoComparison {
  /**
   * The outcome.
   *
   * @param referenceFrames frames the reference has; {@code score.frames()} were compared (the
   *     shorter video's count)
   */
  public record Result(Path reference, Path distorted, int width, int height, long referenceFrames, long distortedFrames,
      QualityScore score) {}

  private VideoComparison() {}

  /**
   * Compares {@code distorted} with {@code reference}; {@code perFrame} sees each frame's figures.
   *
   * @throws InputException when a file is missing or unreadable, or the pictures differ in size
   * @throws org.framefork.encoder.media.MediaException when a file is not a video FrameFork can decode
   */
  public static Result compare(Path reference, Path distorted, Consumer<FrameQuality> perFrame) {
    Prober.requireReadableFile(reference);
    Prober.requireReadableFile(distorted);
    long t0 = System.nanoTime();
    VideoDecoder a = open(reference);
    VideoDecoder b;
    try {
      b = open(distorted);
    } catch (RuntimeException e) {
      a.close();
      throw e;
    }
    if (a.width() != b.width() || a.height() != b.height()) {
      a.close();
      b.close();
      throw new InputException(reference + " is " + a.width() + "x" + a.height() + " and " + distorted + " is "
          + b.width() + "x" + b.height() + "; compare needs two videos of one picture size");
    }
    int width = a.width();
    int height = a.height();
    // Both files decode on threads of their own while this one measures.
    try (DecodedFrames fa = new DecodedFrames(a, "reference"); DecodedFrames fb = new DecodedFrames(b, "distorted")) {
      QualityTally tally = new QualityTally(Kernels.get());
      while (true) {
        YuvFrame x = fa.take();
        YuvFrame y = fb.take();
        if (x == null || y == null) {
          // Count what is left of the longer one, so that the result can say.
          while (x != null) {
            fa.release(x);
            x = fa.take();
          }
          while (y != null) {
            fb.release(y);
            y = fb.take();
          }
          break;
        }
        FrameQuality q = tally.measure(x, y);
        fa.release(x);
        fb.release(y);
        if (perFrame != null) {
          perFrame.accept(q);
        }
      }
      return new Result(reference, distorted, width, height, fa.count(), fb.count(),
          tally.score((System.nanoTime() - t0) / 1e9));
    }
  }

  private static VideoDecoder open(Path file) {
    try {
      return VideoDecoder.open(file);
    } catch (org.framefork.encoder.media.MediaException e) {
      // The decoder's message often starts with the file's name already: say it once.
      String why = e.getMessage() == null ? "" : e.getMessage();
      if (why.startsWith(file + ": ")) {
        why = why.substring(file.toString().length() + 2);
      }
      throw new org.framefork.encoder.media.MediaException(file + ": not a video FrameFork can decode (" + why + ")", e);
    }
  }
}
