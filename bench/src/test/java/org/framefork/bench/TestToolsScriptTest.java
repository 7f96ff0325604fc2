package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tools/test-tools}, which {@code ./framefork test} and {@code .ci/run} run before Maven: on a
 * machine where the tests' programs are missing and nothing may install them (no root, no sudo), it
 * says in one line which packages to install and exits 2, and the launcher stops there. Run as a real
 * unprivileged user (setpriv to nobody when the tests run as root) with a PATH from which ffmpeg,
 * ffprobe, Xvfb, xvfb-run, xauth and sudo are left out.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TestToolsScriptTest {
  /** What a machine without the tests' programs and without sudo lacks. */
  private static final Set<String> HIDDEN = Set.of("ffmpeg", "ffprobe", "Xvfb", "xvfb-run", "xauth", "sudo");

  private Path root;
  private Path sandbox;
  private Path bin;

  @BeforeEach
  void hideTheTools() throws IOException {
    root = BenchMain.checkoutRoot();
    // World-readable, so that the unprivileged user can run what is in it.
    sandbox = Files.createTempDirectory("test-tools-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    bin = Files.createDirectory(sandbox.resolve("bin"));
    for (String dir : List.of("/usr/bin", "/usr/sbin")) {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (!HIDDEN.contains(name) && Files.isExecutable(f) && !Files.exists(bin.resolve(name))) {
            Files.createSymbolicLink(bin.resolve(name), f);
          }
        }
      }
    }
    // A copy of the checkout's launcher and script that the unprivileged user can read.
    Path checkout = Files.createDirectory(sandbox.resolve("checkout"));
    Files.createDirectory(checkout.resolve("tools"));
    Files.copy(root.resolve("framefork"), checkout.resolve("framefork"));
    Files.copy(root.resolve("tools/test-tools"), checkout.resolve("tools/test-tools"));
  }

  @AfterEach
  void removeSandbox() throws IOException {
    try (Stream<Path> all = Files.walk(sandbox)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void withoutRootOrSudoMissingToolsGetOneLineAndExit2() throws Exception {
    Result r = unprivileged(List.of("bash", sandbox.resolve("checkout/tools/test-tools").toString()), bin);
    assertEquals(2, r.code, r.err);
    List<String> lines = r.err.strip().lines().toList();
    assertEquals(1, lines.size(), "one line: " + r.err);
    String line = lines.getFirst();
    assertTrue(line.contains("ffmpeg") && line.contains("xvfb") && line.contains("xauth"), line);
    assertTrue(line.contains("apt-get install"), "says what to run: " + line);
    assertEquals("", r.out);
  }

  @Test
  void theLauncherStopsBeforeMavenWhenTheToolsAreMissing() throws Exception {
    Result r = unprivileged(List.of(sandbox.resolve("checkout/framefork").toString(), "test"), bin);
    assertEquals(2, r.code, r.err);
    assertEquals(1, r.err.strip().lines().count(), "one line: " + r.err);
    assertTrue(r.err.contains("test-tools: missing ffmpeg"), r.err);
    assertFalse(r.out.contains("[INFO]") || r.err.contains("Maven"), "Maven did not start: " + r.out + r.err);
  }

  @Test
  void theCheckIsSilentWhenEverythingIsThere() throws Exception {
    // This user, its home (where the VMAF reference was unpacked) and the real PATH: `./framefork
    // test` has installed everything before these tests ran. --check installs nothing.
    Result r = run(List.of("bash", root.resolve("tools/test-tools").toString(), "--check"), false,
        System.getProperty("user.home"), Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin"));
    assertEquals(0, r.code, r.err);
    assertEquals("", r.err);
  }

  @Test
  void theVmafReferenceIsWhereTheScriptSaysAndRuns() throws Exception {
    Result where = run(List.of("bash", root.resolve("tools/test-tools").toString(), "--vmaf-reference"), false,
        System.getProperty("user.home"), Path.of("/usr/bin"), Path.of("/bin"));
    assertEquals(0, where.code, where.err);
    Path binary = Path.of(where.out.strip());
    assertTrue(Files.isExecutable(binary), "tools/test-tools fetched " + binary);
    Process p = new ProcessBuilder(binary.toString(), "-hide_banner", "-filters").redirectErrorStream(true).start();
    String filters = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(filters.contains("libvmaf"), "the reference FFmpeg has the libvmaf filter");
  }

  @Test
  void onANonDebianSystemItSaysToUseThePackageManager() throws Exception {
    Files.delete(bin.resolve("apt-get"));
    Result r = unprivileged(List.of("bash", sandbox.resolve("checkout/tools/test-tools").toString()), bin);
    assertEquals(2, r.code, r.err);
    assertEquals(1, r.err.strip().lines().count(), r.err);
    assertTrue(r.err.contains("not a Debian-like system"), r.err);
  }

  private record Result(int code, String out, String err) {}

  /** Runs {@code command} as an unprivileged user with only {@code path} on PATH and no display. */
  private Result unprivileged(List<String> command, Path... path) throws Exception {
    return run(command, true, sandbox.toString(), path);
  }

  private Result run(List<String> command, boolean dropRoot, String home, Path... path) throws Exception {
    List<String> argv = new ArrayList<>();
    if (dropRoot && "root".equals(System.getProperty("user.name"))) {
      argv.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
    }
    argv.addAll(command);
    Path out = sandbox.resolve("out.txt");
    Path err = sandbox.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(argv).directory(sandbox.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.remove("DISPLAY");
    env.put("HOME", home);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PATH", String.join(":", Stream.of(path).map(Path::toString).toList()));
    Process p = pb.start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "ended in time");
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
