package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.probe.VideoStream;

/**
 * The pictures the encoders get, where they differ from the source's: an even size, the matrix and
 * range of the conversion to yuv420p. The chunk
 * encoders set up their encoders by it, the joiner tags the joined stream by it, the job checks
 * sizes by it.
 */
public final class EncodedPicture {
  private EncodedPicture() {}

  /**
   * The size of the pictures a source of {@code width x height} is encoded at (before filters):
   * 4:2:0 needs even sizes, so an odd last row or column is cropped.
   */
  public static FrameSize size(int width, int height) {
    return new FrameSize(Math.max(2, width & ~1), Math.max(2, height & ~1));
  }

  /**
   * The matrix of the YUV pictures the encoder gets. A YUV source keeps its own (the conversion to
   * 4:2:0 does not change it); an RGB or palette source (PNG, GBR, libx264rgb) is converted with the matrix
   * {@link PictureConverter#rgbMatrix} names (BT.709 for HD and larger, else BT.601), so the output
   * says so: copying the source's "RGB" tag onto YUV pictures makes decoders misread the colours,
   * and VP9 and SVT-AV1 refuse it.
   */
  public static int colorspace(AVCodecParameters par) {
    // Grey with alpha too: composited (--alpha-over) it is RGB; dropped, its grey is the same in any matrix.
    if (!isRgb(par) && !PictureConverter.isGreyWithAlpha(par.format())) {
      return par.color_space();
    }
    FrameSize encoded = size(par.width(), par.height());
    ColourMatrix m = PictureConverter.rgbMatrix(par.format(), encoded.width(), encoded.height());
    return m == ColourMatrix.BT709 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M;
  }

  /**
   * The range of the YUV pictures the encoder gets: the source's, which the conversion to yuv420p
   * keeps ({@link PictureConverter#toEncoded}); a full-range ("J") format such as JPEG's yuvj420p is
   * yuv420p in full range. An RGB picture becomes limited range.
   */
  public static int colorRange(AVCodecParameters par) {
    if (isRgb(par)) {
      return AVCOL_RANGE_MPEG;
    }
    return PictureConverter.plainFormat(par.format()) != par.format() ? AVCOL_RANGE_JPEG : par.color_range();
  }

  /**
   * The matrix of the pictures the encoder gets from probed source {@code v} at the encoded size
   * {@code encoded} (what the filters must draw in): an RGB or palette source's conversion's ({@link
   * PictureConverter#rgbMatrix}), a YUV source's own ({@link FilterChain#matrixFor}); the same size rule for both.
   */
  public static ColourMatrix matrix(VideoStream v, FrameSize encoded) {
    int format = av_get_pix_fmt(String.valueOf(v.pixelFormat()));
    boolean converted = isRgbFormat(format) || format >= 0 && PictureConverter.isGreyWithAlpha(format);
    return converted ? PictureConverter.rgbMatrix(format, encoded.width(), encoded.height())
        : FilterChain.matrixFor(v.colorSpace(), encoded.width(), encoded.height());
  }

  /** {@link #colorRange} of a probed source, as the filters that draw in its levels need it. */
  public static ColourRange range(VideoStream v) {
    int format = av_get_pix_fmt(String.valueOf(v.pixelFormat()));
    boolean rgb = isRgbFormat(format) || "gbr".equals(v.colorSpace());
    return !rgb && ("pc".equals(v.colorRange()) || PictureConverter.plainFormat(format) != format) ? ColourRange.FULL
        : ColourRange.LIMITED;
  }

  private static boolean isRgb(AVCodecParameters par) {
    return par.color_space() == AVCOL_SPC_RGB || isRgbFormat(par.format());
  }

  /** Whether FFmpeg's pixel format {@code format} holds RGB (rgb24, rgba, bgr0, gbrp, ...) or a palette (pal8), not YUV. */
  public static boolean isRgbFormat(int format) {
    return PictureConverter.isRgb(format);
  }

  /** The colour tags of the encoded pictures: FFmpeg's primaries, transfer, matrix and range. */
  public record Colours(int primaries, int transfer, int space, int range) {}

  /**
   * The tags of the pictures encoded from a source of parameters {@code par} in format {@code
   * picture}: the source's (its matrix and range as the conversion leaves them, see {@link
   * #colorspace} and {@link #colorRange}), or BT.709 limited range once tone-mapped to SDR.
   */
  public static Colours colours(AVCodecParameters par, PictureFormat picture) {
    if (picture.toneMap() != null) {
      return new Colours(AVCOL_PRI_BT709, AVCOL_TRC_BT709, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG);
    }
    return new Colours(par.color_primaries(), par.color_trc(), colorspace(par), colorRange(par));
  }
}
