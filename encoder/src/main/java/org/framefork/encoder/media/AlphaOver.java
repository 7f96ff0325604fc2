package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Composites pictures with alpha (RGBA of 8, 16 or 32-bit float, grey with alpha, palettes) over a
 * {@link Background} for the pictures the colour kernels do not composite themselves (grey with
 * alpha, palettes, float RGBA, and any picture scaled on its way): libswscale unpacks them to 16-bit
 * RGBA at their own size (those of 8 bits a channel or fewer to 8-bit RGBA, which this widens times
 * 257, as libswscale's own widening does not: it makes 255 65283), this blends each pixel over the
 * background in 16 bits in that same buffer, and the result is 16-bit RGB, which the kernels (or libswscale, when the picture is scaled) then
 * convert like any RGB picture. Alpha is straight (PNG's, most TIFF's, float or not) unless the
 * images say it is premultiplied (EXR's, and a TIFF's of associated alpha: their colour is already
 * multiplied by alpha). Owns its frame; one picture at a time.
 */
final class AlphaOver implements AutoCloseable {
  private static final int MAX = 65535;
  /** Little-endian 16-bit samples of a byte array, read and written whole. */
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final int red;
  private final int green;
  private final int blue;
  private final boolean premultiplied;
  private SwsContext unpack;
  /** The unpacked RGBA64 picture, blended in place into RGB48 (6 of every 8 bytes, same rows). */
  private AVFrame picture;
  /** Packed float RGBA pictures made planar for libswscale. */
  private final PackedFloatRgba floats = new PackedFloatRgba();
  private byte[] row = new byte[0];
  /** A row of 8-bit RGBA, for pictures of 8 bits a channel or fewer. */
  private byte[] bytes = new byte[0];

  /**
   * @param premultiplied whether the pictures' colour is already multiplied by their alpha: EXR's,
   *     an associated-alpha TIFF's (see {@code ImageHeader.premultipliedAlpha})
   */
  AlphaOver(Background background, boolean premultiplied) {
    // 8-bit channels to 16 bits: times 257, as this widens 8-bit pictures.
    this.red = background.red() * 257;
    this.green = background.green() * 257;
    this.blue = background.blue() * 257;
    this.premultiplied = premultiplied;
  }

  /** {@code f} composited over the background, as rgb48le of its size in a frame this owns (valid until the next call). */
  AVFrame apply(AVFrame f) {
    int w = f.width();
    int h = f.height();
    if (picture == null || picture.width() != w || picture.height() != h) {
      close();
      picture = frame(AV_PIX_FMT_RGBA64LE, w, h);
      row = new byte[w * 8];
      bytes = new byte[w * 4];
    }
    AVFrame src = PackedFloatRgba.is(f.format()) ? floats.planar(f) : f;
    boolean narrow = eightBit(src.format());
    int unpacked = narrow ? AV_PIX_FMT_RGBA : AV_PIX_FMT_RGBA64LE;
    unpack = sws_getCachedContext(unpack, w, h, src.format(), w, h, unpacked, SWS_POINT, null, null,
        (DoublePointer) null);
    if (unpack == null || unpack.isNull()) {
      throw new MediaException("cannot unpack pixel format " + f.format() + " to RGBA");
    }
    // Made writable as the RGBA64 frame it was allocated as (the last call left it RGB48): were its
    // buffer shared, FFmpeg would reallocate it at the size of the format it has then.
    picture.format(AV_PIX_FMT_RGBA64LE);
    Ffmpeg.check(av_frame_make_writable(picture), "frame buffer");
    // The RGBA64 frame's rows hold RGBA's too.
    picture.format(unpacked);
    Ffmpeg.check(sws_scale_frame(unpack, picture, src), "alpha unpacking");
    for (int y = 0; y < h; y++) {
      BytePointer line = picture.data(0).position((long) y * picture.linesize(0));
      if (narrow) {
        line.get(bytes, 0, w * 4);
        widen(bytes, row, w);
      } else {
        line.get(row, 0, w * 8);
      }
      if (premultiplied) {
        blendPremultiplied(row, w, red, green, blue);
      } else {
        blend(row, w, red, green, blue);
      }
      line.put(row, 0, w * 6);
    }
    picture.data(0).position(0);
    // The same rows, now 6 bytes a pixel: RGB48 of the RGBA64 frame's line size.
    picture.format(AV_PIX_FMT_RGB48LE);
    picture.color_range(f.color_range());
    return picture;
  }

  /** Whether every component of pictures in {@code format} has 8 bits or fewer (a palette's entries are 8-bit). */
  static boolean eightBit(int format) {
    var d = av_pix_fmt_desc_get(format);
    for (int c = 0; c < d.nb_components(); c++) {
      if (d.comp(c).depth() > 8) {
        return false;
      }
    }
    return true;
  }

  /** {@code w} pixels of 8-bit RGBA in {@code from} as RGBA64LE in {@code to}: each sample times 257, 255 to 65535. */
  static void widen(byte[] from, byte[] to, int w) {
    for (int i = 0; i < w * 4; i++) {
      int v = from[i] & 0xFF;
      put(to, 2 * i, v * 257);
    }
  }

  /**
   * Blends {@code w} straight-alpha RGBA64LE pixels of {@code b} over the background into RGB48LE at
   * the row's start, in place: pixel {@code x} goes to byte {@code 6x}, read from {@code 8x}, so
   * nothing is written over before it is read. As {@link #over} rounds, in integers.
   */
  static void blend(byte[] b, int w, int red, int green, int blue) {
    for (int x = 0; x < w; x++) {
      int i = x * 8;
      int a = sample(b, i + 6);
      int r = sample(b, i);
      int g = sample(b, i + 2);
      int bl = sample(b, i + 4);
      if (a == 0) {
        r = red;
        g = green;
        bl = blue;
      } else if (a != MAX) {
        // (c * a + bg * (MAX - a) + MAX / 2) / MAX, at most MAX * MAX + MAX / 2: unsigned ints,
        // divided by 65535 as (t + 1 + (t >>> 16)) >>> 16 (see div).
        int clear = MAX - a;
        r = div(r * a + red * clear + MAX / 2);
        g = div(g * a + green * clear + MAX / 2);
        bl = div(bl * a + blue * clear + MAX / 2);
      }
      int o = x * 6;
      put(b, o, r);
      put(b, o + 2, g);
      put(b, o + 4, bl);
    }
  }

  /** As {@link #blend}, for colour already multiplied by alpha (EXR's), which may exceed it: clipped. */
  static void blendPremultiplied(byte[] b, int w, int red, int green, int blue) {
    for (int x = 0; x < w; x++) {
      int i = x * 8;
      int a = sample(b, i + 6);
      int r = over(sample(b, i), red, a, true);
      int g = over(sample(b, i + 2), green, a, true);
      int bl = over(sample(b, i + 4), blue, a, true);
      int o = x * 6;
      put(b, o, r);
      put(b, o + 2, g);
      put(b, o + 4, bl);
    }
  }

  /**
   * {@code t / 65535} for {@code t} an unsigned int from 0 to {@code 65535 * 65535 + 32767}, the
   * most the blend makes: exact for every one of them (checked one by one).
   */
  private static int div(int t) {
    return (t + 1 + (t >>> 16)) >>> 16;
  }

  private static int sample(byte[] b, int i) {
    return (short) SHORT.get(b, i) & 0xFFFF;
  }

  private static void put(byte[] b, int i, int v) {
    SHORT.set(b, i, (short) v);
  }

  /**
   * Channel {@code c} of opacity {@code a} over background channel {@code bg}, all 16-bit, rounded:
   * {@code c} straight (times {@code a}) or already premultiplied by {@code a} (as it is).
   */
  static int over(int c, int bg, int a, boolean premultiplied) {
    long top = premultiplied ? (long) c * MAX : (long) c * a;
    return (int) Math.min(MAX, (top + (long) bg * (MAX - a) + MAX / 2) / MAX);
  }

  /** A new frame of {@code format} and {@code w x h} in native memory; free it with av_frame_free. */
  static AVFrame frame(int format, int w, int h) {
    AVFrame f = av_frame_alloc();
    f.format(format);
    f.width(w);
    f.height(h);
    int err = av_frame_get_buffer(f, 0);
    if (err < 0) {
      Ffmpeg.free(f, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
    }
    Ffmpeg.check(err, "frame buffer");
    return f;
  }

  @Override
  public void close() {
    picture = Ffmpeg.free(picture, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
    floats.close();
    unpack = Ffmpeg.free(unpack, org.bytedeco.ffmpeg.global.swscale::sws_freeContext);
  }
}
