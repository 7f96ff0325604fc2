package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
