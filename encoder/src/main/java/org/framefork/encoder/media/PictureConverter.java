package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_ALPHA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_PAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_init_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.RgbToYuv420;

/**
 * Turns decoded pictures into yuv420p (8 bits) or yuv420p10le (10 bits) of one size with libswscale
 * (bicubic), for pictures in another pixel format or of another size (an odd size cropped to even
 * for 4:2:0 encoding). Fewer bits than the source's are never truncated: libswscale dithers to 8
 * bits and where it copies planes to 10 (a 12-bit 4:2:0 source), rounds where it converts to 10;
 * the colour kernels round (see PictureNotes). RGB pictures of that size going to yuv420p or
 * yuv420p10le go through FrameFork's colour kernels instead where they take the layout (8- and
 * 16-bit packed RGB, 8-bit planar GBR; not palettes); every
 * RGB picture, in the kernels or libswscale, becomes YUV with the matrix {@link #rgbMatrix} names,
 * limited range, its alpha dropped or composited over the background; a planar YUVA picture's alpha
 * is dropped or composited in YUV ({@link YuvAlphaOver}), its matrix kept. The
 * encoder and the readers that compare with its input use this one class, so that they see the
 * same pixels. Owns its output frame; not thread-safe.
 */
public final class PictureConverter implements AutoCloseable {
  private final int width;
  private final int height;
  private final int format;
  private final Background background;
  /** Whether the pictures' alpha is premultiplied (EXR's, an associated-alpha TIFF's), for {@link AlphaOver}. */
  private final boolean premultiplied;
  private SwsContext sws;
  private AVFrame converted;
  /** FrameFork's own RGB to YUV conversion, made for the first RGB picture (see {@link RgbPictureConverter}). */
  private RgbPictureConverter rgb;
  /** Whether full-range pictures are converted to limited range rather than kept (see {@link #toLimitedRange}). */
  private boolean limited;
  /** {@link #toLimitedRange}'s context, and the pixel format and size it was made for. */
  private SwsContext rangeSws;
  private int[] rangeKey;
  /**
   * The input (pixel format, width, height) {@link #sws} was made for; null for none.
   * sws_getCachedContext makes a new context only when it changes, which must then be told the
   * matrix again ({@link #useRgbMatrix}); JavaCPP returns a new object every call, and a new context
   * may lie at a freed one's address, so neither tells.
   */
  private int[] swsKey;
  /** Composites pictures with alpha for libswscale's conversion, made for the first one. */
  private AlphaOver alphaOver;
  /** Composites planar YUVA pictures (a video's) in YUV, made for the first one. */
  private YuvAlphaOver yuvOver;
  /** Packed float RGBA pictures made planar for libswscale (their alpha dropped), made for the first one. */
  private PackedFloatRgba floats;

  /** Converts to 8-bit yuv420p. */
  public PictureConverter(int width, int height) {
    this(width, height, 8, null);
  }

  /** Converts to yuv420p of {@code depth} bits a sample: 8 or 10. */
  public PictureConverter(int width, int height, int depth) {
    this(width, height, depth, null);
  }

  /** As {@link #PictureConverter(int, int)}; RGB pictures' alpha is composited over {@code background} (null: dropped). */
  public PictureConverter(int width, int height, Background background) {
    this(width, height, 8, background);
  }

  /** To yuv420p of {@code depth} bits (8 or 10), RGB pictures' alpha composited over {@code background} (null: dropped). */
  public PictureConverter(int width, int height, int depth, Background background) {
    this(width, height, depth, background, false);
  }

  /**
   * As {@link #PictureConverter(int, int, int, Background)}, for pictures whose alpha is {@code
   * premultiplied} (EXR's, an associated-alpha TIFF's) or straight, which the compositing must know.
   */
  public PictureConverter(int width, int height, int depth, Background background, boolean premultiplied) {
    this.width = width;
    this.height = height;
    this.format = depth == 10 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
    this.background = background;
    this.premultiplied = premultiplied;
  }

  /**
   * The matrix an RGB or palette picture of pixel format {@code format} becomes YUV with at the
   * encoded size {@code width x height}, in the colour kernels or libswscale alike: {@link
   * RgbToYuv420#matrixFor} (BT.709 for HD and larger, else BT.601). What the output's colour tags must
   * say. BT.601 for any other format (a YUV one keeps its own matrix).
   */
  public static ColourMatrix rgbMatrix(int format, int width, int height) {
    return isRgb(format) || isGreyWithAlpha(format) ? RgbToYuv420.matrixFor(width, height) : ColourMatrix.BT601;
  }

  /**
   * Tells the kernel provider that a job will convert {@code pictures} RGB pictures of {@code
   * width x height} in pixel format {@code format}: with enough of them the Vector API kernels repay
   * their warm-up ({@link Kernels#forWork}), and every converter of the job then gets them. With
   * {@code alphaOver}, pictures composited over a colour reach the kernels too, whatever their format.
   */
  public static void expectRgbPictures(int format, boolean alphaOver, long pictures, int width, int height) {
    if (RgbPictureConverter.handles(format) || alphaOver && composites(format)) {
      Kernels.forWork(Kernels.Work.frames(pictures, width, height, Kernels.Operation.CONVERT));
    }
  }

  /**
   * Whether RGB pictures in pixel format {@code format} are converted by FrameFork's colour kernels
   * to yuv420p of {@code depth} bits (8 or 10); libswscale converts the others (other layouts). With
   * {@code alphaOver} (pictures composited over a background), those that {@link AlphaOver}
   * composites go to the kernels as 16-bit RGB.
   */
  public static boolean convertsWithKernels(int format, int depth, boolean alphaOver) {
    return (depth == 8 || depth == 10) && (RgbPictureConverter.handles(format) || alphaOver && composites(format));
  }

  /**
   * Whether pictures in pixel format {@code format} carry alpha, which the conversion drops or
   * composites: RGBA, grey with alpha, YUVA, and palettes (whose entries may be transparent).
   */
  public static boolean hasAlpha(int format) {
    var d = av_pix_fmt_desc_get(format);
    return d != null && !d.isNull() && (d.flags() & (AV_PIX_FMT_FLAG_ALPHA | AV_PIX_FMT_FLAG_PAL)) != 0;
  }

  /**
   * {@code f} as the encoder takes it: as it is when it is a yuv420p picture of this size (see
   * {@link #needed}), else converted (see {@link #convert}). A full-range ("J") picture is first
   * said to be what it is, the same samples in the plain layout tagged full range ({@link
   * #asFullRange}), so that a yuvj420p picture is taken as it is and another keeps its range.
   */
  public AVFrame toEncoded(AVFrame f) {
    asFullRange(f);
    return needed(f) ? convert(f) : f;
  }

  /**
   * Relabels a picture in one of FFmpeg's deprecated full-range formats (yuvj420p, yuvj422p,
   * yuvj444p, yuvj440p, yuvj411p: JPEG's, and what the H.264 and HEVC decoders put out for a
   * full-range stream) as the same samples in the plain format (yuv420p, ...) with a full-range tag.
   */
  public static void asFullRange(AVFrame f) {
    int plain = plainFormat(f.format());
    if (plain != f.format()) {
      f.format(plain);
      f.color_range(AVCOL_RANGE_JPEG);
    }
  }

  /** The plain format of the same samples as full-range format {@code format}; {@code format} itself for any other. */
  public static int plainFormat(int format) {
    return switch (format) {
      case AV_PIX_FMT_YUVJ420P -> AV_PIX_FMT_YUV420P;
      case AV_PIX_FMT_YUVJ422P -> AV_PIX_FMT_YUV422P;
      case AV_PIX_FMT_YUVJ444P -> AV_PIX_FMT_YUV444P;
      case AV_PIX_FMT_YUVJ440P -> AV_PIX_FMT_YUV440P;
      case AV_PIX_FMT_YUVJ411P -> AV_PIX_FMT_YUV411P;
      default -> format;
    };
  }

  /**
   * Converts full-range pictures to limited range from now on, as FFmpeg's filters do for two
   * inputs of different ranges: what a comparison of a full-range video with a limited one needs.
   */
  public void toLimitedRange() {
    limited = true;
  }

  /** Whether {@code f} needs {@link #convert} to be a yuv420p picture of this converter's size (and range). */
  public boolean needed(AVFrame f) {
    return f.format() != format || f.width() != width || f.height() != height
        || limited && f.color_range() == AVCOL_RANGE_JPEG;
  }

  /** {@code f} as yuv420p of this size, in a frame this converter owns (valid until the next call). */
  public AVFrame convert(AVFrame f) {
    // A picture one pixel wider or taller than asked (an odd size made even for 4:2:0) loses its
    // last column or row: cropped, not resampled, so that no pixel is blurred.
    int srcWidth = f.width();
    int srcHeight = f.height();
    boolean crop = (srcWidth == width || srcWidth == width + 1) && (srcHeight == height || srcHeight == height + 1)
        && (srcWidth != width || srcHeight != height);
    if (crop) {
      f.width(width);
      f.height(height);
    }
    try {
      // The kernels composite straight alpha: premultiplied pictures (a UINT EXR's rgba64le, an
      // associated-alpha TIFF's rgba) go through AlphaOver, and reach the kernels as 16-bit RGB.
      boolean kernels = RgbPictureConverter.handles(f.format()) && kernelsTake(f)
          && !(premultiplied && background != null && RgbPictureConverter.hasAlpha(f.format()));
      return kernels ? fromRgb(f) : scale(f);
    } finally {
      f.width(srcWidth);
      f.height(srcHeight);
    }
  }

  /**
   * Whether the colour kernels can convert {@code f}: a picture of this converter's size, even in both
   * directions (their 4:2:0 pairs rows and columns; libswscale takes an odd one, as a scene analysis
   * or a {@code compare} at the source's own size may ask).
   */
  private boolean kernelsTake(AVFrame f) {
    return f.width() == width && f.height() == height && (width & 1) == 0 && (height & 1) == 0;
  }

  /** An RGB picture of this size, converted by FrameFork's colour kernels rather than libswscale. */
  private AVFrame fromRgb(AVFrame f) {
    if (rgb == null) {
      rgb = new RgbPictureConverter(width, height, format == AV_PIX_FMT_YUV420P10LE ? 10 : 8, background);
    }
    rgb.convert(f, output());
    return converted;
  }

  private AVFrame scale(AVFrame in) {
    // RGB, palette and grey pictures with alpha become 16-bit RGB; planar YUVA (a video's) stays YUV.
    AVFrame f = in;
    if (background != null && composites(in.format())) {
      f = composited(in);
      if (kernelsTake(f)) {
        return fromRgb(f); // 16-bit RGB, rounded by the kernels (libswscale would dither a flat colour to 8 bits)
      }
    } else if (background != null && YuvAlphaOver.takes(in.format())) {
      yuvOver = yuvOver == null ? new YuvAlphaOver(background) : yuvOver;
      f = yuvOver.apply(in);
      if (!needed(f)) {
        return f; // yuva420p of this size and depth: yuv420p as it is
      }
    } else if (PackedFloatRgba.is(in.format())) {
      // A float TIFF's alpha dropped: libswscale takes its samples planar.
      floats = floats == null ? new PackedFloatRgba() : floats;
      f = floats.planar(in);
    }
    // Cached: the same context comes back while the input's format and size stay the same.
    sws = sws_getCachedContext(sws, f.width(), f.height(), f.format(), width, height, format,
        SWS_BICUBIC, null, null, (DoublePointer) null);
    if (sws == null || sws.isNull()) {
      throw new MediaException("cannot convert pixel format " + f.format() + " to " + format);
    }
    int[] key = {f.format(), f.width(), f.height()};
    boolean made = !java.util.Arrays.equals(key, swsKey);
    swsKey = key;
    if (isRgb(f.format()) && made) {
      useRgbMatrix(f.format());
    }
    boolean toLimited = limited && f.color_range() == AVCOL_RANGE_JPEG && !isRgb(f.format());
    AVFrame out = output();
    if (toLimited) {
      out.color_primaries(f.color_primaries());
      out.color_trc(f.color_trc());
      out.color_range(AVCOL_RANGE_MPEG);
      Ffmpeg.check(sws_scale_frame(rangeContext(f), out, f), "range conversion");
      return out;
    }
    // The same primaries, transfer and range on both sides: FFmpeg 8's sws_scale_frame reads them
    // from both frames, and must convert the samples only, never map an HDR picture's colours nor
    // squeeze a full-range picture into limited range (an RGB one becomes limited range YUV).
    out.color_primaries(f.color_primaries());
    out.color_trc(f.color_trc());
    out.color_range(isRgb(f.format()) ? AVCOL_RANGE_UNSPECIFIED : f.color_range());
    if (isRgb(f.format())) {
      out.colorspace(rgbMatrix(f.format(), width, height) == ColourMatrix.BT709 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M);
    }
    Ffmpeg.check(sws_scale_frame(sws, out, f), "pixel format conversion");
    return out;
  }

  /**
   * Tells libswscale to make RGB pictures YUV with the matrix the output is tagged with ({@link
   * #rgbMatrix}: its default is BT.601 whatever the size), full-range RGB to limited-range YUV.
   */
  private void useRgbMatrix(int rgbFormat) {
    boolean bt709 = rgbMatrix(rgbFormat, width, height) == ColourMatrix.BT709;
    IntPointer table = sws_getCoefficients(bt709 ? SWS_CS_ITU709 : SWS_CS_ITU601);
    Ffmpeg.check(sws_setColorspaceDetails(sws, sws_getCoefficients(SWS_CS_DEFAULT), 1, table, 0, 0, 1 << 16, 1 << 16),
        "colour matrix");
  }

  /** {@code f}, a picture with alpha, composited over the background as 16-bit RGB ({@link AlphaOver}). */
  private AVFrame composited(AVFrame f) {
    if (alphaOver == null) {
      alphaOver = new AlphaOver(background, premultiplied);
    }
    return alphaOver.apply(f);
  }

  /**
   * The context that converts full-range pictures like {@code f} to limited range: libswscale takes
   * the ranges when a context is made (one of a single pixel format and size, told them later, only
   * copies the samples), so this one is made with them, and again when the pictures change.
   */
  private SwsContext rangeContext(AVFrame f) {
    int[] key = {f.format(), f.width(), f.height()};
    if (rangeSws != null && java.util.Arrays.equals(key, rangeKey)) {
      return rangeSws;
    }
    if (rangeSws != null) {
      sws_freeContext(rangeSws);
    }
    rangeSws = sws_alloc_context();
    rangeKey = key;
    String[] names = {"srcw", "srch", "src_format", "dstw", "dsth", "dst_format", "sws_flags", "src_range", "dst_range"};
    long[] values = {f.width(), f.height(), f.format(), width, height, format, SWS_BICUBIC, 1, 0};
    for (int i = 0; i < names.length; i++) {
      Ffmpeg.check(av_opt_set_int(rangeSws, names[i], values[i], 0), "range conversion option " + names[i]);
    }
    Ffmpeg.check(sws_init_context(rangeSws, null, null), "range conversion");
    return rangeSws;
  }

  /**
   * Whether this class composites the alpha of pictures in {@code format} over a background as RGB
   * (then converted to YUV like any RGB picture): RGB, palette and grey ones; YUVA is {@link #compositesYuv}.
   */
  public static boolean composites(int format) {
    return hasAlpha(format) && (isRgb(format) || isGrey(format));
  }

  /**
   * Whether this class composites pictures in {@code format} over a background in YUV, keeping their
   * matrix: planar YUV with alpha (yuva420p, ProRes 4444's yuva444p12le), see {@link YuvAlphaOver}.
   */
  public static boolean compositesYuv(int format) {
    return YuvAlphaOver.takes(format);
  }

  /** Whether pictures in {@code format} are RGB (rgb24, gbrp10, ...) or palette entries (pal8), not YUV or grey. */
  public static boolean isRgb(int format) {
    var d = av_pix_fmt_desc_get(format);
    return d != null && !d.isNull() && (d.flags() & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL)) != 0;
  }

  /**
   * Whether pictures in {@code format} are grey with alpha (ya8, ya16): composited over a colour
   * ({@code --alpha-over}) they become RGB, converted with {@link #rgbMatrix} like any RGB picture.
   */
  public static boolean isGreyWithAlpha(int format) {
    return hasAlpha(format) && isGrey(format);
  }

  private static boolean isGrey(int format) {
    var d = av_pix_fmt_desc_get(format);
    return d != null && !d.isNull() && d.nb_components() <= 2 && (d.flags() & AV_PIX_FMT_FLAG_PAL) == 0;
  }

  /** This converter's output frame, writable. */
  private AVFrame output() {
    if (converted == null) {
      converted = av_frame_alloc();
      converted.format(format);
      converted.width(width);
      converted.height(height);
      Ffmpeg.check(av_frame_get_buffer(converted, 0), "frame buffer");
    }
    // An encoder may still hold a reference to the last picture: then this gets a fresh buffer.
    Ffmpeg.check(av_frame_make_writable(converted), "frame buffer");
    return converted;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  @Override
  public void close() {
    converted = Ffmpeg.free(converted, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
    sws = Ffmpeg.free(sws, org.bytedeco.ffmpeg.global.swscale::sws_freeContext);
    swsKey = null;
    rangeSws = Ffmpeg.free(rangeSws, org.bytedeco.ffmpeg.global.swscale::sws_freeContext);
    alphaOver = Ffmpeg.free(alphaOver, AlphaOver::close);
    yuvOver = Ffmpeg.free(yuvOver, YuvAlphaOver::close);
    floats = Ffmpeg.free(floats, PackedFloatRgba::close);
  }
}
