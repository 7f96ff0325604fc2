package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the {@code ./framefork} launcher builds, on a copy of it in a checkout of its own whose Maven
 * is a script: that Maven writes the engine's jar in two halves a few seconds apart, as Maven's jar
 * plugin writes a jar in place, and the jar it writes is a real one that prints {@code ran ARGS}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LauncherBuildTest {
  private static final String JAR = "encoder/target/framefork-encoder-0.1.0-SNAPSHOT.jar";

  /**
   * A Maven 3.8.7 that builds by copying {@code $FAKE_JAR}, half of it first, the rest after $FAKE_SLEEP s;
   * {@code verify} (the tests) touches $FAKE_VERIFY and takes $FAKE_VERIFY_SLEEP s, writing nothing.
   */
  private static final String MAVEN = """
      #!/bin/bash
      for a in "$@"; do
        if [[ "$a" == --version ]]; then printf "$FAKE_VERSION\\nMaven home: /usr/share/maven\\n"; exit 0; fi
      done
      echo "$$ $*" >>"$FAKE_BUILDS"
      if [[ " $* " == *" verify "* ]]; then touch "$FAKE_VERIFY"; sleep "$FAKE_VERIFY_SLEEP"; exit 0; fi
      mkdir -p encoder/target/lib
      head -c 300 "$FAKE_JAR" >%1$s
      touch "$FAKE_HALF"
      sleep "$FAKE_SLEEP"
      cat "$FAKE_JAR" >%1$s
      """.formatted(JAR);

  @TempDir Path dir;
  private Path checkout;
  private Path bin;
  private Path jar;
  private String path;
  private Path noFlock;

  @BeforeEach
  void checkout() throws Exception {
    checkout = Files.createDirectories(dir.resolve("checkout"));
    Files.copy(BenchMain.checkoutRoot().resolve("framefork"), checkout.resolve("framefork"));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(checkout.resolve("encoder/src/main/java"));
    Files.writeString(checkout.resolve("encoder/pom.xml"), "<project/>\n");
    Files.writeString(checkout.resolve("encoder/src/main/java/Ran.java"), "class Ran {}\n");
    bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("mvn"), MAVEN);
    Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
    jar = runnableJar();
    path = bin + ":/usr/bin:/bin";
  }

  /**
   * Node A's launcher rebuilds (a source changed); node B's, started while A's Maven writes the jar,
   * found the half-written jar newer than the sources and ran it: "Invalid or corrupt jarfile". Now B
   * says in one line that it waits, waits for A's build, and runs the jar that build finished.
   */
  @ParameterizedTest(name = "flock(1) on PATH: {0}")
  @ValueSource(booleans = {true, false})
  void aLauncherStartedDuringAnotherOnesBuildWaitsForItAndBuildsNothing(boolean flock) throws Exception {
    if (!flock) {
      hideFlock();
    }
    Launcher first = start("0", "first");
    assertEquals(0, first.end(), first.err());
    assertEquals("Building FrameFork (first run, about a minute)…", first.err().strip());
    touchSource();

    Launcher a = start("4", "a");
    waitForHalfJar(a);
    Launcher b = start("4", "b");
    assertEquals(0, a.end(), a.err());
    assertEquals(0, b.end(), b.err());
    assertEquals("ran --version", a.out().strip());
    assertEquals("ran --version", b.out().strip(), b.err());
    assertTrue(b.err().contains("framefork: waiting for another ./framefork (pid "), "B says it waits: " + b.err());
    assertEquals(1, b.err().strip().lines().count(), "one line: " + b.err());
    assertFalse(b.err().contains("Building"), "B builds nothing: " + b.err());
    assertEquals(2, builds().size(), "one build at first, one after the change: " + builds());

    Launcher again = start("0", "again");
    assertEquals(0, again.end(), again.err());
    assertEquals("", again.err(), "nothing changed: no build");
    assertEquals(2, builds().size(), builds().toString());
  }

  /**
   * Without flock(1) (macOS), the launcher locks with a folder: PATH gets /usr/bin and /bin less
   * flock, linked from a folder outside {@code dir} (JUnit would warn about each link in it).
   */
  private void hideFlock() throws IOException {
    noFlock = Files.createTempDirectory("launcher-bin-");
    for (String from : List.of("/usr/bin", "/bin")) {
      try (Stream<Path> files = Files.list(Path.of(from))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Path link = noFlock.resolve(f.getFileName());
          if (!f.getFileName().toString().equals("flock") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, f);
          }
        }
      }
    }
    path = bin + ":" + noFlock;
  }

  @AfterEach
  void removeLinks() throws IOException {
    if (noFlock != null) {
      try (Stream<Path> links = Files.list(noFlock)) {
        for (Path link : (Iterable<Path>) links::iterator) {
          Files.delete(link);
        }
      }
      Files.delete(noFlock);
    }
  }

  /**
   * A jar that Maven built by hand (mvn package, the README's macOS build, ./framefork test), newer
   * than every source, was rebuilt, as "sources changed": only the launcher's own builds counted.
   * It is taken as built, with no finished launcher build before it and with one before the source
   * changed.
   */
  @ParameterizedTest(name = "flock(1) on PATH: {0}")
  @ValueSource(booleans = {true, false})
  void aJarThatMavenBuiltByHandIsNotBuiltAgain(boolean flock) throws Exception {
    if (!flock) {
      hideFlock();
    }
    ageSources();
    mavenByHand();
    Launcher a = start("0", "a");
    assertEquals(0, a.end(), a.err());
    assertEquals("ran --version", a.out().strip());
    assertEquals("", a.err(), "no build");
    assertEquals(1, builds().size(), builds().toString());

    touchSource();
    mavenByHand();
    Launcher b = start("0", "b");
    assertEquals(0, b.end(), b.err());
    assertEquals("", b.err(), "no build");
    assertEquals(2, builds().size(), builds().toString());

    // A change after that jar is built, and said so.
    touchSource();
    Launcher c = start("0", "c");
    assertEquals(0, c.end(), c.err());
    assertEquals("Building FrameFork (sources changed)…", c.err().strip());
    assertEquals(3, builds().size(), builds().toString());
  }

  /**
   * A launcher's build cut short leaves a half-written jar newer than the sources: it is not taken
   * for built, and the next build says why.
   */
  @Test
  void aJarOfABuildCutShortIsBuiltAgain() throws Exception {
    Launcher first = start("0", "first");
    assertEquals(0, first.end(), first.err());
    touchSource();
    Launcher a = start("30", "a");
    waitForHalfJar(a);
    // As a power cut would: Maven too, so that its jar stays half written.
    List<ProcessHandle> cut = a.process().descendants().toList();
    cut.forEach(ProcessHandle::destroyForcibly);
    a.process().destroyForcibly();
    a.end();
    // Gone before the next launcher looks: one still exiting holds the build's lock for a moment, and
    // the next one says it waits for it (CI at load 2: "waiting for another ./framefork (pid N)").
    for (ProcessHandle p : cut) {
      p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    Launcher b = start("0", "b");
    assertEquals(0, b.end(), b.err());
    assertEquals("ran --version", b.out().strip());
    assertEquals("Building FrameFork (no finished build recorded)…", b.err().strip());
  }

  /**
   * A shared install, built by Maven and then made read-only (or another user's checkout): its
   * launcher failed with "cannot open the build lock". A fresh jar runs, and nothing is written;
   * a stale one is one line that says why it cannot be built.
   */
  @Test
  void aReadOnlyCheckoutRunsItsFreshJarWithoutTheLock() throws Exception {
    ageSources();
    mavenByHand();
    boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip());
    List<String> asUser = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
    List<String> command = new ArrayList<>(asUser);
    command.addAll(List.of(checkout.resolve("framefork").toString(), "--version"));
    readOnly(true);
    try {
      Launcher a = run("a", "0", Map.of(), command.toArray(String[]::new));
      assertEquals(0, a.end(), a.err());
      assertEquals("ran --version", a.out().strip());
      assertEquals("", a.err());
      assertFalse(Files.exists(checkout.resolve("target")), "no lock taken");
      assertFalse(Files.exists(checkout.resolve("encoder/target/framefork-built")), "nothing written");

      readOnly(false);
      touchSource();
      readOnly(true);
      Launcher b = run("b", "0", Map.of(), command.toArray(String[]::new));
      assertEquals(2, b.end(), b.err());
      assertEquals("framefork: cannot build FrameFork: " + checkout.resolve("target")
          + " is not writable (build it as the checkout's owner: ./framefork --version)", b.err().strip());
      assertEquals("", b.out());
      assertEquals(1, builds().size(), builds().toString());
    } finally {
      readOnly(false);
    }
  }

  /**
   * Without flock(1), a lock folder whose launcher died (its pid is no process, or it died before it
   * wrote its pid) is taken over, by one of two launchers that find it together: one build, and both
   * run its jar. A folder without a pid used to be waited for until FRAMEFORK_BUILD_WAIT ran out.
   */
  @ParameterizedTest(name = "the dead launcher wrote its pid: {0}")
  @ValueSource(booleans = {true, false})
  void aLockFolderLeftByADeadLauncherIsTakenOverOnce(boolean pid) throws Exception {
    hideFlock();
    Path lock = Files.createDirectories(checkout.resolve("target/framefork-build.lock.d"));
    if (pid) {
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      Files.writeString(lock.resolve("pid"), gone.pid() + "\n");
    }
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(60)));
    Map<String, String> wait = Map.of("FRAMEFORK_BUILD_WAIT", "8");
    Launcher a = start("1", "a", wait);
    Launcher b = start("1", "b", wait);
    assertEquals(0, a.end(), a.err());
    assertEquals(0, b.end(), b.err());
    assertEquals("ran --version", a.out().strip());
    assertEquals("ran --version", b.out().strip());
    assertEquals(1, builds().size(), "one build: " + builds() + "\n" + a.err() + b.err());
    try (Stream<Path> left = Files.list(checkout.resolve("target"))) {
      assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("framefork-build.lock")).toList());
    }
  }

  /** A lock folder just made, whose launcher has not written its pid yet, is waited for. */
  @Test
  void aLockFolderJustMadeWithoutAPidIsWaitedFor() throws Exception {
    hideFlock();
    Files.createDirectories(checkout.resolve("target/framefork-build.lock.d"));
    Launcher a = start("0", "a", Map.of("FRAMEFORK_BUILD_WAIT", "1"));
    assertEquals(2, a.end(), a.err());
    assertTrue(a.err().contains("is still building FrameFork after 1 s"), a.err());
    assertEquals(List.of(), builds());
  }

  /**
   * {@code ./framefork test} builds under the build lock, so that a launcher started meanwhile waits
   * for that build and does not take its half-written jar; the tests then run without the lock, and
   * a launcher started while they run neither waits nor builds.
   */
  @Test
  void theTestCommandBuildsUnderTheLockAndTestsWithoutIt() throws Exception {
    Path tools = Files.createDirectories(checkout.resolve("tools"));
    Files.writeString(tools.resolve("test-tools"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(tools.resolve("test-tools"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Launcher test = run("test", "3", Map.of("FAKE_VERIFY_SLEEP", "6"), checkout.resolve("framefork").toString(), "test");
    waitForHalfJar(test);
    Launcher b = start("0", "b");

    Path verify = dir.resolve("verify-test");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(verify) && test.process().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(verify), "the tests started: " + test.err());
    Launcher c = start("0", "c");
    assertEquals(0, c.end(), c.err());
    assertTrue(test.process().isAlive(), "C ran while the tests ran");
    assertEquals("ran --version", c.out().strip());
    assertEquals("", c.err());

    assertEquals(0, b.end(), b.err());
    assertEquals("ran --version", b.out().strip());
    assertTrue(b.err().startsWith("framefork: waiting for another ./framefork (pid "), b.err());
    assertEquals(1, b.err().strip().lines().count(), "B builds nothing: " + b.err());
    assertEquals(0, test.end(), test.err());
    List<String> builds = builds();
    assertEquals(2, builds.size(), builds.toString());
    assertTrue(builds.get(0).endsWith("-B -q -DskipTests package"), builds.toString());
    assertTrue(builds.get(1).endsWith("-B -ntp verify"), builds.toString());
  }

  /** The checkout and everything in it readable by all and writable by none (or, with false, by its owner again). */
  private void readOnly(boolean on) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // for setpriv's user
    try (Stream<Path> files = Files.walk(checkout)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        boolean exec = Files.isDirectory(p) || p.getFileName().toString().equals("framefork");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString((on ? "r-" : "rw") + (exec ? "xr-xr-x" : "-r--r--")));
      }
    }
  }

  /** A build that takes longer than FRAMEFORK_BUILD_WAIT: the launcher that waits gives up in one line, exit 2. */
  @Test
  void aWaitThatRunsOutEndsInOneLineAndExitTwo() throws Exception {
    Launcher a = start("6", "a");
    waitForHalfJar(a);
    Launcher b = start("6", "b", Map.of("FRAMEFORK_BUILD_WAIT", "1"));
    assertEquals(2, b.end(), b.err());
    List<String> lines = b.err().strip().lines().toList();
    assertEquals(2, lines.size(), "the wait and the end of it: " + b.err());
    assertTrue(lines.get(1).contains("is still building FrameFork after 1 s: run again once it is done"), b.err());
    assertEquals("", b.out());
    assertEquals(0, a.end(), a.err());
    assertEquals("ran --version", a.out().strip());
  }

  /**
   * Debian's Maven 3.8.7 colours its version line even into a pipe: the launcher took it for an old
   * Maven and went for ./mvnw (which downloads Maven, and which this checkout does not have).
   */
  @Test
  void aMavenThatColoursItsVersionLineIsUsed() throws Exception {
    Launcher a = start("0", "coloured", Map.of("FAKE_VERSION", "\\033[1mApache Maven 3.8.7\\033[m"));
    assertEquals(0, a.end(), a.err());
    assertEquals("ran --version", a.out().strip());
    assertEquals(1, builds().size(), a.err());
  }

  private record Launcher(Process process, Path outFile, Path errFile, String name) {
    int end() throws InterruptedException {
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " ended");
      return process.exitValue();
    }

    String out() throws IOException {
      return Files.readString(outFile);
    }

    String err() throws IOException {
      return Files.readString(errFile);
    }
  }

  private Launcher start(String mavenSeconds, String name) throws IOException {
    return start(mavenSeconds, name, Map.of());
  }

  /** {@code framefork --version} in the checkout, its Maven taking {@code mavenSeconds} for the jar's second half. */
  private Launcher start(String mavenSeconds, String name, Map<String, String> more) throws IOException {
    return run(name, mavenSeconds, more, checkout.resolve("framefork").toString(), "--version");
  }

  /** {@code command} (the launcher, or Maven) in the checkout, with the fake Maven's settings. */
  private Launcher run(String name, String mavenSeconds, Map<String, String> more, String... command) throws IOException {
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(checkout.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PATH", path);
    env.put("HOME", dir.toString());
    env.remove("FRAMEFORK_DEBUG");
    env.put("FAKE_VERSION", "Apache Maven 3.8.7");
    env.put("FAKE_BUILDS", dir.resolve("builds.txt").toString());
    env.put("FAKE_JAR", jar.toString());
    env.put("FAKE_HALF", dir.resolve("half-" + name).toString());
    env.put("FAKE_SLEEP", mavenSeconds);
    env.put("FAKE_VERIFY", dir.resolve("verify-" + name).toString());
    env.put("FAKE_VERIFY_SLEEP", "0");
    env.put("DISPLAY", ":0"); // ./framefork test runs no xvfb-run then
    env.putAll(more);
    return new Launcher(pb.start(), out, err, name);
  }

  /** Until launcher {@code a}'s Maven has written the first half of the jar. */
  private void waitForHalfJar(Launcher a) throws Exception {
    Path half = dir.resolve("half-" + a.name());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(half) && a.process().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(half), "A's Maven started: " + a.err());
    assertTrue(Files.size(checkout.resolve(JAR)) < Files.size(jar), "the jar is half written");
  }

  /** {@code mvn package} run by hand in the checkout, as the README's macOS build or ./framefork test. */
  private void mavenByHand() throws Exception {
    Launcher mvn = run("mvn-" + builds().size(), "0", Map.of(), bin.resolve("mvn").toString(), "-B", "package");
    assertEquals(0, mvn.end(), mvn.err());
  }

  /** Sources and poms a minute old, older than any jar built from here on. */
  private void ageSources() throws IOException {
    FileTime old = FileTime.from(Instant.now().minusSeconds(60));
    for (String f : List.of("pom.xml", "encoder/pom.xml", "encoder/src/main/java/Ran.java")) {
      Files.setLastModifiedTime(checkout.resolve(f), old);
    }
  }

  private void touchSource() throws Exception {
    Thread.sleep(20);
    Files.setLastModifiedTime(checkout.resolve("encoder/src/main/java/Ran.java"), FileTime.from(Instant.now()));
  }

  private List<String> builds() throws IOException {
    Path builds = dir.resolve("builds.txt");
    return Files.exists(builds) ? Files.readAllLines(builds) : List.of();
  }

  /** A jar whose main class prints "ran" and its arguments, made with the JDK's own javac and jar. */
  private Path runnableJar() throws IOException {
    return mainJar(dir, "Ran",
        "public class Ran { public static void main(String[] a) { System.out.println(\"ran \" + String.join(\" \", a)); } }\n",
        dir.resolve("ran.jar"));
  }

  /** A jar at {@code out} that runs class {@code name}, whose source is {@code source}, compiled under {@code dir}. */
  static Path mainJar(Path dir, String name, String source, Path out) throws IOException {
    Path src = Files.createDirectories(dir.resolve("jar-src"));
    Files.writeString(src.resolve(name + ".java"), source);
    Path classes = Files.createDirectories(dir.resolve("jar-classes"));
    assertEquals(0, ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, "-d", classes.toString(),
        src.resolve(name + ".java").toString()));
    assertEquals(0, ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, "--create", "--file",
        out.toString(), "--main-class", name, "-C", classes.toString(), "."));
    return out;
  }
}
