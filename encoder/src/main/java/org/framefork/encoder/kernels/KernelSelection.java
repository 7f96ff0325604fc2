package org.framefork.encoder.kernels;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Decides between the plain and the Vector API kernels, the way Lucene's VectorizationProvider
 * does: the Vector API only pays when C2 compiles it (the interpreter and C1 run every vector
 * operation as a loop over boxed lanes, many times slower than scalar code), and only with
 * vectors of at least 128 bits. The decision is a pure function of what was probed, so tests can
 * check every branch without starting JVMs with other flags.
 */
final class KernelSelection {
  static final String VECTOR_MODULE = "jdk.incubator.vector";
  /** Narrower vectors (or none) make the Vector API slower than scalar code. */
  static final int MIN_VECTOR_BITS = 128;

  private KernelSelection() {}

  /** What was decided, with the one line that explains it. */
  record Decision(boolean useVector, String reason) {}

  /** What the decision depends on. {@code preferredVectorBits} is 0 when unknown. */
  record Facts(boolean forcedPlain, boolean modulepresent, boolean c2Available,
      String compilerNote, int preferredVectorBits) {}

  static Decision decide(Facts facts) {
    if (facts.forcedPlain()) {
      return new Decision(false, "plain Java kernels: -D" + Kernels.SIMD_PROPERTY + "=false");
    }
    if (!facts.modulepresent()) {
      return new Decision(false, "plain Java kernels: the " + VECTOR_MODULE
          + " module is not loaded (run java with --add-modules " + VECTOR_MODULE + ")");
    }
    if (!facts.c2Available()) {
      return new Decision(false, "plain Java kernels: the C2 compiler is off (" + facts.compilerNote()
          + "), and without it the Vector API is slower than scalar code");
    }
    if (facts.preferredVectorBits() < MIN_VECTOR_BITS) {
      return new Decision(false, "plain Java kernels: preferred vectors are "
          + facts.preferredVectorBits() + " bits, under " + MIN_VECTOR_BITS);
    }
    return new Decision(true, "Vector API kernels: " + facts.preferredVectorBits()
        + "-bit vectors (" + System.getProperty("os.arch") + ")");
  }

  static Decision forThisJvm() {
    boolean forcedPlain = "false".equalsIgnoreCase(System.getProperty(Kernels.SIMD_PROPERTY, "true"));
    boolean module = vectorModulePresent();
    Optional<String> noC2 = whyNoC2();
    int bits = module && !forcedPlain ? preferredVectorBits() : 0;
    return decide(new Facts(forcedPlain, module, noC2.isEmpty(), noC2.orElse(""), bits));
  }

  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /** Why C2 is not available, or empty when it is (or when nothing says otherwise). */
  static Optional<String> whyNoC2() {
    String info = System.getProperty("java.vm.info", "");
    if (info.contains("interpreted mode")) {
      return Optional.of("-Xint");
    }
    try {
      // The flags themselves, when HotSpot exposes them: the reason then names the option to drop.
      var hotspot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      if (hotspot != null) {
        if ("false".equals(hotspot.getVMOption("UseCompiler").getValue())) {
          return Optional.of("-XX:-UseCompiler");
        }
        boolean tiered = "true".equals(hotspot.getVMOption("TieredCompilation").getValue());
        int stop = Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue());
        if (tiered && stop < 4) {
          return Optional.of("-XX:TieredStopAtLevel=" + stop);
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // Not HotSpot, or no jdk.management: fall back on what java.vm.info says.
    }
    if (info.contains("emulated-client")) {
      return Optional.of("client emulation");
    }
    return Optional.empty();
  }

  /** Reflective, so that this class does not name the incubator module. */
  private static int preferredVectorBits() {
    try {
      Class<?> factory = Class.forName(KernelSelection.class.getPackageName() + ".VectorKernels");
      return (int) factory.getMethod("preferredVectorBits").invoke(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      return 0;
    }
  }
}
