package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;

import org.framefork.encoder.media.HdrMetadata;

/**
 * The pictures the encoders write: bits per sample and HDR10 static metadata. A job settles it once
 * from its source ({@link #resolve}) and hands the same one to every chunk's encoder, so that every
 * segment's parameter sets and HDR messages agree.
 *
 * @param depth bits per sample, 8 or 10; in a request, 0 for the source's as far as the codec
 *     carries it by default (see {@link VideoCodec#keepsSourceDepth()})
 * @param hdr HDR10 static metadata for the encoder and the container, or null for none (always
 *     in a request: it comes from the source)
 * @param settled false for a request (what the user asked), true once resolved for a source
 */
public record PictureFormat(int depth, HdrMetadata hdr, boolean settled) {
  /** The request that follows the source. */
  public static final PictureFormat FROM_SOURCE = requested(0);

  public PictureFormat {
    if (depth != 0 && depth != 8 && depth != 10 || settled && depth == 0) {
      throw new IllegalArgumentException("--depth " + depth + ": give 8 or 10");
    }
    if (hdr != null && hdr.hasNone()) {
      hdr = null;
    }
  }

  /** A request for {@code depth} bits (0: the source's), metadata from the source. */
  public static PictureFormat requested(int depth) {
    return new PictureFormat(depth, null, false);
  }

  /**
   * The format {@code codec} writes for a source of {@code sourceDepth} bits with metadata {@code
   * sourceHdr} (null for none): the requested depth, or the source's where the codec keeps it; 8
   * while {@code filtered} (the filters work on 8-bit planes).
   */
  public PictureFormat resolve(VideoCodec codec, int sourceDepth, HdrMetadata sourceHdr, boolean filtered) {
    if (settled) {
      return this;
    }
    int bits = depth != 0 ? depth : codec.keepsSourceDepth() && sourceDepth > 8 && !filtered ? 10 : 8;
    return new PictureFormat(bits, sourceHdr, true);
  }

  /** The encoder's pixel format: yuv420p or yuv420p10le. */
  public int pixelFormat() {
    return depth == 10 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
  }

  /** ffprobe's name of {@link #pixelFormat()}. */
  public String pixelFormatName() {
    return depth == 10 ? "yuv420p10le" : "yuv420p";
  }
}
