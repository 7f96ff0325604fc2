package org.framefork.encoder.kernels.vmaf;

/**
 * libvmaf's base-2 logarithm table of VIF's fixed point: {@code round(log2(i) * 2048)} for the
 * 16-bit mantissas, i in 32767..65535, from a float as libvmaf computes it. Every other entry is
 * 0, so that index 0 adds nothing: the Vector API twin writes 0 for the pixels a sum skips.
 */
final class VifLog2 {
  static final int[] TABLE = table();

  private VifLog2() {}

  private static int[] table() {
    int[] t = new int[65537];
    for (int i = 32767; i < 65536; i++) {
      t[i] = (int) Math.round((double) ((float) (Math.log(i) / Math.log(2)) * 2048f));
    }
    return t;
  }
}
