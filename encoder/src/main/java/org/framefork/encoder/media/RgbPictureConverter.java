package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0BGR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ABGR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ARGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR48BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA64BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA64LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAP;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRP;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;

import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Kernels.Operation;
import org.framefork.encoder.kernels.Kernels.Work;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.RgbToYuv420;

/**
 * RGB pictures (8 or 16 bits a channel, packed or planar) to yuv420p or yuv420p10le in FrameFork's
 * colour kernels ({@link RgbToYuv420}) instead of libswscale: BT.709 for HD and larger pictures,
 * BT.601 below, limited range. Alpha is dropped, or composited over a {@link Background}. Owns its
 * scratch; one picture at a time.
 */
final class RgbPictureConverter {
  /** Where a pixel's channels lie: bytes per sample, byte order, samples per pixel, channel positions (alpha -1 if none). */
  private record Layout(int sampleBytes, boolean bigEndian, int pixelSamples, int red, int green, int blue, int alpha,
      boolean planar) {}

  private static final Map<Integer, Layout> LAYOUTS = Map.ofEntries(
      Map.entry(AV_PIX_FMT_RGB24, new Layout(1, false, 3, 0, 1, 2, -1, false)),
      Map.entry(AV_PIX_FMT_BGR24, new Layout(1, false, 3, 2, 1, 0, -1, false)),
      Map.entry(AV_PIX_FMT_RGBA, new Layout(1, false, 4, 0, 1, 2, 3, false)),
      Map.entry(AV_PIX_FMT_BGRA, new Layout(1, false, 4, 2, 1, 0, 3, false)),
      Map.entry(AV_PIX_FMT_ARGB, new Layout(1, false, 4, 1, 2, 3, 0, false)),
      Map.entry(AV_PIX_FMT_ABGR, new Layout(1, false, 4, 3, 2, 1, 0, false)),
      Map.entry(AV_PIX_FMT_RGB0, new Layout(1, false, 4, 0, 1, 2, -1, false)),
      Map.entry(AV_PIX_FMT_BGR0, new Layout(1, false, 4, 2, 1, 0, -1, false)),
      Map.entry(AV_PIX_FMT_0RGB, new Layout(1, false, 4, 1, 2, 3, -1, false)),
      Map.entry(AV_PIX_FMT_0BGR, new Layout(1, false, 4, 3, 2, 1, -1, false)),
      Map.entry(AV_PIX_FMT_RGB48BE, new Layout(2, true, 3, 0, 1, 2, -1, false)),
      Map.entry(AV_PIX_FMT_RGB48LE, new Layout(2, false, 3, 0, 1, 2, -1, false)),
      Map.entry(AV_PIX_FMT_BGR48BE, new Layout(2, true, 3, 2, 1, 0, -1, false)),
      Map.entry(AV_PIX_FMT_BGR48LE, new Layout(2, false, 3, 2, 1, 0, -1, false)),
      Map.entry(AV_PIX_FMT_RGBA64BE, new Layout(2, true, 4, 0, 1, 2, 3, false)),
      Map.entry(AV_PIX_FMT_RGBA64LE, new Layout(2, false, 4, 0, 1, 2, 3, false)),
      Map.entry(AV_PIX_FMT_BGRA64BE, new Layout(2, true, 4, 2, 1, 0, 3, false)),
      Map.entry(AV_PIX_FMT_BGRA64LE, new Layout(2, false, 4, 2, 1, 0, 3, false)),
      // Planar GBR (Ut Video, FFV1, libx264rgb): planes 0, 1, 2, 3 hold green, blue, red, alpha.
      Map.entry(AV_PIX_FMT_GBRP, new Layout(1, false, 1, 2, 0, 1, -1, true)),
      Map.entry(AV_PIX_FMT_GBRAP, new Layout(1, false, 1, 2, 0, 1, 3, true)));

  private final int width;
  private final int height;
  private final Background background;
  private final ColourMatrix matrix;
  private final RgbToYuv420 conversion;
  /** The converted picture: a {@link YuvFrame} at 8 bits, a {@link YuvFrame16} at 10. */
  private final Yuv420Frame<?> yuv;
  /** Fractional bits of the kernels' samples below an 8-bit value ({@link RgbToYuv420#sampleBits}). */
  private final int bits;
  /** The sample of full intensity: 255 shifted left by {@link #bits}. */
  private final int max;
  private byte[] row = new byte[0];
  private byte[] alphaRow = new byte[0];

  /** To yuv420p ({@code depth} 8) or yuv420p10le ({@code depth} 10). */
  RgbPictureConverter(int width, int height, int depth, Background background) {
    this.width = width;
    this.height = height;
    this.background = background;
    this.matrix = RgbToYuv420.matrixFor(width, height);
    // The job announced its RGB work (PictureConverter.expectRgbPictures): the provider has chosen for it.
    this.conversion = new RgbToYuv420(Kernels.forWork(Work.frames(1, width, height, Operation.CONVERT)).colour(), width,
        height, depth);
    this.yuv = depth == 10 ? YuvFrame16.allocate(width, height, 10) : YuvFrame.allocate(width, height);
    this.bits = conversion.sampleBits();
    this.max = 255 << bits;
  }

  /** Whether pictures in pixel format {@code format} go through the kernels. */
  static boolean handles(int format) {
    return LAYOUTS.containsKey(format);
  }

  /** Whether pictures in {@code format} carry an alpha channel (which the conversion drops or composites). */
  static boolean hasAlpha(int format) {
    Layout l = LAYOUTS.get(format);
    return l != null && l.alpha() >= 0;
  }

  /**
   * Converts {@code src} (this converter's size, a format it {@link #handles}) into {@code dst},
   * writable, yuv420p or yuv420p10le as this converter's depth.
   */
  void convert(AVFrame src, AVFrame dst) {
    Layout layout = LAYOUTS.get(src.format());
    RgbToYuv420.RowSource rows = (y, r, g, b) -> fill(src, layout, y, r, g, b);
    switch (yuv) {
      case YuvFrame e -> {
        conversion.convert(rows, e, matrix);
        FramePlanes.copyOut(e, dst);
      }
      case YuvFrame16 d -> {
        conversion.convert(rows, d, matrix);
        FramePlanes.copyOutWritable(d, dst);
      }
    }
  }

  /** Row {@code y} of {@code src} as samples (see {@link RgbToYuv420}), alpha dropped or composited. */
  private void fill(AVFrame src, Layout l, int y, int[] r, int[] g, int[] b) {
    if (l.planar()) {
      readPlane(src, 2, y, r);
      readPlane(src, 0, y, g);
      readPlane(src, 1, y, b);
      if (l.alpha() >= 0 && background != null) {
        compositePlanar(src, y, r, g, b);
      }
      return;
    }
    int rowBytes = width * l.pixelSamples() * l.sampleBytes();
    if (row.length < rowBytes) {
      row = new byte[rowBytes];
    }
    src.data(0).position((long) y * src.linesize(0)).get(row, 0, rowBytes);
    boolean composite = l.alpha() >= 0 && background != null;
    if (l.sampleBytes() == 1 && !composite) {
      unpackBytes(l, r, g, b);
      return;
    }
    for (int x = 0, p = 0; x < width; x++, p += l.pixelSamples()) {
      int rv = sample(l, p + l.red());
      int gv = sample(l, p + l.green());
      int bv = sample(l, p + l.blue());
      if (composite) {
        int a = sample(l, p + l.alpha());
        rv = over(rv, background.red(), a);
        gv = over(gv, background.green(), a);
        bv = over(bv, background.blue(), a);
      }
      r[x] = rv;
      g[x] = gv;
      b[x] = bv;
    }
  }

  /** The common case, 8 bits a channel and no compositing, in one tight loop (a third of the time of the general one). */
  private void unpackBytes(Layout l, int[] r, int[] g, int[] b) {
    int step = l.pixelSamples();
    int shift = bits;
    byte[] in = row;
    for (int x = 0, p = 0; x < width; x++, p += step) {
      r[x] = (in[p + l.red()] & 0xFF) << shift;
      g[x] = (in[p + l.green()] & 0xFF) << shift;
      b[x] = (in[p + l.blue()] & 0xFF) << shift;
    }
  }

  /** Sample {@code i} of the row as a kernel sample: 8-bit values shifted left, 16-bit ones scaled with rounding. */
  private int sample(Layout l, int i) {
    if (l.sampleBytes() == 1) {
      return (row[i] & 0xFF) << bits;
    }
    int hi = row[2 * i + (l.bigEndian() ? 0 : 1)] & 0xFF;
    int lo = row[2 * i + (l.bigEndian() ? 1 : 0)] & 0xFF;
    // At most 65535 * 16320 (10-bit output's samples): inside an int.
    return (((hi << 8) | lo) * max + 32768) >>> 16;
  }

  private void readPlane(AVFrame src, int plane, int y, int[] out) {
    if (row.length < width) {
      row = new byte[width];
    }
    src.data(plane).position((long) y * src.linesize(plane)).get(row, 0, width);
    for (int x = 0; x < width; x++) {
      out[x] = (row[x] & 0xFF) << bits;
    }
  }

  private void compositePlanar(AVFrame src, int y, int[] r, int[] g, int[] b) {
    if (alphaRow.length < width) {
      alphaRow = new byte[width];
    }
    src.data(3).position((long) y * src.linesize(3)).get(alphaRow, 0, width);
    for (int x = 0; x < width; x++) {
      int a = (alphaRow[x] & 0xFF) << bits;
      r[x] = over(r[x], background.red(), a);
      g[x] = over(g[x], background.green(), a);
      b[x] = over(b[x], background.blue(), a);
    }
  }

  /** Sample {@code c} of opacity {@code a} (both samples) over the 8-bit background {@code bg}; at most 2 * 16320^2, an int. */
  private int over(int c, int bg, int a) {
    return (c * a + (bg << bits) * (max - a) + max / 2) / max;
  }

  /** The matrix the pictures are converted with (what the output's tags must say). */
  ColourMatrix matrix() {
    return matrix;
  }

  int height() {
    return height;
  }
}
