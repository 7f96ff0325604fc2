package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The plain and Vector API twins agree in JVMs other than the test's own: {@link TwinCheck} runs in
 * forked JVMs with the vector size forced down and up ({@code -XX:MaxVectorSize}, {@code
 * -XX:UseAVX} on x86, which emulates older CPUs) and in every JIT state: C2 after a warm-up
 * (the in-process tests mostly finish before C2 has compiled the kernels), C2 from the first call
 * ({@code -Xcomp}, no profile), C1 alone, and the interpreter (plain kernels only: the Vector API
 * runs lane by lane there). Each fork must report zero mismatches, the vector size its flags ask
 * for (capped by the CPU), the same digests of the plain outputs as every other fork, and, for the
 * warmed-up forks, C2 code for every Vector API entry point before its last pass.
 *
 * <p>What each fork covered is printed and written to {@code target/twin-forks/summary.txt}; the
 * forks' own output is beside it.
 */
class KernelTwinForksTest {
  /** Forks at once: the box this was written on has 2 cores, and each fork compiles on a second thread. */
  private static final int PARALLEL = 2;
  private static final long FORK_TIMEOUT_SECONDS = 240;
  private static final boolean X86 = Stream.of("amd64", "x86_64").anyMatch(System.getProperty("os.arch")::equals);

  /** The vector size of this CPU, as this (unflagged) JVM sees it. */
  private static int cpuBits;
  private static Path folder;
  private static ExecutorService pool;
  private static final Map<Fork, Future<Result>> RESULTS = new LinkedHashMap<>();

  /**
   * One forked JVM. {@code expectedBits}: the preferred vector size it must report (0: the Vector
   * API kernels must be refused). {@code hot}: it must have C2 code for every entry point before
   * its last pass.
   */
  record Fork(String name, List<String> flags, List<String> args, int expectedBits, boolean hot) {}

  /** What a fork printed. */
  record Result(Fork fork, int exit, double seconds, String out, String err) {}

  static List<Fork> forks() {
    // Cheap passes (core widths, no big pictures) until C2 has compiled every entry point, then whole
    // passes until one runs on unchanged C2 code.
    List<String> hot = List.of("untilC2=150", "warm=core", "widths=all");
    // C2 code from the first call: the core widths take every tail path, for half the compile churn.
    List<String> once = List.of("rounds=1", "widths=core");
    // -Xcomp with C2 only, compiling the kernels, this class and the Vector API, nothing else.
    List<String> xcomp = List.of("-Xcomp", "-XX:-TieredCompilation",
        "-XX:CompileCommand=compileonly,org.framefork.encoder.kernels.*::*",
        "-XX:CompileCommand=compileonly,jdk.incubator.vector.*::*",
        "-XX:CompileCommand=compileonly,jdk.internal.vm.vector.*::*");
    List<Fork> forks = new ArrayList<>();
    for (int bytes : new int[] {64, 32, 16}) {
      forks.add(new Fork("c2 MaxVectorSize=" + bytes, List.of("-XX:MaxVectorSize=" + bytes), hot,
          Math.min(8 * bytes, cpuBits), true));
    }
    if (X86) {
      // AVX2 alone (a Zen 3 or Haswell), AVX (256-bit floats, 128-bit integers), SSE4.
      forks.add(new Fork("c2 UseAVX=2", List.of("-XX:UseAVX=2"), hot, Math.min(256, cpuBits), true));
      forks.add(new Fork("c2 UseAVX=1", List.of("-XX:UseAVX=1"), hot, 128, true));
      forks.add(new Fork("c2 UseAVX=0", List.of("-XX:UseAVX=0"), hot, 128, true));
      forks.add(new Fork("xcomp UseAVX=2", concat(xcomp, List.of("-XX:UseAVX=2")), once, Math.min(256, cpuBits), false));
      forks.add(new Fork("xcomp UseAVX=0", concat(xcomp, List.of("-XX:UseAVX=0")), once, 128, false));
    }
    forks.add(new Fork("xcomp MaxVectorSize=64", concat(xcomp, List.of("-XX:MaxVectorSize=64")), once,
        Math.min(512, cpuBits), false));
    forks.add(new Fork("c1", List.of("-XX:TieredStopAtLevel=1"), List.of("rounds=1", "widths=core"), cpuBits, false));
    forks.add(new Fork("interpreter, plain only", List.of("-Xint"),
        List.of("rounds=1", "widths=core", "big=false", "plainOnly=true"), cpuBits, false));
    // 64-bit vectors: the Vector API kernels are refused, the plain ones chosen.
    forks.add(new Fork("MaxVectorSize=8", List.of("-XX:MaxVectorSize=8"), List.of(), 0, false));
    return forks;
  }

  @BeforeAll
  static void startForks() throws IOException {
    cpuBits = RandomPictures.vectorKernels().vectorBits();
    folder = Path.of("target", "twin-forks");
    Files.createDirectories(folder);
    pool = Executors.newFixedThreadPool(PARALLEL);
    for (Fork f : forks()) {
      RESULTS.put(f, pool.submit(() -> run(f)));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    pool.shutdownNow();
    StringBuilder summary = new StringBuilder("fork | seconds | jvm | c2 | mismatches\n");
    for (var e : RESULTS.entrySet()) {
      try {
        Result r = e.getValue().get(0, TimeUnit.SECONDS);
        summary.append(e.getKey().name()).append(" | ").append(String.format(Locale.ROOT, "%.1f", r.seconds()))
            .append(" | ").append(line(r.out(), "jvm ")).append(" | ").append(line(r.out(), "c2 "))
            .append(" | ").append(r.out().lines().filter(l -> l.startsWith("kernel "))
                .mapToLong(l -> Long.parseLong(field(l, "mismatches"))).sum())
            .append('\n');
      } catch (Exception ex) {
        summary.append(e.getKey().name()).append(" | did not finish: ").append(ex).append('\n');
      }
    }
    System.out.print(summary);
    Files.writeString(folder.resolve("summary.txt"), summary);
  }

  @TestFactory
  Stream<DynamicTest> everyForkAgreesAndCoversTheVectorSizeItAsksFor() {
    // Kernel name to the first fork's core digest and that fork's name.
    Map<String, String[]> digests = new LinkedHashMap<>();
    return RESULTS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().name(), () -> {
      Fork f = e.getKey();
      Result r = e.getValue().get(FORK_TIMEOUT_SECONDS + 30, TimeUnit.SECONDS);
      String what = f.name() + " (" + String.join(" ", f.flags()) + "):\n" + r.out() + "\n" + tail(r.err());
      assertEquals(0, r.exit(), what);
      assertTrue(r.out().contains("\ndone "), what);
      String jvm = line(r.out(), "jvm ");
      int preferred = Integer.parseInt(field(jvm, "preferredBits"));
      if (f.expectedBits() == 0) {
        assertTrue(preferred < KernelSelection.MIN_VECTOR_BITS, what);
        assertEquals("0", field(jvm, "vectorBits"), what);
        assertTrue(line(r.out(), "choice ").contains("preferred vectors are " + preferred + " bits"), what);
        return;
      }
      assertEquals(f.expectedBits(), preferred, "preferred vector size; " + what);
      if (!f.args().contains("plainOnly=true")) {
        assertEquals(f.expectedBits(), Integer.parseInt(field(jvm, "vectorBits")), "kernels' vector size; " + what);
      }
      List<String> kernels = r.out().lines().filter(l -> l.startsWith("kernel ")).toList();
      assertEquals(27, kernels.size(), what);
      for (String k : kernels) {
        String name = k.split(" ")[1];
        assertEquals("0", field(k, "mismatches"), what);
        assertEquals("true", field(k, "stable"), what);
        assertTrue(Long.parseLong(field(k, "cases")) > 0, what);
        // Plain outputs of the core cases: the same in every JVM, interpreted, C1 or C2, any vector size.
        String core = field(k, "core");
        String[] first = digests.computeIfAbsent(name, n -> new String[] {core, f.name()});
        assertEquals(first[0], core, name + ": plain outputs differ from those of fork " + first[1] + "; " + what);
      }
      if (f.hot()) {
        // One whole pass ran on C2 code for every entry point, the same code from start to end.
        String c2 = line(r.out(), "c2 ");
        int all = TwinCheck.VECTOR_ENTRY_POINTS.size();
        assertEquals(all + "/" + all, field(c2, "entryPoints"), "C2 code for every entry point; " + what);
        assertTrue(Integer.parseInt(field(c2, "steadyPass")) > 0, "a pass on unchanged C2 code; " + what);
      }
    }));
  }

  private static Result run(Fork f) throws IOException, InterruptedException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "--add-modules", "jdk.incubator.vector",
        "-XX:CompileCommand=quiet"));
    command.addAll(f.flags());
    // The entry points get C2 code of their own (not only inlined into TwinCheck), so that it can be seen.
    for (String m : TwinCheck.VECTOR_ENTRY_POINTS) {
      int dot = m.lastIndexOf('.');
      command.add("-XX:CompileCommand=dontinline," + Kernels.class.getPackageName() + "." + m.substring(0, dot)
          + "::" + m.substring(dot + 1));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), TwinCheck.class.getName()));
    command.addAll(f.args());
    String file = f.name().replaceAll("[^A-Za-z0-9=]+", "-");
    Path out = folder.resolve(file + ".out");
    Path err = folder.resolve(file + ".err");
    long t0 = System.nanoTime();
    // To files, not pipes: a chatty child can never block on a full pipe, and the output stays for a look.
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(FORK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(f, -1, (System.nanoTime() - t0) / 1e9,
            "timed out after " + FORK_TIMEOUT_SECONDS + " s\n" + Files.readString(out), Files.readString(err));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      throw e;
    }
    return new Result(f, p.exitValue(), (System.nanoTime() - t0) / 1e9,
        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  /** The first line that starts with {@code prefix}, or "". */
  static String line(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
  }

  /** The value of {@code name=value} in {@code line}, or "" when absent. */
  static String field(String line, String name) {
    Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(name) + "=(\\S*)").matcher(line);
    return m.find() ? m.group(1) : "";
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
