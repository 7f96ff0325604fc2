package org.framefork.encoder.kernels.colour;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HdrToSdr}'s per-pixel stage with the Vector API, one pixel per double lane: the same
 * double operations as {@link HdrToSdr#mapPixels} in the same order (IEEE add, multiply, divide
 * and square root are exactly rounded in lanes as in scalar code, and neither fuses a multiply
 * with an add), so the same bits. The tables are read with gathers: the lane's index goes through
 * a small int array, as the Vector API's gathers take their indices from an array.
 *
 * <p>Doubles, not floats, because the plain twin is the reference that FFmpeg's chain was
 * compared with; half the lanes of floats, but the gathers (seven tables per pixel, two entries
 * each) cost more than the arithmetic anyway.
 */
final class VectorToneMap {
  private static final VectorSpecies<Double> DOUBLES =
      VectorSpecies.of(double.class, ByteVector.SPECIES_PREFERRED.vectorShape());
  private static final int LANES = DOUBLES.length();
  /** One int lane per double lane: half the shape's bits. */
  private static final VectorSpecies<Integer> INDICES =
      VectorSpecies.of(int.class, VectorShape.forBitSize(Math.max(64, DOUBLES.vectorBitSize() / 2)));

  private VectorToneMap() {}

  /** Pixels {@code [0, n)} of {@code p}; the last {@code n % LANES} by the plain twin. */
  static void map(HdrToSdr m, HdrToSdr.Pixels p, int n) {
    int[] index = p.gatherIndices;
    int x = 0;
    for (; x + LANES <= n; x += LANES) {
      DoubleVector luma = DoubleVector.fromArray(DOUBLES, p.luma, x);
      DoubleVector cb = DoubleVector.fromArray(DOUBLES, p.cb, x);
      DoubleVector cr = DoubleVector.fromArray(DOUBLES, p.cr, x);
      DoubleVector r = lookUp(m.pqToLinear, clampUnit(luma.add(cr.mul(1.4746))), HdrToSdr.PQ_STEPS, index);
      DoubleVector g = lookUp(m.pqToLinear, clampUnit(luma.sub(cb.mul(0.16455)).sub(cr.mul(0.57135))),
          HdrToSdr.PQ_STEPS, index);
      DoubleVector b = lookUp(m.pqToLinear, clampUnit(luma.add(cb.mul(1.8814))), HdrToSdr.PQ_STEPS, index);
      double[] k = HdrToSdr.GAMUT;
      DoubleVector r7 = r.mul(k[0]).add(g.mul(k[1])).add(b.mul(k[2]));
      DoubleVector g7 = r.mul(k[3]).add(g.mul(k[4])).add(b.mul(k[5]));
      DoubleVector b7 = r.mul(k[6]).add(g.mul(k[7])).add(b.mul(k[8]));
      DoubleVector sig = r7.max(g7).max(b7).max(HdrToSdr.MIN_SIGNAL);
      DoubleVector scale = curve(m, sig, index).div(sig);
      DoubleVector rs = lookUp(m.linearTo709, clampUnit(r7.mul(scale)), HdrToSdr.OETF_STEPS, index);
      DoubleVector gs = lookUp(m.linearTo709, clampUnit(g7.mul(scale)), HdrToSdr.OETF_STEPS, index);
      DoubleVector bs = lookUp(m.linearTo709, clampUnit(b7.mul(scale)), HdrToSdr.OETF_STEPS, index);
      DoubleVector yOut = rs.mul(0.2126).add(gs.mul(0.7152)).add(bs.mul(0.0722));
      yOut.intoArray(p.lumaOut, x);
      bs.sub(yOut).mul(1 / 1.8556).intoArray(p.blueDifference, x);
      rs.sub(yOut).mul(1 / 1.5748).intoArray(p.redDifference, x);
    }
    m.mapPixels(p, x, n);
  }

  /** {@link HdrToSdr#map}: Hable's rational function, or BT.2390's table on the square root. */
  private static DoubleVector curve(HdrToSdr m, DoubleVector sig, int[] index) {
    if (m.curve == HdrToSdr.Curve.HABLE) {
      DoubleVector numerator = sig.mul(sig.mul(HdrToSdr.HABLE_A).add(HdrToSdr.HABLE_BC)).add(HdrToSdr.HABLE_DE);
      DoubleVector denominator = sig.mul(sig.mul(HdrToSdr.HABLE_A).add(HdrToSdr.HABLE_B)).add(HdrToSdr.HABLE_DF);
      return numerator.div(denominator).sub(HdrToSdr.HABLE_E_F).mul(m.inverseHablePeak);
    }
    return lookUp(m.eetf, sig.mul(m.inversePeak).min(1.0).sqrt(), HdrToSdr.PQ_STEPS, index);
  }

  /** {@code Math.max(0, Math.min(1, v))}, as the plain twin clamps a table's argument. */
  private static DoubleVector clampUnit(DoubleVector v) {
    return v.min(1.0).max(0.0);
  }

  /**
   * The table's value at {@code unit * steps}, interpolated between the two entries around it
   * ({@code unit} in 0..1): the plain twin's {@code interpolate}, two gathers.
   */
  private static DoubleVector lookUp(double[] table, DoubleVector unit, int steps, int[] index) {
    DoubleVector pos = unit.mul(steps);
    IntVector i = (IntVector) pos.convertShape(VectorOperators.D2I, INDICES, 0);
    DoubleVector f = pos.sub(i.convertShape(VectorOperators.I2D, DOUBLES, 0));
    i.intoArray(index, 0);
    DoubleVector t0 = DoubleVector.fromArray(DOUBLES, table, 0, index, 0);
    DoubleVector t1 = DoubleVector.fromArray(DOUBLES, table, 1, index, 0);
    return t0.add(f.mul(t1.sub(t0)));
  }
}
