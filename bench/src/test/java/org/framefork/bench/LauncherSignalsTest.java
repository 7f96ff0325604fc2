package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.cluster.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code ./framefork} launcher, as a service manager or a script stops it: a signal sent to the
 * launcher's own pid (not its process group) reaches the JVM, which cancels the job, says so on
 * stderr, writes nothing and exits 130 (SIGINT) or 143 (SIGTERM); no JVM is left running, and every
 * line the JVM printed is in the caller's stderr file when the launcher has exited. (It lives in the
 * bench module because the launcher runs the encoder's jar, which the build has made by then.)
 */
class LauncherSignalsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130, interrupted", "TERM, 143, terminated"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSignalToTheLaunchersPidCancelsTheJobAndLeavesNoJvm(String signal, int code, String word) throws Exception {
    Path out = dir.resolve("out.mp4");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process p = startEncoding(List.of(), out);
    Thread.sleep(1000);
    assertTrue(p.isAlive(), "still encoding when signalled:\n" + Files.readString(stdout) + Files.readString(stderr));
    List<ProcessHandle> jvms = p.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).toList();
    assertEquals(1, jvms.size(), "the launcher runs one JVM");
    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
    String err = Files.readString(stderr);
    assertEquals(code, p.exitValue(), err);
    assertTrue(err.contains("framefork: " + word + "; cancelling sample-720p30-10s.mp4"), err);
    assertTrue(err.strip().lines().anyMatch(l -> l.contains("cancelled; nothing was written")), err);
    assertFalse(err.contains("WARNING: Using incubator modules"), "the launcher filters the JVM's warning: " + err);
    assertFalse(jvms.getFirst().isAlive(), "no JVM left running");
    assertFalse(Files.exists(out), "nothing written");
  }

  /**
   * Ctrl-C in a terminal signals the launcher's whole process group, the JVM among it: the JVM gets a
   * SIGINT of its own and the launcher's copy, which on a loaded machine came over half a second
   * later and was taken for a second press ("interrupted again; stopping now"). The launcher passes
   * a SIGINT on to the encoder's JVM as SIGUSR1, and the JVM counts the two as one press. Checked
   * with the JVM stopped while the group is signalled: both copies are then pending on it, the
   * launcher's as SIGUSR1; once it runs again it cancels the job once and exits 130.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void oneCtrlCToTheProcessGroupCancelsOnceWith130() throws Exception {
    Path out = dir.resolve("out.mp4");
    Process p = startInItsOwnGroup(out);
    ProcessHandle jvm = p.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst().orElseThrow();
    try {
      kill("-STOP", jvm.pid());
      kill("-INT", -p.pid());
      // The launcher's copy pending on the stopped JVM as SIGUSR1 once its trap has run (the JVM's own SIGINT
      // is pending too, or taken already by a thread that had not stopped yet, its Java handler still to run).
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until && (pending(jvm.pid()) & USR1) == 0) {
        Thread.sleep(50);
      }
      assertEquals(USR1, pending(jvm.pid()) & USR1, "the launcher's SIGUSR1 pending on the JVM");
    } finally {
      kill("-CONT", jvm.pid());
    }
    assertCancelledOnce(p, out);
  }

  /**
   * {@code timeout -s INT} signals its child (the launcher) and then the child's whole group, back to
   * back: the launcher's trap runs twice, so the JVM gets two SIGUSR1s and one SIGINT for one press,
   * and took the second SIGUSR1 for a second press ("interrupted again; stopping now", the lock file
   * left) whenever the two were not merged while pending. Sent here 50 ms apart, as a loaded machine
   * spreads them, so that the JVM may take the first before the second comes: still one press. On a
   * quick machine the job may have cancelled and exited before the second: then there is no group to
   * signal, which is no failure.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void timeoutsSignalToTheLauncherThenItsGroupCancelsOnceWith130() throws Exception {
    Path out = dir.resolve("out.mp4");
    Process p = startInItsOwnGroup(out);
    Process kills = new ProcessBuilder("bash", "-c", "kill -INT \"$1\" && sleep 0.05"
        + " && { kill -INT -- -\"$1\" 2>/dev/null || ! kill -0 \"$1\" 2>/dev/null; }", "bash", Long.toString(p.pid())).start();
    assertEquals(0, kills.waitFor(), "kill -INT of the launcher, then of its group");
    assertCancelledOnce(p, out);
  }

  /**
   * The launcher encoding to {@code out} in a process group of its own (as a terminal's foreground
   * job), so that a signal to the group reaches no test JVM.
   */
  private Process startInItsOwnGroup(Path out) throws Exception {
    Process p = startEncoding(List.of("setsid"), out);
    assertTrue(p.isAlive(), "still encoding when signalled:\n" + Files.readString(dir.resolve("stdout.txt"))
        + Files.readString(dir.resolve("stderr.txt")));
    assertEquals(Long.toString(p.pid()), field(p.pid(), 5), "setsid ran the launcher as its group's leader");
    return p;
  }

  /** Launcher {@code p} ends with 130, having cancelled its job once: one line, nothing written, no lock left. */
  private void assertCancelledOnce(Process p, Path out) throws Exception {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
    String err = Files.readString(dir.resolve("stderr.txt"));
    assertEquals(130, p.exitValue(), err);
    assertEquals(1, err.lines().filter(l -> l.startsWith("framefork: interrupted; cancelling")).count(), err);
    assertFalse(err.contains("interrupted again"), "one press, not two: " + err);
    assertTrue(err.lines().anyMatch(l -> l.contains("cancelled; nothing was written")), err);
    assertFalse(Files.exists(out), "nothing written");
    try (var files = Files.list(dir)) {
      List<String> locks = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".lock")).toList();
      assertEquals(List.of(), locks, "the job's lock removed: " + err);
    }
  }

  /**
   * The launcher (run by {@code prefix}) encoding the 720p sample to {@code out}, its output in
   * stdout.txt and stderr.txt, once the job is encoding (the launcher may build first: the plan line).
   */
  private Process startEncoding(List<String> prefix, Path out) throws Exception {
    Path root = BenchMain.checkoutRoot();
    Path stdout = dir.resolve("stdout.txt");
    List<String> command = new java.util.ArrayList<>(prefix);
    command.addAll(List.of(root.resolve("framefork").toString(), "encode", root.resolve("samples/media/sample-720p30-10s.mp4")
        .toString(), "-o", out.toString(), "--preset", "slow", "--workers", "2"));
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(stdout).contains("chunks (")) {
      Thread.sleep(50);
    }
    return p;
  }

  private static final long USR1 = 1L << (10 - 1);

  /** The signals pending on process {@code pid}, its threads' and its own, from /proc. */
  private static long pending(long pid) throws IOException {
    long bits = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("ShdPnd:")) {
        bits |= Long.parseUnsignedLong(line.substring("ShdPnd:".length()).trim(), 16);
      }
    }
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        for (String line : Files.readAllLines(task.resolve("status"))) {
          if (line.startsWith("SigPnd:")) {
            bits |= Long.parseUnsignedLong(line.substring("SigPnd:".length()).trim(), 16);
          }
        }
      }
    } catch (IOException e) {
      // A thread that ended meanwhile: the process's own pending set is read above.
    }
    return bits;
  }

  /** Field {@code n} (1-based) of /proc/{@code pid}/stat; the name, field 2, may hold spaces. */
  private static String field(long pid, int n) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return rest[n - 3];
  }

  private static void kill(String signal, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", signal, "--", Long.toString(pid)).start().waitFor(), "kill " + signal + " " + pid);
  }

  /**
   * {@code kill -9} of a node's launcher pid (what {@code kill -9 $!} or a supervisor does) ends the
   * node: the launcher runs it as the JVM itself, not as a child that SIGKILL would orphan.
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void sigkillToANodesLauncherEndsTheNode() throws Exception {
    int port = HostPort.freeLoopbackPair();
    Process p = startNode(port);
    List<ProcessHandle> children = p.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).toList();
    try {
      assertEquals(List.of(), children, "no JVM runs as the launcher's child");
      assertTrue(p.info().command().orElse("").endsWith("java"), "the launcher's pid is the JVM: " + p.info());
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the launcher ended");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (listens(port) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertFalse(listens(port), "a node still listens on port " + port + " after kill -9 of its launcher");
    } finally {
      children.forEach(ProcessHandle::destroyForcibly); // a JVM a launcher left behind, when this fails
    }
  }

  /** SIGTERM to a node's launcher pid stops the node as it stops a node JVM: chunks handed back, exit 143. */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void sigtermToANodesLauncherStopsItWith143() throws Exception {
    Process p = startNode(HostPort.freeLoopbackPair());
    new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
    String out = Files.readString(dir.resolve("node.txt"));
    assertEquals(143, p.exitValue(), out);
    assertTrue(out.contains(" stopped after 0 chunks"), out);
  }

  /**
   * As root, the launcher runs its JVMs without CAP_SYS_NICE: SVT-AV1 would otherwise make its
   * threads, and the encode worker that opens it, SCHED_FIFO at priority 99 for good. Checked on a
   * node, whose launcher pid is its JVM; not as root, the launcher leaves the capabilities alone.
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void asRootTheLaunchersJvmCannotTurnRealTime() throws Exception {
    long ours = bounding(ProcessHandle.current().pid());
    boolean root = "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
    Process p = startNode(HostPort.freeLoopbackPair());
    try {
      long node = bounding(p.pid());
      if (root) {
        assertEquals(ours & ~CAP_SYS_NICE, node, "the node's bounding set: this JVM's less CAP_SYS_NICE");
      } else {
        assertEquals(ours, node, "not root: the node's bounding set is this JVM's");
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static final long CAP_SYS_NICE = 1L << 23;

  /** Process {@code pid}'s capability bounding set, from /proc. */
  private static long bounding(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("CapBnd:")) {
        return Long.parseUnsignedLong(line.substring("CapBnd:".length()).trim(), 16);
      }
    }
    throw new IOException("no CapBnd line for process " + pid);
  }

  /** {@code ./framefork node} of one worker on 127.0.0.1:{@code port}, once it is ready; its output in node.txt. */
  private Process startNode(int port) throws Exception {
    Path root = BenchMain.checkoutRoot();
    Path cred = dir.resolve("cred");
    Process init = new ProcessBuilder(root.resolve("framefork").toString(), "node", "--init", cred.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("init.txt").toFile()).start();
    assertTrue(init.waitFor(150, TimeUnit.SECONDS) && init.exitValue() == 0, Files.readString(dir.resolve("init.txt")));
    Path log = dir.resolve("node.txt");
    Process p = new ProcessBuilder(root.resolve("framefork").toString(), "node", "--listen", "127.0.0.1:" + port, "--workers", "1",
        "--credentials", cred.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains("ready in")) {
      Thread.sleep(100);
    }
    assertTrue(p.isAlive() && Files.readString(log).contains("ready in"), Files.readString(log));
    return p;
  }

  private static boolean listens(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
