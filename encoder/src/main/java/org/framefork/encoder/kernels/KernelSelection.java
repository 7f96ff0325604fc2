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

  /**
   * The work-size rule, for one kernel family: the Vector API kernels only when the JVM can run
   * them and the job gives the family enough work to repay their warm-up (a few seconds of C2
   * compilation per JVM, while the kernels run interpreted and boxed, far slower than plain Java).
   *
   * @param jvm what {@link #decide(Facts)} said for this JVM
   * @param simdProperty {@code -Dframefork.simd}: TRUE for the vector kernels whatever the work,
   *     FALSE for plain Java (already in {@code jvm}), null when unset (the rule decides)
   * @param samples the family's work: frames times luma pixels
   * @param breakEven the work from which the vector kernels pay, in the same unit
   * @param warm the vector kernels of this family already ran in this JVM (their warm-up is paid)
   */
  record WorkFacts(Decision jvm, Boolean simdProperty, Kernels.Family family, long samples, long breakEven,
      boolean warm) {}

  static Decision decide(WorkFacts f) {
    String family = f.family().label();
    if (!f.jvm().useVector()) {
      return f.jvm();
    }
    if (Boolean.TRUE.equals(f.simdProperty())) {
      return new Decision(true, "Vector API " + family + " kernels: -D" + Kernels.SIMD_PROPERTY + "=true");
    }
    if (f.warm()) {
      return new Decision(true, "Vector API " + family + " kernels: already warmed up in this JVM");
    }
    String work = megapixels(f.samples()) + " of " + family + " work";
    if (f.samples() >= f.breakEven()) {
      return new Decision(true, "Vector API " + family + " kernels: " + work + ", at least the "
          + megapixels(f.breakEven()) + " that repay their warm-up");
    }
    return new Decision(false, "plain Java " + family + " kernels: " + work + ", under the "
        + megapixels(f.breakEven()) + " that would repay the Vector API's warm-up");
  }

  /**
   * The one line {@link Kernels#choice()} gives: what the JVM can run and, when it can run the
   * Vector API kernels, the rule that picks them per job (or the override).
   */
  static String describe(Decision jvm, Boolean simdProperty) {
    if (!jvm.useVector()) {
      return jvm.reason();
    }
    if (Boolean.TRUE.equals(simdProperty)) {
      return jvm.reason() + ", for every job (-D" + Kernels.SIMD_PROPERTY + "=true)";
    }
    StringBuilder b = new StringBuilder(jvm.reason()).append(", for jobs that repay their warm-up (break-even");
    for (Kernels.Family f : Kernels.Family.values()) {
      b.append(f.ordinal() == 0 ? " " : ", ").append(f.label()).append(' ').append(megapixels(f.breakEven()));
    }
    return b.append("; plain Java below; -D").append(Kernels.SIMD_PROPERTY).append("=true|false overrides)").toString();
  }

  /** {@code -Dframefork.simd}: TRUE, FALSE, or null when unset or neither (the rule decides). */
  static Boolean simdProperty(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Samples as megapixels, for the one-line reasons: "about 1.2 Gpx", "310 Mpx", "0.4 Mpx". */
  static String megapixels(long samples) {
    if (samples == Long.MAX_VALUE) {
      return "an unknown amount";
    }
    double mpx = samples / 1e6;
    if (mpx >= 10_000) {
      return String.format(java.util.Locale.ROOT, "%.0f Gpx", mpx / 1000);
    }
    if (mpx >= 1000) {
      return String.format(java.util.Locale.ROOT, "%.1f Gpx", mpx / 1000);
    }
    return String.format(java.util.Locale.ROOT, mpx >= 10 ? "%.0f Mpx" : "%.1f Mpx", mpx);
  }

  static Decision forThisJvm() {
    boolean forcedPlain = Boolean.FALSE.equals(simdProperty(System.getProperty(Kernels.SIMD_PROPERTY)));
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
