package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_ALPHA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_PLANAR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_copy_props;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.BytePointer;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.RgbToYuv420;

/**
 * Composites planar YUV pictures with alpha (what FFmpeg's decoders give for ProRes 4444, yuva444p12le;
 * yuva420p, yuva444p10le, ...) over a {@link Background} in YUV: the background colour is made YUV in
 * the picture's own matrix (its tag; untagged, BT.709 for HD and larger, else BT.601, as the filters
 * take it) and range at its depth, each plane blends with straight alpha, rounded, chroma with the mean
 * alpha of the luma samples it covers (as FFmpeg's overlay filter does). The result is the same
 * picture without alpha (yuva444p12le becomes yuv444p12le), which then converts to 4:2:0 like any YUV
 * picture, so it keeps the source's colour tags. Owns its frame; one picture at a time.
 */
final class YuvAlphaOver implements AutoCloseable {
  /** Little-endian 16-bit samples of a byte array. */
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final Background background;
  private AVFrame out;
  /** The background in the last picture's YUV: Y, U, V; and what it was made for (format, matrix, range). */
  private final int[] yuv = new int[3];
  private int[] yuvKey;
  private byte[] row = new byte[0];
  private int[] alpha = new int[0];
  /** The opacity of each chroma sample where chroma is subsampled (4:4:4 takes {@link #alpha}). */
  private int[] chromaAlpha = new int[0];

  YuvAlphaOver(Background background) {
    this.background = background;
  }

  /**
   * Whether pictures in {@code format} are ones this composites: planar YUV with an alpha plane,
   * little-endian, of 8 to 16 bits (not packed YUVA, which keeps its alpha dropped).
   */
  static boolean takes(int format) {
    AVPixFmtDescriptor d = format < 0 ? null : av_pix_fmt_desc_get(format);
    if (d == null || d.isNull()) {
      return false;
    }
    long flags = d.flags();
    return (flags & AV_PIX_FMT_FLAG_ALPHA) != 0 && (flags & AV_PIX_FMT_FLAG_PLANAR) != 0 && (flags & AV_PIX_FMT_FLAG_RGB) == 0
        && (flags & AV_PIX_FMT_FLAG_BE) == 0 && d.nb_components() == 4 && d.comp(3).plane() == 3
        && withoutAlpha(format) >= 0;
  }

  /** The format of the same planes without alpha: yuva420p's yuv420p; -1 for none. */
  static int withoutAlpha(int format) {
    String name = av_pix_fmt_desc_get(format).name().getString();
    return name.startsWith("yuva") ? av_get_pix_fmt("yuv" + name.substring(4)) : -1;
  }

  /** {@code f} composited over the background, without alpha, in a frame this owns (valid until the next call). */
  AVFrame apply(AVFrame f) {
    AVPixFmtDescriptor d = av_pix_fmt_desc_get(f.format());
    int w = f.width();
    int h = f.height();
    int plain = withoutAlpha(f.format());
    if (out == null || out.format() != plain || out.width() != w || out.height() != h) {
      close();
      out = AlphaOver.frame(plain, w, h);
    }
    Ffmpeg.check(av_frame_make_writable(out), "frame buffer");
    Ffmpeg.check(av_frame_copy_props(out, f), "frame properties");
    int depth = d.comp(0).depth();
    int bytes = depth > 8 ? 2 : 1;
    backgroundIn(f, depth);
    int sx = d.log2_chroma_w();
    int sy = d.log2_chroma_h();
    int cw = -((-w) >> sx);
    int ch = -((-h) >> sy);
    alpha = alpha.length < w * h ? new int[w * h] : alpha;
    chromaAlpha = sx + sy > 0 && chromaAlpha.length < cw * ch ? new int[cw * ch] : chromaAlpha;
    row = row.length < w * bytes ? new byte[w * bytes] : row;
    readPlane(f, 3, w, h, bytes, alpha);
    blendPlane(f, 0, w, h, bytes, depth, yuv[0], alpha);
    if (sx + sy > 0) {
      subsample(alpha, w, h, sx, sy, chromaAlpha, cw, ch);
    }
    blendPlane(f, 1, cw, ch, bytes, depth, yuv[1], sx + sy == 0 ? alpha : chromaAlpha);
    blendPlane(f, 2, cw, ch, bytes, depth, yuv[2], sx + sy == 0 ? alpha : chromaAlpha);
    return out;
  }

  /** Reads plane {@code plane} of {@code f} ({@code w x h} samples of {@code bytes} bytes) into {@code into}, row after row. */
  private void readPlane(AVFrame f, int plane, int w, int h, int bytes, int[] into) {
    BytePointer p = f.data(plane);
    for (int y = 0; y < h; y++) {
      p.position((long) y * f.linesize(plane)).get(row, 0, w * bytes);
      int o = y * w;
      if (bytes == 1) {
        for (int x = 0; x < w; x++) {
          into[o + x] = row[x] & 0xFF;
        }
      } else {
        for (int x = 0; x < w; x++) {
          into[o + x] = (short) SHORT.get(row, 2 * x) & 0xFFFF;
        }
      }
    }
    p.position(0);
  }

  /**
   * The opacity of each chroma sample ({@code cw x ch}, each covering {@code 1 << sx} by {@code 1 << sy}
   * pixels of the {@code w x h} {@code alpha}) into {@code to}: the mean of the pixels it covers, rounded.
   */
  static void subsample(int[] alpha, int w, int h, int sx, int sy, int[] to, int cw, int ch) {
    for (int y = 0; y < ch; y++) {
      int y0 = y << sy;
      int y1 = Math.min(h, y0 + (1 << sy));
      for (int x = 0; x < cw; x++) {
        int x0 = x << sx;
        int x1 = Math.min(w, x0 + (1 << sx));
        int sum = 0;
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            sum += alpha[yy * w + xx];
          }
        }
        int n = (x1 - x0) * (y1 - y0);
        to[y * cw + x] = (sum + n / 2) / n;
      }
    }
  }

  /**
   * Blends plane {@code plane} of {@code f} ({@code w x h} samples of {@code depth} bits) over {@code bg}
   * into the output's plane of that number, each sample with its opacity in {@code a} (same layout),
   * rounded: {@code (c * a + bg * (max - a) + max / 2) / max}, the division by {@code 2^depth - 1} as
   * {@code (t + 1 + (t >> depth)) >> depth}, exact for every t the blend makes at 8 to 16 bits (checked one by one).
   */
  private void blendPlane(AVFrame f, int plane, int w, int h, int bytes, int depth, int bg, int[] a) {
    BytePointer src = f.data(plane);
    BytePointer dst = out.data(plane);
    for (int y = 0; y < h; y++) {
      src.position((long) y * f.linesize(plane)).get(row, 0, w * bytes);
      if (bytes == 1) {
        blendRow8(row, a, y * w, w, bg);
      } else {
        blendRow16(row, a, y * w, w, bg, depth);
      }
      dst.position((long) y * out.linesize(plane)).put(row, 0, w * bytes);
    }
    src.position(0);
    dst.position(0);
  }

  /** {@link #blendPlane}'s row of {@code w} 8-bit samples, in place; their opacities from {@code a[o]} on. */
  static void blendRow8(byte[] row, int[] a, int o, int w, int bg) {
    for (int x = 0; x < w; x++) {
      int opacity = a[o + x];
      if (opacity != 255) {
        int t = (row[x] & 0xFF) * opacity + bg * (255 - opacity) + 127;
        row[x] = (byte) ((t + 1 + (t >> 8)) >> 8);
      }
    }
  }

  /** {@link #blendPlane}'s row of {@code w} little-endian samples of {@code depth} bits (9 to 16), in place. */
  static void blendRow16(byte[] row, int[] a, int o, int w, int bg, int depth) {
    long max = (1L << depth) - 1;
    for (int x = 0; x < w; x++) {
      long opacity = a[o + x];
      if (opacity != max) {
        long t = ((short) SHORT.get(row, 2 * x) & 0xFFFF) * opacity + bg * (max - opacity) + max / 2;
        SHORT.set(row, 2 * x, (short) ((t + 1 + (t >> depth)) >> depth));
      }
    }
  }

  /** Makes {@link #yuv} the background in {@code f}'s matrix and range at {@code depth} bits, when they changed. */
  private void backgroundIn(AVFrame f, int depth) {
    ColourMatrix size = RgbToYuv420.matrixFor(f.width(), f.height());
    double[] k = coefficients(f.colorspace(), size);
    boolean full = f.color_range() == AVCOL_RANGE_JPEG;
    int[] key = {depth, (int) (k[0] * 1e6), full ? 1 : 0};
    if (java.util.Arrays.equals(key, yuvKey)) {
      return;
    }
    yuvKey = key;
    int[] made = toYuv(background, k[0], k[1], full, depth);
    System.arraycopy(made, 0, yuv, 0, 3);
  }

  /** Kr and Kb of colour space tag {@code space}; an untagged picture's are those of {@code bySize}. */
  static double[] coefficients(int space, ColourMatrix bySize) {
    return switch (space) {
      case AVCOL_SPC_BT709 -> new double[] {0.2126, 0.0722};
      case AVCOL_SPC_SMPTE170M, AVCOL_SPC_BT470BG, AVCOL_SPC_FCC, AVCOL_SPC_SMPTE240M -> new double[] {0.299, 0.114};
      case AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL -> new double[] {0.2627, 0.0593};
      default -> bySize == ColourMatrix.BT709 ? new double[] {0.2126, 0.0722} : new double[] {0.299, 0.114};
    };
  }

  /**
   * {@code c} as Y, U and V of {@code depth} bits with luma coefficients {@code kr} and {@code kb}:
   * limited range (Y 16 to 235, chroma 16 to 240, times {@code 2^(depth-8)}) or full (H.273: Y
   * {@code (2^depth-1) * y}, chroma {@code (2^depth-1) * u + 2^(depth-1)}), rounded.
   */
  static int[] toYuv(Background c, double kr, double kb, boolean full, int depth) {
    double r = c.red() / 255.0;
    double g = c.green() / 255.0;
    double b = c.blue() / 255.0;
    double y = kr * r + (1 - kr - kb) * g + kb * b;
    double u = (b - y) / (2 * (1 - kb));
    double v = (r - y) / (2 * (1 - kr));
    double scale = 1 << (depth - 8);
    int max = (1 << depth) - 1;
    if (full) {
      int half = 1 << (depth - 1);
      return new int[] {clip(y * max, max), clip(half + u * max, max), clip(half + v * max, max)};
    }
    return new int[] {clip((16 + 219 * y) * scale, max), clip((128 + 224 * u) * scale, max), clip((128 + 224 * v) * scale, max)};
  }

  private static int clip(double v, int max) {
    return (int) Math.max(0, Math.min(max, Math.round(v)));
  }

  @Override
  public void close() {
    out = Ffmpeg.free(out, org.bytedeco.ffmpeg.global.avutil::av_frame_free);
  }
}
