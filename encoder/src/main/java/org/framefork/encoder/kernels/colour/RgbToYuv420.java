package org.framefork.encoder.kernels.colour;

import static org.framefork.encoder.kernels.colour.ColourMatrix.FORWARD_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.LUMA_BIAS;

import org.framefork.encoder.kernels.YuvFrame;

/**
 * RGB pictures of 8 or 16 bits a channel to limited-range YUV 4:2:0, the way libswscale does it
 * with {@code accurate_rnd} (luma per pixel; chroma averaged over horizontal pairs, then reduced
 * 2:1 vertically by {@link ChromaTaps}), in a {@link ColourConverter}'s row kernels.
 *
 * <p>The channels come in as <em>samples</em>: an 8-bit value times 16 ({@link #SAMPLE_BITS}),
 * so that a 16-bit picture keeps 4 bits below an 8-bit code value instead of being cut to 8 bits
 * first. Owns its scratch rows (the full-height chroma, 4 bytes a sample); one picture at a time.
 */
public final class RgbToYuv420 {
  /** Fractional bits of a sample below an 8-bit code value. */
  public static final int SAMPLE_BITS = 4;
  /** The sample of full intensity: 255 * 16. */
  public static final int SAMPLE_MAX = 255 << SAMPLE_BITS;
  /** Fractional bits of the full-height chroma between the two passes. */
  public static final int CHROMA_BITS = 10;

  static final int LUMA_SHIFT = FORWARD_BITS + SAMPLE_BITS;
  static final int LUMA_SAMPLE_BIAS = LUMA_BIAS << SAMPLE_BITS;
  /** A pair sum has one more bit than a sample. */
  static final int PAIR_SHIFT = FORWARD_BITS + SAMPLE_BITS + 1 - CHROMA_BITS;
  static final int TAP_SHIFT = CHROMA_BITS + ChromaTaps.WEIGHT_BITS;
  /** Adds 128 and rounds half up. */
  static final int TAP_BIAS = (128 << TAP_SHIFT) + (1 << (TAP_SHIFT - 1));

  /** Fills one picture row's samples, red, green and blue, {@code width} of each. */
  @FunctionalInterface
  public interface RowSource {
    void fill(int y, int[] r, int[] g, int[] b);
  }

  private final ColourConverter kernels;
  private final int width;
  private final int height;
  private final int chromaWidth;
  private final ChromaTaps taps;
  private final int[] r;
  private final int[] g;
  private final int[] b;
  private final int[] rs;
  private final int[] gs;
  private final int[] bs;
  private final int[] u;
  private final int[] v;
  private final int[] rowStarts = new int[ChromaTaps.TAPS];

  /** For pictures of {@code width x height}, both even (4:2:0 output). */
  public RgbToYuv420(ColourConverter kernels, int width, int height) {
    if (width < 2 || height < 2 || (width & 1) != 0 || (height & 1) != 0) {
      throw new IllegalArgumentException("4:2:0 needs an even size, not " + width + "x" + height);
    }
    this.kernels = kernels;
    this.width = width;
    this.height = height;
    this.chromaWidth = width / 2;
    this.taps = new ChromaTaps(height);
    r = new int[width];
    g = new int[width];
    b = new int[width];
    rs = new int[chromaWidth];
    gs = new int[chromaWidth];
    bs = new int[chromaWidth];
    u = new int[Math.multiplyExact(chromaWidth, height)];
    v = new int[u.length];
  }

  /** The matrix FrameFork converts a picture of this size with: BT.709 for HD and larger, else BT.601. */
  public static ColourMatrix matrixFor(int width, int height) {
    return width >= 1280 || height >= 720 ? ColourMatrix.BT709 : ColourMatrix.BT601;
  }

  /** Converts the picture {@code rows} gives into {@code dst} ({@code width x height}). */
  public void convert(RowSource rows, YuvFrame dst, ColourMatrix m) {
    if (dst.width() != width || dst.height() != height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " converter cannot fill a " + dst.width() + "x"
          + dst.height() + " frame");
    }
    for (int y = 0; y < height; y++) {
      rows.fill(y, r, g, b);
      kernels.luma(r, g, b, width, dst.y().data(), dst.y().rowStart(y), m);
      for (int i = 0, x = 0; i < chromaWidth; i++, x += 2) {
        rs[i] = r[x] + r[x + 1];
        gs[i] = g[x] + g[x + 1];
        bs[i] = b[x] + b[x + 1];
      }
      kernels.chromaPairs(rs, gs, bs, chromaWidth, u, v, y * chromaWidth, m);
    }
    for (int c = 0; c < taps.chromaRows(); c++) {
      int[] from = taps.rows(c);
      for (int k = 0; k < from.length; k++) {
        rowStarts[k] = from[k] * chromaWidth;
      }
      kernels.chromaTaps(u, rowStarts, taps.weights(c), chromaWidth, dst.u().data(), dst.u().rowStart(c));
      kernels.chromaTaps(v, rowStarts, taps.weights(c), chromaWidth, dst.v().data(), dst.v().rowStart(c));
    }
  }
}
