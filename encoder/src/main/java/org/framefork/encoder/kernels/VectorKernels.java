package org.framefork.encoder.kernels;

import jdk.incubator.vector.ByteVector;
import org.framefork.encoder.kernels.colour.VectorColourConverter;
import org.framefork.encoder.kernels.filter.VectorPlaneFilter;
import org.framefork.encoder.kernels.metric.VectorPlaneMetrics;
import org.framefork.encoder.kernels.scale.VectorPlaneScaler;

/**
 * The only door to the Vector API kernels. {@link Kernels} reaches it by reflection, after
 * checking that {@code jdk.incubator.vector} is loaded, so that no class naming the module is
 * loaded when it is absent.
 */
final class VectorKernels {
  private VectorKernels() {}

  /** Width of the preferred vector shape on this CPU: 256 with AVX2, 512 with AVX-512. */
  public static int preferredVectorBits() {
    return ByteVector.SPECIES_PREFERRED.vectorBitSize();
  }

  static Kernels create() {
    int bits = preferredVectorBits();
    if (bits < KernelSelection.MIN_VECTOR_BITS) {
      throw new UnsupportedOperationException(
          "preferred vectors are " + bits + " bits, under " + KernelSelection.MIN_VECTOR_BITS);
    }
    return new Kernels(
        "Vector API, " + bits + "-bit",
        bits,
        new VectorColourConverter(),
        new VectorPlaneScaler(),
        new VectorPlaneFilter(),
        new VectorPlaneMetrics());
  }
}
