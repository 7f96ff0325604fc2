package org.framefork.encoder.kernels.colour;

import static org.framefork.encoder.kernels.colour.ColourMatrix.FORWARD_BITS;
import static org.framefork.encoder.kernels.colour.ColourMatrix.LUMA_BIAS;

import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;

/**
 * RGB pictures of 8 or 16 bits a channel to limited-range YUV 4:2:0 of 8 or 10 bits (yuv420p,
 * yuv420p10le), the way libswscale does it with {@code accurate_rnd} (luma per pixel; chroma
 * averaged over horizontal pairs, then reduced 2:1 vertically by {@link ChromaTaps}), in a {@link
 * ColourConverter}'s row kernels.
 *
 * <p>The channels come in as <em>samples</em>: for 8-bit output an 8-bit value times 16 ({@link
 * #SAMPLE_BITS}), for 10-bit output times 64 ({@link #SAMPLE_BITS_10}), so that a 16-bit picture
 * keeps 4 bits below an output code value instead of being cut first; {@link #sampleBits} says
 * which. Owns its scratch rows (the full-height chroma, 4 bytes a sample); one picture at a time.
 *
 * <p>The 10-bit path is the 8-bit one scaled by 4: the same coefficients, the same chroma pairs
 * (offsets with {@link #CHROMA_BITS} fractional bits of an 8-bit code value) and taps; only the
 * shifts and biases move. Its largest sums stay far inside an int: luma about {@code 28 143 *
 * 16 320 = 2^29}, a pair's chroma {@code 14 392 * 32 640 < 2^29}.
 */
public final class RgbToYuv420 {
  /** Fractional bits of a sample below an 8-bit code value. */
  public static final int SAMPLE_BITS = 4;
  /** The sample of full intensity: 255 * 16. */
  public static final int SAMPLE_MAX = 255 << SAMPLE_BITS;
  /** Fractional bits of a sample below an 8-bit code value, for 10-bit output: 4 below a 10-bit one. */
  public static final int SAMPLE_BITS_10 = 6;
  /** The sample of full intensity for 10-bit output: 255 * 64. */
  public static final int SAMPLE_MAX_10 = 255 << SAMPLE_BITS_10;
  /** Fractional bits of the full-height chroma between the two passes. */
  public static final int CHROMA_BITS = 10;

  static final int LUMA_SHIFT = FORWARD_BITS + SAMPLE_BITS;
  static final int LUMA_SAMPLE_BIAS = LUMA_BIAS << SAMPLE_BITS;
  /** A pair sum has one more bit than a sample. */
  static final int PAIR_SHIFT = FORWARD_BITS + SAMPLE_BITS + 1 - CHROMA_BITS;
  static final int TAP_SHIFT = CHROMA_BITS + ChromaTaps.WEIGHT_BITS;
  /** Adds 128 and rounds half up. */
  static final int TAP_BIAS = (128 << TAP_SHIFT) + (1 << (TAP_SHIFT - 1));

  /** 10-bit luma: a sample has 4 bits below a 10-bit code value, as an 8-bit path's below an 8-bit one. */
  static final int LUMA_SHIFT_10 = FORWARD_BITS + SAMPLE_BITS_10 - 2;
  /** Adds 64 (16 at 10 bits) and rounds half up. */
  static final int LUMA_SAMPLE_BIAS_10 = (64 << LUMA_SHIFT_10) + (1 << (LUMA_SHIFT_10 - 1));
  static final int PAIR_SHIFT_10 = FORWARD_BITS + SAMPLE_BITS_10 + 1 - CHROMA_BITS;
  /** The taps' sums at 10 bits: two fractional bits fewer to shift out. */
  static final int TAP_SHIFT_10 = TAP_SHIFT - 2;
  /** Adds 512 (128 at 10 bits) and rounds half up. */
  static final int TAP_BIAS_10 = (512 << TAP_SHIFT_10) + (1 << (TAP_SHIFT_10 - 1));
  /** The largest 10-bit sample. */
  static final int MAX_10 = 1023;

  /** Fills one picture row's samples, red, green and blue, {@code width} of each. */
  @FunctionalInterface
  public interface RowSource {
    void fill(int y, int[] r, int[] g, int[] b);
  }

  private final ColourConverter kernels;
  private final int depth;
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

  /** For pictures of {@code width x height}, both even, to 8-bit 4:2:0. */
  public RgbToYuv420(ColourConverter kernels, int width, int height) {
    this(kernels, width, height, 8);
  }

  /** For pictures of {@code width x height}, both even, to 4:2:0 of {@code depth} bits: 8 or 10. */
  public RgbToYuv420(ColourConverter kernels, int width, int height, int depth) {
    if (width < 2 || height < 2 || (width & 1) != 0 || (height & 1) != 0) {
      throw new IllegalArgumentException("4:2:0 needs an even size, not " + width + "x" + height);
    }
    if (depth != 8 && depth != 10) {
      throw new IllegalArgumentException("RGB converts to 8- or 10-bit YUV, not " + depth);
    }
    this.kernels = kernels;
    this.depth = depth;
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

  /** Fractional bits of the samples {@link RowSource} must fill, below an 8-bit code value: 4 for 8-bit output, 6 for 10. */
  public int sampleBits() {
    return depth == 10 ? SAMPLE_BITS_10 : SAMPLE_BITS;
  }

  /** Converts the picture {@code rows} gives into {@code dst} ({@code width x height}, for an 8-bit converter). */
  public void convert(RowSource rows, YuvFrame dst, ColourMatrix m) {
    requireFrame(dst);
    convert(rows, dst, null, m);
  }

  /** Converts the picture {@code rows} gives into {@code dst} ({@code width x height}, 10 bits, for a 10-bit converter). */
  public void convert(RowSource rows, YuvFrame16 dst, ColourMatrix m) {
    requireFrame(dst);
    convert(rows, null, dst, m);
  }

  /** Into {@code bytes} (8 bits) or, when it is not null, {@code shorts} (10 bits): the same passes, other kernels. */
  private void convert(RowSource rows, YuvFrame bytes, YuvFrame16 shorts, ColourMatrix m) {
    boolean ten = shorts != null;
    for (int y = 0; y < height; y++) {
      rows.fill(y, r, g, b);
      if (ten) {
        kernels.luma10(r, g, b, width, shorts.y().data(), shorts.y().rowStart(y), m);
      } else {
        kernels.luma(r, g, b, width, bytes.y().data(), bytes.y().rowStart(y), m);
      }
      sumPairs();
      if (ten) {
        kernels.chromaPairs10(rs, gs, bs, chromaWidth, u, v, y * chromaWidth, m);
      } else {
        kernels.chromaPairs(rs, gs, bs, chromaWidth, u, v, y * chromaWidth, m);
      }
    }
    for (int c = 0; c < taps.chromaRows(); c++) {
      tapRows(c);
      int[] w = taps.weights(c);
      if (ten) {
        kernels.chromaTaps10(u, rowStarts, w, chromaWidth, shorts.u().data(), shorts.u().rowStart(c));
        kernels.chromaTaps10(v, rowStarts, w, chromaWidth, shorts.v().data(), shorts.v().rowStart(c));
      } else {
        kernels.chromaTaps(u, rowStarts, w, chromaWidth, bytes.u().data(), bytes.u().rowStart(c));
        kernels.chromaTaps(v, rowStarts, w, chromaWidth, bytes.v().data(), bytes.v().rowStart(c));
      }
    }
  }

  /** The horizontal pairs of the row in {@link #r}, {@link #g}, {@link #b}, summed into {@link #rs}, .... */
  private void sumPairs() {
    for (int i = 0, x = 0; i < chromaWidth; i++, x += 2) {
      rs[i] = r[x] + r[x + 1];
      gs[i] = g[x] + g[x + 1];
      bs[i] = b[x] + b[x + 1];
    }
  }

  /** Where in the full-height chroma the rows of chroma row {@code c}'s taps start, into {@link #rowStarts}. */
  private void tapRows(int c) {
    int[] from = taps.rows(c);
    for (int k = 0; k < from.length; k++) {
      rowStarts[k] = from[k] * chromaWidth;
    }
  }

  private void requireFrame(Yuv420Frame<?> dst) {
    if (depth != dst.depth()) {
      throw new IllegalArgumentException("a " + depth + "-bit converter cannot fill a " + dst.depth() + "-bit frame");
    }
    if (dst.width() != width || dst.height() != height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " converter cannot fill a " + dst.width() + "x"
          + dst.height() + " frame");
    }
  }
}
