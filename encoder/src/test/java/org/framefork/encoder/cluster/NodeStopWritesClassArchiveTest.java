package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that the launcher asks for its build's class archive ({@link ClassArchive#PROPERTY}, with
 * {@code -XX:+RecordDynamicDumpInfo}) writes it as it stops, before it says "stopped", and its JVM
 * then exits at once. With {@code -XX:+AutoCreateSharedArchive} the JVM wrote it after the last
 * shutdown hook: the node said "stopped" and its process went on for 2.7-3.3 s (two nodes on a
 * quiet machine) to 10-30 s (QA, a loaded one).
 */
class NodeStopWritesClassArchiveTest {
  @Test
  void theArchiveIsWrittenBeforeStoppedAndTheJvmExitsPromptly(@TempDir Path tmp) throws Exception {
    Path cred = Credentials.init(tmp.resolve("cred")).dir();
    int listen = freePort();
    Path archive = tmp.resolve("node.jsa");
    Path log = tmp.resolve("node.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-XX:+RecordDynamicDumpInfo", "-Xlog:cds=off", "-Xlog:aot=off", "-D" + ClassArchive.PROPERTY + "=" + archive));
    // What the jar's manifest opens to Ignite (Add-Opens), here on the command line: the classes are a folder.
    for (String open : List.of("java.base/java.nio", "java.base/sun.nio.ch", "java.base/java.lang", "java.base/java.util",
        "java.base/jdk.internal.misc", "java.base/jdk.internal.access", "java.base/java.io", "java.base/java.net",
        "java.base/java.util.concurrent", "java.base/java.util.concurrent.locks", "java.base/java.util.concurrent.atomic",
        "java.base/java.lang.invoke", "java.base/java.lang.reflect", "java.base/java.math", "java.base/java.time",
        "java.base/java.text", "java.base/sun.util.calendar", "java.base/sun.reflect.generics.reflectiveObjects",
        "java.management/com.sun.jmx.mbeanserver", "java.management/sun.management",
        "jdk.management/com.sun.management.internal")) {
      cmd.add("--add-opens=" + open + "=ALL-UNNAMED");
    }
    cmd.addAll(List.of("-cp", jarredClassPath(tmp), "org.framefork.encoder.cli.Main", "node",
        "--listen", "127.0.0.1:" + listen, "--credentials", cred.toString(), "-j", "1"));
    Process node = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!read(log).contains(" ready in ")) {
        assertTrue(node.isAlive() && System.nanoTime() < deadline, () -> "the node did not start: " + read(log));
        Thread.sleep(100);
      }
      node.destroy(); // SIGTERM
      while (!read(log).contains(" stopped after ")) {
        assertTrue(node.isAlive() && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(60),
            () -> "the node did not stop: " + read(log));
        Thread.sleep(20);
      }
      long stopped = System.nanoTime();
      assertTrue(Files.size(archive) > 1_000_000, "the archive was in place when the node said it stopped: " + read(log));
      assertTrue(node.waitFor(2, TimeUnit.SECONDS), "the JVM exits as soon as the node says it stopped: " + read(log));
      assertTrue(System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(2));
      assertEquals(143, node.exitValue(), read(log));
      try (var left = Files.list(tmp)) {
        assertFalse(left.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no half-written archive is left");
      }
      assertTrue(read(log).endsWith(" stopped after 0 chunks\n"), "nothing after the line: " + read(log));
    } finally {
      node.destroyForcibly();
    }
  }

  /**
   * This test's class path with the main classes' folder made a jar (a class archive is of jars
   * only: a JVM asked to write one from a folder fails, and exits), its test classes left out.
   */
  private static String jarredClassPath(Path tmp) throws java.io.IOException {
    List<String> path = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.isDirectory(p)) {
        path.add(entry);
      } else if (!p.getFileName().toString().equals("test-classes")) {
        Path jar = tmp.resolve("classes-" + path.size() + ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(p)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            out.putNextEntry(new java.util.jar.JarEntry(p.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
        path.add(jar.toString());
      }
    }
    return String.join(java.io.File.pathSeparator, path);
  }

  /** A port that nothing listens on now, for the node's discovery (the next one is its chunks'). */
  private static int freePort() throws java.io.IOException {
    try (ServerSocket a = new ServerSocket(0)) {
      return a.getLocalPort();
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
