package org.framefork.encoder.source;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.media.Rational;

/**
 * An image sequence as FrameFork encodes it: one file per frame, in order, at one rate. A missing
 * number that {@code --allow-gaps} let through is a frame that holds the file before it.
 *
 * @param spec what the user named: a printf pattern, a folder or a glob
 * @param frames the file of each frame (a gap's frames repeat the file before the gap)
 * @param firstNumber the number of the first frame's file; -1 when the files are not numbered
 * @param gaps the missing numbers, as {@code "12"} or {@code "12-14"}
 * @param heldFrames frames that hold the file before them because of gaps
 * @param rateGiven whether {@code --fps} gave the rate (else {@link SequenceOptions#DEFAULT_RATE})
 * @param pixelFormat the first image's pixel format, as FFmpeg names it
 * @param codec the FFmpeg decoder of the images
 * @param transfer the transfer FFmpeg's decoder reports for the first image (its {@code
 *     AVColorTransferCharacteristic}; a PNG's gAMA 1.0 is linear), 2 (unspecified) for none
 */
public record ImageSequence(String spec, List<Path> frames, int firstNumber, List<String> gaps, int heldFrames,
    Rational rate, boolean rateGiven, int width, int height, String pixelFormat, String codec, int transfer) {

  public ImageSequence {
    frames = List.copyOf(frames);
    gaps = List.copyOf(gaps);
  }

  public int frameCount() {
    return frames.size();
  }

  /** Distinct image files read. */
  public int imageCount() {
    return frameCount() - heldFrames;
  }

  /** One frame's time base: a frame's time is its index. */
  public Rational timeBase() {
    return new Rational(rate.den(), rate.num());
  }

  public double durationSeconds() {
    return frameCount() * rate.den() / (double) rate.num();
  }
}
