package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started with {@link NodeCommand#EXIT_WITH_ENV} (as the bench starts its nodes) ends when
 * the process that started it is killed with SIGKILL, instead of listening on, adopted by init; one
 * whose variable names no process it can watch (0, a negative number, its own pid) is a usage error.
 * A starter that ends while the node joins leaves no work folder behind.
 */
class NodeExitWithStarterTest {
  @Test
  void aNodeEndsWhenItsStarterIsKilled(@TempDir Path tmp) throws Exception {
    Path cred = Credentials.init(tmp.resolve("cred")).dir();
    int listen;
    int silent;
    try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
      listen = a.getLocalPort();
      silent = b.getLocalPort();
    }
    Path log = tmp.resolve("node.log");
    List<String> node = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dframefork.node.joinWaitSeconds=600",
        "-cp", System.getProperty("java.class.path"), "org.framefork.encoder.cli.Main", "node",
        "--listen", "127.0.0.1:" + listen, "--join", "127.0.0.1:" + silent, "--credentials", cred.toString()));
    // The starter: a shell that starts the node as its child, naming itself, and waits.
    List<String> cmd = new ArrayList<>(List.of("bash", "-c",
        NodeCommand.EXIT_WITH_ENV + "=$$ \"$@\" > " + log + " 2>&1 & wait", "starter"));
    cmd.addAll(node);
    Process starter = new ProcessBuilder(cmd).start();
    ProcessHandle child = null;
    try {
      // The node waits for its --join (nobody answers there) for up to 600 s: it is running.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(log) && Files.readString(log).contains("no node answers at"))) {
        assertTrue(starter.isAlive() && System.nanoTime() < deadline, () -> "the node did not start: " + read(log));
        Thread.sleep(100);
      }
      child = starter.toHandle().children().findFirst().orElseThrow();
      starter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      ProcessHandle c = child;
      c.onExit().get(30, TimeUnit.SECONDS);
      assertFalse(c.isAlive());
      assertTrue(read(log).contains("has ended; stopping"), read(log));
    } finally {
      starter.destroyForcibly();
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }

  @Test
  void aStarterThatEndsDuringTheJoinLeavesNoWorkFolder(@TempDir Path tmp) throws Exception {
    Path cred = Credentials.init(tmp.resolve("cred")).dir();
    Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
    int listen;
    try (ServerSocket a = new ServerSocket(0)) {
      listen = a.getLocalPort();
    }
    Path log = tmp.resolve("node.log");
    List<String> cmd = new ArrayList<>(List.of("bash", "-c",
        NodeCommand.EXIT_WITH_ENV + "=$$ \"$@\" > " + log + " 2>&1 & wait", "starter",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "--sun-misc-unsafe-memory-access=allow", "-Djava.io.tmpdir=" + tmpdir));
    cmd.addAll(ClusterEngine.jvmOptions());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.framefork.encoder.cli.Main", "node",
        "--listen", "127.0.0.1:" + listen, "--credentials", cred.toString()));
    Process starter = new ProcessBuilder(cmd).start();
    ProcessHandle child = null;
    try {
      // The work folder is made just before the join, which takes Ignite seconds: end the starter in between.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (workFolders(tmpdir).isEmpty()) {
        assertTrue(starter.isAlive() && System.nanoTime() < deadline, () -> "no work folder: " + read(log));
        Thread.sleep(10);
      }
      child = starter.toHandle().children().findFirst().orElseThrow();
      starter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      assertFalse(read(log).contains(" ready in "), () -> "the node joined before its starter ended: " + read(log));
      child.onExit().get(60, TimeUnit.SECONDS);
      assertTrue(read(log).contains("has ended; stopping"), read(log));
      assertEquals(List.of(), workFolders(tmpdir), read(log));
    } finally {
      starter.destroyForcibly();
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }

  private static List<Path> workFolders(Path dir) throws java.io.IOException {
    try (var list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().startsWith(ClusterEngine.WORK_PREFIX)).toList();
    }
  }

  @Test
  void aWrapperThatExecsTheNodeWithItsOwnPidIsAUsageErrorInOneLine(@TempDir Path tmp) throws Exception {
    Path cred = Credentials.init(tmp.resolve("cred")).dir();
    int listen;
    try (ServerSocket a = new ServerSocket(0)) {
      listen = a.getLocalPort();
    }
    // The shell's $$ is the node's pid once the shell execs it: the node would wait for its own end.
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", NodeCommand.EXIT_WITH_ENV + "=$$ exec \"$@\"", "wrapper",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
        "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "org.framefork.encoder.cli.Main", "node",
        "--listen", "127.0.0.1:" + listen, "--credentials", cred.toString()));
    Process node = new ProcessBuilder(cmd).start();
    try {
      assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node is running");
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      List<String> err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertEquals(2, node.exitValue(), out + err);
      assertEquals(List.of("framefork: node: " + NodeCommand.EXIT_WITH_ENV + " is this node's own pid (" + node.pid()
          + "; a wrapper that execs the node): unset it, or give the pid of the process whose end should stop this node"), err);
      assertEquals("", out);
    } finally {
      node.destroyForcibly();
    }
  }

  @Test
  void aPidThatIsNoneSaysWhatToDo() {
    StringWriter err = new StringWriter();
    for (String pid : List.of("0", "-5", " 0 ", "x12")) {
      String line = NodeCommand.exitWithStarter(pid, new PrintWriter(err));
      assertEquals(NodeCommand.EXIT_WITH_ENV + " is not a pid: " + pid.strip() + ": unset it, or give the pid of the "
          + "process whose end should stop this node", line, pid);
    }
    assertTrue(NodeCommand.exitWithStarter(Long.toString(ProcessHandle.current().pid()), new PrintWriter(err))
        .contains("is this node's own pid"));
    assertEquals("", err.toString(), "nothing said of a starter that ended");
    assertNull(NodeCommand.exitWithStarter(" ", new PrintWriter(err)));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
