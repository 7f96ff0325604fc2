package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.kernels.KernelSelection.Decision;
import org.framefork.encoder.kernels.KernelSelection.Facts;
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
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    var command = new java.util.ArrayList<String>();
    command.add(java);
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1"); // starts faster; also what the C2 check must notice
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PlainKernelsProbe.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), err);
    return out;
  }
}
