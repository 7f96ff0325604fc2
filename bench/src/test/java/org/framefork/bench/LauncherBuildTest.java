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

  /** A Maven 3.8.7 that builds by copying {@code $FAKE_JAR}, half of it first, the rest after $FAKE_SLEEP s. */
  private static final String MAVEN = """
      #!/bin/bash
      for a in "$@"; do
        if [[ "$a" == --version ]]; then printf "$FAKE_VERSION\\nMaven home: /usr/share/maven\\n"; exit 0; fi
      done
      echo "$$ $*" >>"$FAKE_BUILDS"
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
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(checkout.resolve("framefork").toString(), "--version")
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
    Path src = Files.createDirectories(dir.resolve("jar-src"));
    Files.writeString(src.resolve("Ran.java"),
        "public class Ran { public static void main(String[] a) { System.out.println(\"ran \" + String.join(\" \", a)); } }\n");
    Path classes = Files.createDirectories(dir.resolve("jar-classes"));
    assertEquals(0, ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, "-d", classes.toString(),
        src.resolve("Ran.java").toString()));
    Path out = dir.resolve("ran.jar");
    assertEquals(0, ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, "--create", "--file",
        out.toString(), "--main-class", "Ran", "-C", classes.toString(), "."));
    return out;
  }
}
