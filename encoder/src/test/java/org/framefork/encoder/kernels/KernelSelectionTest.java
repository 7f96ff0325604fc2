package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.framefork.encoder.kernels.KernelSelection.Decision;
import org.framefork.encoder.kernels.KernelSelection.Facts;
import org.framefork.encoder.kernels.KernelSelection.WorkFacts;
import org.framefork.encoder.kernels.Kernels.Family;
import org.framefork.encoder.kernels.Kernels.Work;
import org.framefork.encoder.testing.ChildProcess;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

  @Test
  void vectorKernelsNeedTheModuleC2AndAtLeast128BitVectors() {
    assertTrue(KernelSelection.decide(new Facts(false, true, true, "", 256)).useVector());
    assertTrue(KernelSelection.decide(new Facts(false, true, true, "", 128)).useVector());
    Decision narrow = KernelSelection.decide(new Facts(false, true, true, "", 64));
    assertFalse(narrow.useVector());
    assertTrue(narrow.reason().contains("64 bits"), narrow.reason());
    Decision noC2 = KernelSelection.decide(new Facts(false, true, false, "-XX:TieredStopAtLevel=1", 256));
    assertFalse(noC2.useVector());
    assertTrue(noC2.reason().contains("TieredStopAtLevel=1"), noC2.reason());
    Decision noModule = KernelSelection.decide(new Facts(false, false, true, "", 0));
    assertFalse(noModule.useVector());
    assertTrue(noModule.reason().contains("--add-modules jdk.incubator.vector"), noModule.reason());
    Decision forced = KernelSelection.decide(new Facts(true, true, true, "", 512));
    assertFalse(forced.useVector());
    assertTrue(forced.reason().contains("framefork.simd=false"), forced.reason());
  }

  private static final Decision CAN = KernelSelection.decide(new Facts(false, true, true, "", 256));
  private static final Decision CANNOT = KernelSelection.decide(new Facts(false, true, false, "-Xint", 256));
  private static final Decision FORCED_PLAIN = KernelSelection.decide(new Facts(true, true, true, "", 256));

  private static Decision rule(Decision jvm, Boolean property, long samples, long breakEven, boolean warm) {
    return KernelSelection.decide(new WorkFacts(jvm, property, Family.METRICS, samples, breakEven, warm));
  }

  @Test
  void theWorkRulePicksVectorKernelsFromTheBreakEvenOn() {
    assertFalse(rule(CAN, null, 0, 1_000, false).useVector());
    assertFalse(rule(CAN, null, 999, 1_000, false).useVector());
    assertTrue(rule(CAN, null, 1_000, 1_000, false).useVector());
    assertTrue(rule(CAN, null, Long.MAX_VALUE, 1_000, false).useVector());
    Decision small = rule(CAN, null, 12_000_000, 600_000_000, false);
    assertEquals("plain Java metric kernels: 12 Mpx of metric work, under the 600 Mpx that would repay the"
        + " Vector API's warm-up", small.reason());
    Decision big = rule(CAN, null, 1_250_000_000, 600_000_000, false);
    assertEquals("Vector API metric kernels: 1.3 Gpx of metric work, at least the 600 Mpx that repay their"
        + " warm-up", big.reason());
    Decision unknown = rule(CAN, null, Long.MAX_VALUE, 600_000_000, false);
    assertTrue(unknown.reason().contains("an unknown amount of metric work"), unknown.reason());
  }

  @Test
  void theOverridesAndTheJvmComeBeforeTheWork() {
    // -Dframefork.simd=true: vector kernels for the smallest job, where the JVM can run them.
    Decision forced = rule(CAN, Boolean.TRUE, 1, 1_000, false);
    assertTrue(forced.useVector());
    assertTrue(forced.reason().contains("framefork.simd=true"), forced.reason());
    assertFalse(rule(CANNOT, Boolean.TRUE, 1, 1_000, false).useVector());
    // -Dframefork.simd=false is the JVM's decision: plain whatever the work, and it says why.
    Decision plain = rule(FORCED_PLAIN, Boolean.FALSE, Long.MAX_VALUE, 1_000, true);
    assertFalse(plain.useVector());
    assertTrue(plain.reason().contains("framefork.simd=false"), plain.reason());
    Decision noC2 = rule(CANNOT, null, Long.MAX_VALUE, 1_000, true);
    assertFalse(noC2.useVector());
    assertEquals(CANNOT.reason(), noC2.reason());
    // Warm: a family whose vector kernels an earlier job of this JVM ran keeps them for small jobs.
    Decision warm = rule(CAN, null, 1, 1_000, true);
    assertTrue(warm.useVector());
    assertTrue(warm.reason().contains("already warmed up"), warm.reason());
  }

  @Test
  void thePropertyIsTrueFalseOrUnset() {
    assertEquals(Boolean.TRUE, KernelSelection.simdProperty("true"));
    assertEquals(Boolean.TRUE, KernelSelection.simdProperty(" TRUE "));
    assertEquals(Boolean.FALSE, KernelSelection.simdProperty("false"));
    assertNull(KernelSelection.simdProperty(null));
    assertNull(KernelSelection.simdProperty("auto"));
  }

  @Test
  void choiceIsOneLineThatNamesTheRuleOrTheOverride() {
    String rule = KernelSelection.describe(CAN, null);
    assertTrue(rule.startsWith("Vector API kernels: 256-bit vectors"), rule);
    for (Family f : Family.values()) {
      assertTrue(rule.contains(f.label() + " " + KernelSelection.megapixels(f.breakEven())), rule);
    }
    assertTrue(rule.contains("framefork.simd=true|false overrides"), rule);
    assertTrue(KernelSelection.describe(CAN, Boolean.TRUE).endsWith("for every job (-Dframefork.simd=true)"));
    assertEquals(FORCED_PLAIN.reason(), KernelSelection.describe(FORCED_PLAIN, Boolean.FALSE));
    assertFalse(Kernels.choice().contains("\n"), Kernels.choice());
  }

  @Test
  void workCountsFramesTimesPixelsPerFamilyAndSaturates() {
    Work w = Work.frames(300, 1920, 1080, Family.SCALE, Family.METRICS);
    assertEquals(new Work(0, 300L * 1920 * 1080, 0, 300L * 1920 * 1080), w);
    assertEquals(2L * 300 * 1920 * 1080, w.plus(w).of(Family.SCALE));
    assertEquals(Long.MAX_VALUE, Work.frames(Long.MAX_VALUE / 2, 1920, 1080, Family.FILTER).filter());
    assertEquals(Long.MAX_VALUE, Work.UNKNOWN.plus(w).metrics());
    assertEquals(Work.NONE, Work.frames(0, 1920, 1080, Family.values()));
    assertThrows(IllegalArgumentException.class, () -> new Work(-1, 0, 0, 0));
  }

  @Test
  void operationsCountTowardsTheirFamilyByTheirWeight() {
    long frame = 1920L * 1080;
    assertEquals(new Work(0, 0, 12 * frame, 0), Work.frames(1, 1920, 1080, Kernels.Operation.BLUR));
    assertEquals(new Work(0, 0, frame, 0), Work.frames(1, 1920, 1080, Kernels.Operation.DENOISE));
    assertEquals(new Work(0, 2 * frame, 0, 0), Work.frames(1, 1920, 1080, Kernels.Operation.BILINEAR));
    assertEquals(new Work(0, 0, 0, frame), Work.frames(1, 1920, 1080, Kernels.Operation.PSNR_SSIM));
    // The weights make one threshold per family: 45 blurred 1080p frames pay, 500 denoised do not.
    long filter = Family.FILTER.breakEven();
    assertTrue(Work.frames(45, 1920, 1080, Kernels.Operation.BLUR).filter() >= filter);
    assertTrue(Work.frames(500, 1920, 1080, Kernels.Operation.DENOISE).filter() < filter);
    // A 10 s 720p30 compare stays plain; a minute of it does not.
    long metric = Family.METRICS.breakEven();
    assertTrue(Work.frames(300, 1280, 720, Kernels.Operation.PSNR_SSIM).metrics() < metric);
    assertTrue(Work.frames(1800, 1280, 720, Kernels.Operation.PSNR_SSIM).metrics() >= metric);
  }

  @Test
  void forWorkMixesFamiliesAndSaysWhy() throws Exception {
    // A fresh JVM that can run the Vector API kernels (module, C2, no -Dframefork.simd), where no
    // family is warm yet whatever this JVM's earlier tests ran: the rule then goes by the work.
    Map<String, String> out = new HashMap<>();
    String text = runMain(ForWorkProbe.class, List.of("--add-modules", "jdk.incubator.vector"));
    text.lines().map(l -> l.split("=", 2)).forEach(kv -> out.put(kv[0], kv[1]));
    assertEquals("0", out.get("none.bits"), text);
    assertEquals("plain Java kernels: no work", out.get("none.choice"), text);
    assertFalse(out.get("small.choice").contains("already warmed up"), text);
    assertEquals("plain Java", out.get("small.name"), text);
    assertTrue(out.get("mixed.name").endsWith("for metric, plain Java for the rest"), text);
    assertTrue(out.get("mixed.metrics").startsWith("Vector"), text);
    assertTrue(out.get("mixed.filter").startsWith("Plain"), text);
    assertTrue(Integer.parseInt(out.get("mixed.bits")) >= KernelSelection.MIN_VECTOR_BITS, text);
    assertEquals(out.get("get.bits"), out.get("mixed.bits"), text);
    assertTrue(out.get("warm.choice").contains("already warmed up"), text);
    assertEquals("true", out.get("unknown.isGet"), text);
  }

  @Test
  void thisTestJvmGetsTheVectorKernels() {
    // Surefire runs with --add-modules jdk.incubator.vector and C2, on a CPU with AVX2 or better.
    assertTrue(Kernels.vector().isPresent(), Kernels.choice());
    assertTrue(Kernels.get().name().startsWith("Vector API"), Kernels.choice());
  }

  /** A JVM without the module must load no Vector API class and still compute with plain Java. */
  @Test
  void withoutTheVectorModuleThePlainKernelsWork() throws Exception {
    String out = runProbe(List.of());
    assertTrue(out.startsWith("plain Java | SAD 6 | "), out);
    assertTrue(out.contains("jdk.incubator.vector module is not loaded"), out);
  }

  @Test
  void thePropertyAndAJvmWithoutC2GetThePlainKernels() throws Exception {
    String forced = runProbe(List.of("--add-modules", "jdk.incubator.vector", "-Dframefork.simd=false"));
    assertTrue(forced.startsWith("plain Java | SAD 6 | "), forced);
    assertTrue(forced.contains("framefork.simd=false"), forced);
    String c1Only = runProbe(List.of("--add-modules", "jdk.incubator.vector"));
    assertTrue(c1Only.startsWith("plain Java | SAD 6 | "), c1Only);
    assertTrue(c1Only.contains("C2 compiler is off (-XX:TieredStopAtLevel=1)"), c1Only);
  }

  private static String runProbe(List<String> jvmOptions) throws Exception {
    // C1 only: starts faster; also what the C2 check must notice.
    List<String> options = new java.util.ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
    options.addAll(jvmOptions);
    return runMain(PlainKernelsProbe.class, options);
  }

  private static String runMain(Class<?> main, List<String> jvmOptions) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    var command = new java.util.ArrayList<String>();
    command.add(java);
    command.add("-Xshare:auto");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    ChildProcess child = ChildProcess.run(command, Duration.ofSeconds(30));
    assertEquals(0, child.exitCode(), child.stderr());
    return child.stdoutText().trim();
  }
}
