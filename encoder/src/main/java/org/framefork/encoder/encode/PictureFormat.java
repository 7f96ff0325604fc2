package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;

import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.HdrMetadata;

/**
 * The pictures the encoders write: bits per sample and HDR10 static metadata. A job settles it once
 * from its source ({@link #resolve}) and hands the same one to every chunk's encoder, so that every
 * segment's parameter sets and HDR messages agree.
 *
 * @param depth bits per sample, 8 or 10; in a request, 0 for the source's as far as the codec
 *     carries it by default (see {@link VideoCodec#keepsSourceDepth()})
 * @param hdr the source's HDR10 static metadata, or null for none (always null in a request: it
 *     comes from the source); the encoder and the container get it unless tone-mapped ({@link
 *     #outputHdr()}), when it gives the tone map its peak
 * @param settled false for a request (what the user asked), true once resolved for a source
 * @param toneMap the curve that maps a PQ source to SDR (BT.709, 8 bits), or null to keep its range
 * @param alphaOver the colour a video's pictures with alpha are composited over as they are decoded
 *     ({@code --alpha-over}), or null to drop their alpha; an image sequence's comes with its manifest
 */
public record PictureFormat(int depth, HdrMetadata hdr, boolean settled, HdrToSdr.Curve toneMap, Background alphaOver) {
  /** The request that follows the source. */
  public static final PictureFormat FROM_SOURCE = requested(0);

  public PictureFormat {
    if (depth != 0 && depth != 8 && depth != 10 || settled && depth == 0) {
      throw new IllegalArgumentException("--depth " + depth + ": give 8 or 10");
    }
    if (hdr != null && hdr.hasNone()) {
      hdr = null;
    }
    if (toneMap != null && depth == 10) {
      throw new IllegalArgumentException("--tonemap writes 8-bit SDR; drop --depth 10");
    }
  }

  public PictureFormat(int depth, HdrMetadata hdr, boolean settled) {
    this(depth, hdr, settled, null);
  }

  public PictureFormat(int depth, HdrMetadata hdr, boolean settled, HdrToSdr.Curve toneMap) {
    this(depth, hdr, settled, toneMap, null);
  }

  /** This request with tone mapping to SDR by {@code curve} (null: none). */
  public PictureFormat withToneMap(HdrToSdr.Curve curve) {
    return new PictureFormat(depth, hdr, settled, curve, alphaOver);
  }

  /** These pictures composited over {@code background} as they are decoded (null: their alpha dropped). */
  public PictureFormat withAlphaOver(Background background) {
    return new PictureFormat(depth, hdr, settled, toneMap, background);
  }

  /** A request for {@code depth} bits (0: the source's), metadata from the source. */
  public static PictureFormat requested(int depth) {
    return new PictureFormat(depth, null, false);
  }

  /**
   * The format {@code codec} writes for a source of {@code sourceDepth} bits with metadata {@code
   * sourceHdr} (null for none): the requested depth, or the source's where the codec keeps it
   * (filtered or not: the filters run at 10 bits too). A tone map applies to PQ sources only
   * ({@code pq}): it makes 8-bit SDR without HDR metadata.
   */
  public PictureFormat resolve(VideoCodec codec, int sourceDepth, HdrMetadata sourceHdr, boolean pq) {
    if (settled) {
      return this;
    }
    if (toneMap != null && pq) {
      // The source's metadata stays for the tone map's peak; the output carries none (outputHdr).
      return new PictureFormat(8, sourceHdr, true, toneMap, alphaOver);
    }
    int bits = depth != 0 ? depth : codec.keepsSourceDepth() && sourceDepth > 8 ? 10 : 8;
    return new PictureFormat(bits, sourceHdr, true, null, alphaOver);
  }

  /** The HDR10 metadata the output carries: the source's, unless tone-mapped to SDR. */
  public HdrMetadata outputHdr() {
    return toneMap == null ? hdr : null;
  }

  /**
   * The source's brightest light for the tone map, in cd/m²: its MaxCLL, else its mastering
   * display's peak, else 10000 (PQ's own peak), in the order FFmpeg's tonemap looks for them.
   */
  public double sourcePeakNits() {
    if (hdr != null && hdr.contentLight() != null && hdr.contentLight().maxCll() > 0) {
      return hdr.contentLight().maxCll();
    }
    if (hdr != null && hdr.masteringDisplay() != null && hdr.masteringDisplay().maxLuminance() > 0) {
      return hdr.masteringDisplay().maxLuminance();
    }
    return 10000;
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
