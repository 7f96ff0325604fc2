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

  static void requireSameSize(PackedImage image, YuvFrame frame) {
    if (image.width() != frame.width() || image.height() != frame.height()) {
      throw new IllegalArgumentException(
          "colour conversion: picture is " + image.width() + "x" + image.height()
              + " but the YUV frame is " + frame.width() + "x" + frame.height());
    }
  }
}
