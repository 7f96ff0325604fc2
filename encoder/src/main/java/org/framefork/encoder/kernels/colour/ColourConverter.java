package org.framefork.encoder.kernels.colour;

import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.YuvFrame;

/**
 * Packed RGB pictures to YUV 4:2:0 and back, limited range.
 *
 * <p>Chroma is the average of each 2x2 block (its sum, converted with two more fractional bits);
 * on an odd width or height the last column or row counts twice. Going back, each chroma sample
 * serves its 2x2 block (nearest neighbour), as libswscale does without {@code SWS_FULL_CHR_H_INT}.
 */
public interface ColourConverter {

  /** Converts {@code src} (BGR24 or RGBA; alpha is ignored) into {@code dst} of the same size. */
  void toYuv420(PackedImage src, YuvFrame dst, ColourMatrix matrix);

  /** Converts {@code src} into {@code dst} (BGR24 or RGBA, alpha set to 255) of the same size. */
  void fromYuv420(YuvFrame src, PackedImage dst, ColourMatrix matrix);

  /**
   * The luma of {@code n} pixels whose channels are samples ({@link RgbToYuv420#SAMPLE_BITS} more
   * fractional bits than 8), into {@code y} from {@code yOffset}: libswscale's formula, rounded.
   */
  void luma(int[] r, int[] g, int[] b, int n, byte[] y, int yOffset, ColourMatrix m);

  /**
   * The chroma of {@code n} horizontal pixel pairs given as the sums of their samples, into {@code
   * u} and {@code v} from {@code offset}: offsets from 128 with {@link RgbToYuv420#CHROMA_BITS}
   * fractional bits, not yet rounded to a code value (the vertical filter comes first).
   */
  void chromaPairs(int[] rs, int[] gs, int[] bs, int n, int[] u, int[] v, int offset, ColourMatrix m);

  /**
   * One chroma row of the 4:2:0 picture, from the rows of {@code src} (as {@link #chromaPairs}
   * wrote them) that start at {@code rowStarts}, weighted by {@code weights} (they sum to {@code 1 <<
   * }{@link ChromaTaps#WEIGHT_BITS}): {@code n} samples, rounded, 128 added, clipped to a byte.
   */
  void chromaTaps(int[] src, int[] rowStarts, int[] weights, int n, byte[] dst, int dstOffset);

  /**
   * As {@link #luma}, into 10-bit samples: the channels are {@link RgbToYuv420#SAMPLE_BITS_10}
   * samples (two bits more than {@link #luma}'s), the result limited-range 10-bit luma, rounded.
   */
  void luma10(int[] r, int[] g, int[] b, int n, short[] y, int yOffset, ColourMatrix m);

  /**
   * As {@link #chromaPairs}, for pairs of {@link RgbToYuv420#SAMPLE_BITS_10} samples: the same
   * offsets from 128 with {@link RgbToYuv420#CHROMA_BITS} fractional bits of an 8-bit code value.
   */
  void chromaPairs10(int[] rs, int[] gs, int[] bs, int n, int[] u, int[] v, int offset, ColourMatrix m);

  /**
   * As {@link #chromaTaps}, into 10-bit samples: {@code n} samples, rounded, 512 added, clipped to
   * [0, 1023].
   */
  void chromaTaps10(int[] src, int[] rowStarts, int[] weights, int n, short[] dst, int dstOffset);

  /**
   * {@link HdrToSdr}'s per-pixel stage for pixels {@code [0, n)} of {@code pixels}, with {@code
   * mapping}'s curve and tables; the twins give the same doubles.
   */
  void toneMap(HdrToSdr mapping, HdrToSdr.Pixels pixels, int n);

  static void requireSameSize(PackedImage image, YuvFrame frame) {
    if (image.width() != frame.width() || image.height() != frame.height()) {
      throw new IllegalArgumentException(
          "colour conversion: picture is " + image.width() + "x" + image.height()
              + " but the YUV frame is " + frame.width() + "x" + frame.height());
    }
  }
}
