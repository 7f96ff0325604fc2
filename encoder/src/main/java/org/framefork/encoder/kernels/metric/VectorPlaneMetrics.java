package org.framefork.encoder.kernels.metric;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;

/**
 * Metrics with the Vector API; the same integers as {@link PlainPlaneMetrics}, and for SSIM the
 * same floats (each window score is the same IEEE float expression, and the row sums are made in
 * the same order).
 *
 * <p>SAD and SSE stay on bytes as long as they can. {@code |a - b|} of unsigned bytes is
 * {@code max - min} after flipping the sign bit (XOR 0x80 maps unsigned order onto signed order;
 * there is no unsigned byte max in the JDK 21 API); the difference fits a byte again. Widening then
 * costs no conversion: reinterpreted as shorts, {@code & 0xFF} is the even sample and an unsigned
 * shift by 8 the odd one (order does not matter for a sum). x86 has {@code psadbw} for exactly this,
 * but the Vector API does not expose it.
 *
 * <p>SSIM's block sums are one vector loop for both depths: an 8-bit block row is widened to 16
 * bits first (in vectors, see SsimRows), which costs a pass over its four rows.
 */
public final class VectorPlaneMetrics implements PlaneMetrics {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Short> SHORTS =
      VectorSpecies.of(short.class, BYTES.vectorShape());
  private static final VectorSpecies<Integer> INTS =
      VectorSpecies.of(int.class, BYTES.vectorShape());
  private static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, BYTES.vectorShape());
  private static final int INT_LANES = INTS.length();
  /** Lane i gets lane i + 1 (the last lane's value is never used). */
  private static final VectorShuffle<Integer> NEXT_LANE =
      VectorShuffle.fromOp(INTS, i -> Math.min(i + 1, INT_LANES - 1));
  /** Lane i gets lane 2i modulo the length: the even lanes, twice. */
  private static final VectorShuffle<Integer> EVEN_LANES_WRAPPED =
      VectorShuffle.fromOp(INTS, i -> (2 * i) % INT_LANES);
  /** As many shorts as an int vector has lanes: one 10-bit sample per int lane once widened. */
  private static final VectorSpecies<Short> HALF_SHORTS =
      VectorSpecies.of(short.class, VectorShape.forBitSize(INTS.vectorBitSize() / 2));
  /** As many bytes as a short vector has lanes: one 8-bit sample per short lane once widened. */
  private static final VectorSpecies<Byte> WIDE_BYTES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(SHORTS.vectorBitSize() / 2));
  private static final VectorMask<Integer> HIGH_HALF =
      VectorMask.fromLong(INTS, -1L << (INT_LANES / 2));

  /**
   * SAD adds at most 2 * 255 to a 16-bit lane per vector step; 128 steps stay below 65536, so the
   * short accumulator is flushed into ints every 128 steps.
   */
  private static final int SAD_STEPS_PER_FLUSH = 128;
  /**
   * SSE flushes its int accumulator into the long total with {@code reduceLanes}, whose sum is an
   * int: a flush may hold at most 2^31 / 255^2 = 33025 samples, 516 steps of 64 bytes or 1032 of
   * 32. (It flushed every 4096 steps, and rows of more than 33025 samples of large errors
   * wrapped around, where the plain twin sums in a long.)
   */
  private static final int SSE_STEPS_PER_FLUSH = (Integer.MAX_VALUE / (255 * 255)) / BYTES.length();

  /**
   * The 16-bit SSE adds at most 1023^2 to an int lane per step and flushes with {@code
   * reduceLanes}, an int sum of all lanes: 2^31 / 1023^2 / lanes steps at most.
   */
  private static final int SSE16_STEPS_PER_FLUSH = (Integer.MAX_VALUE / (1023 * 1023)) / INT_LANES;

  @Override
  public long sad(Plane a, Plane b) {
    a.requireSameSize(b, "SAD");
    byte[] pa = a.data();
    byte[] pb = b.data();
    int step = BYTES.length();
    int width = a.width();
    int vectorEnd = width - width % step;
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      int ra = a.rowStart(y);
      int rb = b.rowStart(y);
      IntVector rowSum = IntVector.zero(INTS);
      int x = 0;
      while (x < vectorEnd) {
        int chunkEnd = Math.min(vectorEnd, x + SAD_STEPS_PER_FLUSH * step);
        ShortVector acc = ShortVector.zero(SHORTS);
        for (; x < chunkEnd; x += step) {
          ByteVector va = ByteVector.fromArray(BYTES, pa, ra + x).lanewise(VectorOperators.XOR, SIGN);
          ByteVector vb = ByteVector.fromArray(BYTES, pb, rb + x).lanewise(VectorOperators.XOR, SIGN);
          ShortVector d = va.max(vb).sub(va.min(vb)).reinterpretAsShorts();
          acc = acc.add(d.and((short) 0xFF)).add(d.lanewise(VectorOperators.LSHR, 8));
        }
        // Unsigned 16-bit lanes to ints: the same even/odd split, one level up.
        IntVector wide = acc.reinterpretAsInts();
        rowSum = rowSum.add(wide.and(0xFFFF)).add(wide.lanewise(VectorOperators.LSHR, 16));
      }
      total += rowSum.reduceLanes(VectorOperators.ADD);
      total += PlainPlaneMetrics.sadRow(pa, ra, pb, rb, x, width); // tail
    }
    return total;
  }

  /** XOR with the sign bit maps unsigned byte order onto signed order. */
  private static final byte SIGN = (byte) 0x80;


  @Override
  public long sse(Plane a, Plane b) {
    a.requireSameSize(b, "SSE");
    byte[] pa = a.data();
    byte[] pb = b.data();
    int step = BYTES.length();
    int width = a.width();
    int vectorEnd = width - width % step;
    long total = 0;
    for (int y = 0; y < a.height(); y++) {
      int ra = a.rowStart(y);
      int rb = b.rowStart(y);
      int x = 0;
      while (x < vectorEnd) {
        int chunkEnd = Math.min(vectorEnd, x + SSE_STEPS_PER_FLUSH * step);
        IntVector acc = IntVector.zero(INTS);
        for (; x < chunkEnd; x += step) {
          ByteVector va = ByteVector.fromArray(BYTES, pa, ra + x).lanewise(VectorOperators.XOR, SIGN);
          ByteVector vb = ByteVector.fromArray(BYTES, pb, rb + x).lanewise(VectorOperators.XOR, SIGN);
          ShortVector d = va.max(vb).sub(va.min(vb)).reinterpretAsShorts();
          ShortVector even = d.and((short) 0xFF);
          ShortVector odd = d.lanewise(VectorOperators.LSHR, 8);
          // 255^2 = 65025 fits an unsigned 16-bit lane, so the low half of the product is exact.
          IntVector evenSquares = even.mul(even).reinterpretAsInts();
          IntVector oddSquares = odd.mul(odd).reinterpretAsInts();
          acc = acc.add(evenSquares.and(0xFFFF)).add(evenSquares.lanewise(VectorOperators.LSHR, 16))
              .add(oddSquares.and(0xFFFF)).add(oddSquares.lanewise(VectorOperators.LSHR, 16));
        }
        total += acc.reduceLanes(VectorOperators.ADD);
      }
      total += PlainPlaneMetrics.sseRow(pa, ra, pb, rb, x, width); // tail
    }
    return total;
  }

  /**
   * The block sums in vectors for both depths; the window scores in vectors at 8 bits, where their
   * products fit int lanes. Above 8 bits they need 64-bit integers (a few per window, against 80
   * operations per block for the sums) and stay scalar.
   */
  @Override
  public double ssim(Plane a, Plane b, SsimScratch scratch) {
    return SsimRows.ssim(a, b, scratch, EIGHT_BIT);
  }

  /** 8-bit planes: each block row widened to 16 bits first (SsimRows), then summed as a 16-bit plane's. */
  private static final SsimRows.Step<Plane> EIGHT_BIT = new SsimRows.Step<>() {
    @Override
    public void blockSums(Plane a, Plane b, int by, int blocksX, SsimScratch s) {
      widenBlockRow(a, by, blocksX, s.widenedA);
      widenBlockRow(b, by, blocksX, s.widenedB);
      VectorPlaneMetrics.blockSums(s.widenedA, 0, 4 * blocksX, s.widenedB, 0, 4 * blocksX, blocksX, s);
    }

    @Override
    public void windowScores(SsimScratch s, int windows) {
      int i = VectorPlaneMetrics.windowScores(s, windows);
      PlainPlaneMetrics.windowScores(s, i, windows); // tail
    }
  };

  /**
   * {@link SsimRows#widenBlockRow} in vectors, the last few columns by it: C2 does not vectorise
   * the scalar loop by itself, and there it cost more than the rest of SSIM.
   */
  private static void widenBlockRow(Plane p, int by, int blocksX, short[] rows) {
    int n = 4 * blocksX;
    int end = n - n % WIDE_BYTES.length();
    for (int r = 0; r < 4; r++) {
      int from = p.rowStart(4 * by + r);
      for (int x = 0; x < end; x += WIDE_BYTES.length()) {
        ((ShortVector) ByteVector.fromArray(WIDE_BYTES, p.data(), from + x)
            .convertShape(VectorOperators.ZERO_EXTEND_B2S, SHORTS, 0)).intoArray(rows, r * n + x);
      }
    }
    SsimRows.widenBlockRow(p, by, blocksX, end, rows); // tail
  }

  private static final SsimRows.Step<Plane16> SIXTEEN_BIT = (a, b, by, blocksX, s) ->
      blockSums(a.data(), a.rowStart(4 * by), a.stride(), b.data(), b.rowStart(4 * by), b.stride(), blocksX, s);

  @Override
  public double ssim(Plane16 a, Plane16 b, int depth, SsimScratch scratch) {
    return SsimRows.ssim(a, b, depth, scratch, SIXTEEN_BIT);
  }

  /**
   * Block sums of the four rows of 16-bit samples from {@code aRow} and {@code bRow}, INT_LANES
   * blocks (4 * INT_LANES columns) per step, the rest by the plain twin. Column sums over the four
   * rows come first (contiguous, one column per int lane) into scratch; then the columns are folded
   * four by four. Like every loop here, the bodies call no helper that takes or returns vectors:
   * C2 sometimes declines to inline such a helper (its node budget), and then every vector
   * crossing the call is boxed.
   */
  private static void blockSums(short[] pa, int aRow, int aStride, short[] pb, int bRow, int bStride, int blocksX,
      SsimScratch s) {
    int columnsEnd = 4 * (blocksX - blocksX % INT_LANES);
    for (int y = 0; y < 4; y++) {
      columnSums(pa, aRow + y * aStride, pb, bRow + y * bStride, columnsEnd, y == 0, s);
    }
    foldColumns(s.columnA, s.sumA, columnsEnd);
    foldColumns(s.columnB, s.sumB, columnsEnd);
    foldColumns(s.columnSquares, s.sumSquares, columnsEnd);
    foldColumns(s.columnProducts, s.sumProducts, columnsEnd);
    PlainPlaneMetrics.blockSums(pa, aRow, aStride, pb, bRow, bStride, columnsEnd / 4, blocksX, s); // tail
  }

  /**
   * Adds one row's a, b, a^2 + b^2 and ab to the column sums (or starts them, on a block's first
   * row): one sample per int lane, a column's four 10-bit squares fit an int.
   */
  private static void columnSums(short[] pa, int ra, short[] pb, int rb, int end, boolean first, SsimScratch s) {
    for (int x = 0; x < end; x += INT_LANES) {
      IntVector va = ((IntVector) ShortVector.fromArray(HALF_SHORTS, pa, ra + x)
          .convertShape(VectorOperators.S2I, INTS, 0)).and(0xFFFF);
      IntVector vb = ((IntVector) ShortVector.fromArray(HALF_SHORTS, pb, rb + x)
          .convertShape(VectorOperators.S2I, INTS, 0)).and(0xFFFF);
      IntVector squares = va.mul(va).add(vb.mul(vb));
      IntVector products = va.mul(vb);
      if (first) {
        va.intoArray(s.columnA, x);
        vb.intoArray(s.columnB, x);
        squares.intoArray(s.columnSquares, x);
        products.intoArray(s.columnProducts, x);
      } else {
        va.add(IntVector.fromArray(INTS, s.columnA, x)).intoArray(s.columnA, x);
        vb.add(IntVector.fromArray(INTS, s.columnB, x)).intoArray(s.columnB, x);
        squares.add(IntVector.fromArray(INTS, s.columnSquares, x)).intoArray(s.columnSquares, x);
        products.add(IntVector.fromArray(INTS, s.columnProducts, x)).intoArray(s.columnProducts, x);
      }
    }
  }

  /**
   * Block i gets columns 4i .. 4i+3. Adding the next lane, then the lane two further, leaves each
   * block's sum in lane 4k of its vector; two permutes and blends gather those lanes in order.
   */
  private static void foldColumns(int[] columns, int[] blocks, int end) {
    for (int x = 0; x < end; x += 4 * INT_LANES) {
      IntVector c0 = IntVector.fromArray(INTS, columns, x);
      IntVector c1 = IntVector.fromArray(INTS, columns, x + INT_LANES);
      IntVector c2 = IntVector.fromArray(INTS, columns, x + 2 * INT_LANES);
      IntVector c3 = IntVector.fromArray(INTS, columns, x + 3 * INT_LANES);
      // Pairs: even lanes of (c0, c1) and of (c2, c3) after adding the neighbour.
      IntVector p0 = c0.add(c0.rearrange(NEXT_LANE)).rearrange(EVEN_LANES_WRAPPED)
          .blend(c1.add(c1.rearrange(NEXT_LANE)).rearrange(EVEN_LANES_WRAPPED), HIGH_HALF);
      IntVector p1 = c2.add(c2.rearrange(NEXT_LANE)).rearrange(EVEN_LANES_WRAPPED)
          .blend(c3.add(c3.rearrange(NEXT_LANE)).rearrange(EVEN_LANES_WRAPPED), HIGH_HALF);
      // Quads: the same step once more, on the pair sums.
      p0.add(p0.rearrange(NEXT_LANE)).rearrange(EVEN_LANES_WRAPPED)
          .blend(p1.add(p1.rearrange(NEXT_LANE)).rearrange(EVEN_LANES_WRAPPED), HIGH_HALF)
          .intoArray(blocks, x / 4);
    }
  }

  /**
   * Window scores of 8-bit samples, INT_LANES at a time, in the same float operations as {@link
   * SsimScratch#windowScore} (whose 64-bit products are these int products at 8 bits).
   */
  private static int windowScores(SsimScratch s, int windows) {
    int[] a = s.sumA;
    int[] b = s.sumB;
    int[] sq = s.sumSquares;
    int[] pr = s.sumProducts;
    int[] pa = s.prevSumA;
    int[] pb = s.prevSumB;
    int[] psq = s.prevSumSquares;
    int[] ppr = s.prevSumProducts;
    int i = 0;
    for (; i + INT_LANES <= windows; i += INT_LANES) {
      IntVector s1 = IntVector.fromArray(INTS, a, i).add(IntVector.fromArray(INTS, a, i + 1))
          .add(IntVector.fromArray(INTS, pa, i)).add(IntVector.fromArray(INTS, pa, i + 1));
      IntVector s2 = IntVector.fromArray(INTS, b, i).add(IntVector.fromArray(INTS, b, i + 1))
          .add(IntVector.fromArray(INTS, pb, i)).add(IntVector.fromArray(INTS, pb, i + 1));
      IntVector ss = IntVector.fromArray(INTS, sq, i).add(IntVector.fromArray(INTS, sq, i + 1))
          .add(IntVector.fromArray(INTS, psq, i)).add(IntVector.fromArray(INTS, psq, i + 1));
      IntVector s12 = IntVector.fromArray(INTS, pr, i).add(IntVector.fromArray(INTS, pr, i + 1))
          .add(IntVector.fromArray(INTS, ppr, i)).add(IntVector.fromArray(INTS, ppr, i + 1));
      IntVector vars = ss.mul(64).sub(s1.mul(s1)).sub(s2.mul(s2));
      IntVector covar = s12.mul(64).sub(s1.mul(s2));
      FloatVector numerator1 = (FloatVector) s1.mul(s2).mul(2).add(SsimScratch.C1)
          .convertShape(VectorOperators.I2F, FLOATS, 0);
      FloatVector numerator2 = (FloatVector) covar.mul(2).add(SsimScratch.C2)
          .convertShape(VectorOperators.I2F, FLOATS, 0);
      FloatVector denominator1 = (FloatVector) s1.mul(s1).add(s2.mul(s2)).add(SsimScratch.C1)
          .convertShape(VectorOperators.I2F, FLOATS, 0);
      FloatVector denominator2 = (FloatVector) vars.add(SsimScratch.C2)
          .convertShape(VectorOperators.I2F, FLOATS, 0);
      numerator1.mul(numerator2).div(denominator1.mul(denominator2)).intoArray(s.windowScores, i);
    }
    return i;
  }

  @Override
  public long sad(Plane16 a, Plane16 b) {
    return PlainPlaneMetrics.sumOverRows(a, b, "SAD", false, VectorPlaneMetrics::differenceRow16);
  }

  private static long differenceRow16(short[] pa, int ra, short[] pb, int rb, int width, boolean squared) {
    return squared ? sseRow16(pa, ra, pb, rb, width) : sadRow16(pa, ra, pb, rb, width);
  }

  /**
   * SAD of a row of 10-bit samples in short lanes: a difference's magnitude is at most 1023, so 64
   * steps fit an unsigned 16-bit lane before the lanes are split into ints (as for 8-bit SAD).
   */
  private static long sadRow16(short[] pa, int ra, short[] pb, int rb, int width) {
    int step = SHORTS.length();
    int vectorEnd = width - width % step;
    long total = 0;
    int x = 0;
    while (x < vectorEnd) {
      ShortVector acc = ShortVector.zero(SHORTS);
      for (int end = Math.min(vectorEnd, x + 64 * step); x < end; x += step) {
        acc = acc.add(ShortVector.fromArray(SHORTS, pa, ra + x).sub(ShortVector.fromArray(SHORTS, pb, rb + x)).abs());
      }
      IntVector wide = acc.reinterpretAsInts();
      total += wide.and(0xFFFF).add(wide.lanewise(VectorOperators.LSHR, 16)).reduceLanes(VectorOperators.ADD);
    }
    return total + PlainPlaneMetrics.sadRow16(pa, ra, pb, rb, x, width); // tail
  }

  /** SSE of a row of 16-bit samples, widened to one int lane each (a 10-bit difference squared fits an int). */
  private static long sseRow16(short[] pa, int ra, short[] pb, int rb, int width) {
    int vectorEnd = width - width % INT_LANES;
    long total = 0;
    int x = 0;
    while (x < vectorEnd) {
      IntVector acc = IntVector.zero(INTS);
      for (int chunkEnd = Math.min(vectorEnd, x + SSE16_STEPS_PER_FLUSH * INT_LANES); x < chunkEnd; x += INT_LANES) {
        IntVector va = ((IntVector) ShortVector.fromArray(HALF_SHORTS, pa, ra + x)
            .convertShape(VectorOperators.S2I, INTS, 0)).and(0xFFFF);
        IntVector vb = ((IntVector) ShortVector.fromArray(HALF_SHORTS, pb, rb + x)
            .convertShape(VectorOperators.S2I, INTS, 0)).and(0xFFFF);
        IntVector d = va.sub(vb);
        acc = acc.add(d.mul(d));
      }
      total += acc.reduceLanes(VectorOperators.ADD);
    }
    return total + PlainPlaneMetrics.sseRow16(pa, ra, pb, rb, x, width); // tail
  }

  @Override
  public long sse(Plane16 a, Plane16 b) {
    return PlainPlaneMetrics.sumOverRows(a, b, "SSE", true, VectorPlaneMetrics::differenceRow16);
  }
}
