package org.framefork.encoder.kernels;

/** Run in a separate JVM by {@link KernelSelectionTest}: prints the chosen set and one result. */
public final class PlainKernelsProbe {
  private PlainKernelsProbe() {}

  public static void main(String[] args) {
    Plane a = Plane.allocate(3, 1);
    Plane b = Plane.allocate(3, 1);
    b.set(0, 0, 1);
    b.set(1, 0, 2);
    b.set(2, 0, 3);
    Kernels kernels = Kernels.get();
    System.out.println(kernels.name() + " | SAD " + kernels.metrics().sad(a, b) + " | " + Kernels.choice());
  }
}
