package org.framefork.encoder.kernels.vmaf;

/** The Daubechies-2 analysis filters of ADM's wavelet transform. */
public final class DwtFilter {
  /** Low pass. */
  public static final float[] LO = {0.482962913144690f, 0.836516303737469f, 0.224143868041857f, -0.129409522550921f};
  /** High pass. */
  public static final float[] HI = {-0.129409522550921f, -0.224143868041857f, 0.836516303737469f, -0.482962913144690f};

  private DwtFilter() {}
}
