package org.framefork.encoder.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.Optional;
import org.framefork.encoder.kernels.colour.ColourConverter;
import org.framefork.encoder.kernels.colour.PlainColourConverter;
import org.framefork.encoder.kernels.filter.PlaneFilter;
import org.framefork.encoder.kernels.filter.PlainPlaneFilter;
import org.framefork.encoder.kernels.metric.PlainPlaneMetrics;
import org.framefork.encoder.kernels.metric.PlaneMetrics;
import org.framefork.encoder.kernels.scale.PlainPlaneScaler;
import org.framefork.encoder.kernels.scale.PlaneScaler;

/**
 * One set of frame kernels, all plain Java or all Vector API, and the provider that picks the set
 * for this JVM once, at first use ({@link #get()}). {@code vectorBits} is the vector size the set
 * works with, 0 for plain Java.
 *
 * <p>The Vector API classes live next to their plain twins but are reached only through {@link
 * VectorKernels}, which this class loads reflectively and only after checking that the {@code
 * jdk.incubator.vector} module is in the boot layer: without {@code --add-modules
 * jdk.incubator.vector} no class that names the module is ever loaded, and the plain set works.
 */
public record Kernels(
    String name,
    int vectorBits,
    ColourConverter colour,
    PlaneScaler scaler,
    PlaneFilter filter,
    PlaneMetrics metrics) {

  /** {@code -Dframefork.simd=false} forces the plain kernels. */
  public static final String SIMD_PROPERTY = "framefork.simd";
  /** {@code -Dframefork.simd.log=true} prints the provider's choice to stderr once. */
  public static final String LOG_PROPERTY = "framefork.simd.log";

  public Kernels {
    Objects.requireNonNull(name, "name");
    if (vectorBits < 0) {
      throw new IllegalArgumentException("vectorBits must be 0 (plain) or a vector size, not " + vectorBits);
    }
    Objects.requireNonNull(colour, "colour");
    Objects.requireNonNull(scaler, "scaler");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** The kernels this JVM should use, chosen once; see {@link #choice()} for why. */
  public static Kernels get() {
    return Chosen.KERNELS;
  }

  /** Which set {@link #get()} returns and why, in one line. */
  public static String choice() {
    return Chosen.REASON;
  }

  /** The plain-Java reference kernels, always available. */
  public static Kernels plain() {
    return new Kernels(
        "plain Java",
        0,
        new PlainColourConverter(),
        new PlainPlaneScaler(),
        new PlainPlaneFilter(),
        new PlainPlaneMetrics());
  }

  /**
   * The Vector API kernels if this JVM can run them (the module is present and vectors are at least
   * 128 bits), whatever the C2 and property checks say: tests and benchmarks compare both sets.
   */
  public static Optional<Kernels> vector() {
    if (!KernelSelection.vectorModulePresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(loadVectorKernels());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static Kernels loadVectorKernels() {
    try {
      Class<?> factory = Class.forName(Kernels.class.getPackageName() + ".VectorKernels");
      var create = MethodHandles.lookup()
          .findStatic(factory, "create", MethodType.methodType(Kernels.class));
      return (Kernels) create.invokeExact();
    } catch (UnsupportedOperationException e) {
      throw e;
    } catch (Throwable e) {
      throw new UnsupportedOperationException("Vector API kernels could not be loaded: " + e, e);
    }
  }

  /** Holder idiom: the choice is made on first use, by the class initialiser, exactly once. */
  private static final class Chosen {
    static final Kernels KERNELS;
    static final String REASON;

    static {
      KernelSelection.Decision decision = KernelSelection.forThisJvm();
      Kernels kernels = plain();
      String reason = decision.reason();
      if (decision.useVector()) {
        try {
          kernels = loadVectorKernels();
        } catch (UnsupportedOperationException e) {
          reason = "plain Java kernels: " + e.getMessage();
        }
      }
      KERNELS = kernels;
      REASON = reason;
      System.getLogger(Kernels.class.getName()).log(System.Logger.Level.DEBUG, REASON);
      if (Boolean.getBoolean(LOG_PROPERTY)) {
        System.err.println("framefork: " + REASON);
      }
    }
  }
}
