package org.framefork.encoder.robustness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.framefork.encoder.job.JobLock;
import org.framefork.encoder.job.JobWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of the launcher, which passes no signal on: its JVM, told the launcher's pid as
 * {@code ./framefork} tells it, stops as on SIGTERM (cancels, removes its partial output and lock,
 * keeps its finished chunks) rather than going on as an orphan.
 */
class InterruptedLauncherTest {
  @TempDir Path tmp;

  @Test
  void theJvmOfAKilledLauncherCancelsItsJobAndExits() throws Exception {
    Path in = InterruptedProcessTest.testsrc(tmp.resolve("input.mp4"), "640x360", 6, 15);
    Path out = tmp.resolve("out.mp4");
    Path log = tmp.resolve("child.log");
    Path pidFile = tmp.resolve("jvm.pid");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jvm = List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "org.framefork.encoder.cli.Main", "encode", in.toString(), "-o",
        out.toString(), "--preset", "slow", "--chunk-frames", "15", "--workers", "2").stream()
        .map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    // A launcher as ./framefork runs its JVM: a child, told the launcher's pid.
    Process launcher = new ProcessBuilder("bash", "-c", "export FRAMEFORK_LAUNCHER_PID=$$; " + jvm + " > '" + log
        + "' 2>&1 & echo $! > '" + pidFile + "'; wait").start();
    ProcessHandle child = null;
    try {
      Path chunks = JobWorkspace.defaultFor(out).resolve("chunks");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (JobWorkspace.finishedChunks(chunks.getParent()) < 1 && launcher.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
      assertTrue(child.isAlive(), "still encoding: " + Files.readString(log));
      new ProcessBuilder("kill", "-KILL", Long.toString(launcher.pid())).start().waitFor();
      assertTrue(launcher.waitFor(10, TimeUnit.SECONDS));
      child.onExit().get(30, TimeUnit.SECONDS);
      String text = Files.readString(log);
      assertTrue(text.contains("framefork: its launcher (pid " + launcher.pid() + ") has ended; stopping as on SIGTERM"), text);
      assertTrue(text.contains("framefork: terminated; cancelling input.mp4"), text);
      assertFalse(Files.exists(out));
      assertFalse(Files.exists(tmp.resolve(".out.mp4.part")));
      assertFalse(Files.exists(JobLock.fileFor(out)), "lock removed");
      assertTrue(JobWorkspace.finishedChunks(chunks.getParent()) >= 1, "finished chunks kept for --resume");
    } finally {
      launcher.destroyForcibly();
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }
}
