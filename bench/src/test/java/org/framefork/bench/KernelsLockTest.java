package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench kernels} while another JMH run holds JMH's lock: one line that says to wait, exit 1,
 * not JMH's "-Djmh.ignoreLock=true", which the launcher cannot pass; and when JMH cannot create or
 * open its lock file, one line that says what would help instead, for waiting would not.
 */
class KernelsLockTest {
  @Test
  void anotherRunHoldingTheLockIsOneLineThatSaysWait(@TempDir Path tmp) throws Exception {
    // The lock JMH takes is a POSIX record lock on java.io.tmpdir/jmh.lock: python's lockf takes the same kind.
    Process holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time\nf=open(sys.argv[1],'a')\n"
        + "fcntl.lockf(f,fcntl.LOCK_EX)\nprint('locked',flush=True)\ntime.sleep(120)", tmp.resolve("jmh.lock").toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", r.readLine());
      List<String> err = runKernels(tmp, 1);
      assertTrue(err.get(0).contains("another benchmark run (JMH) is running on this machine: wait for it"), err.get(0));
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aTmpdirThatDoesNotExistSaysToMakeItWritableNotToWait(@TempDir Path tmp) throws Exception {
    Path missing = tmp.resolve("nonexistent");
    String line = runKernels(missing, 1).get(0);
    assertTrue(line.contains("cannot use JMH's lock file " + missing.resolve("jmh.lock") + " (No such file or directory): "
        + "make java.io.tmpdir writable or remove the file"), line);
  }

  @Test
  void aLockFileJmhCannotOpenSaysToRemoveItNotToWait(@TempDir Path tmp) throws Exception {
    // A directory in the lock file's place: JMH creates nothing, then fails to open it, as with another user's file.
    Files.createDirectory(tmp.resolve("jmh.lock"));
    String line = runKernels(tmp, 1).get(0);
    assertTrue(line.contains("cannot use JMH's lock file " + tmp.resolve("jmh.lock") + " (Is a directory): "
        + "make java.io.tmpdir writable or remove the file"), line);
  }

  /**
   * Runs {@code bench kernels} with {@code tmpdir} as java.io.tmpdir, checks it exits {@code exit} with one line on
   * its error stream and does not pass on JMH's -Djmh.ignoreLock advice; returns that line.
   */
  private static List<String> runKernels(Path tmpdir, int exit) throws Exception {
    Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "-Djava.io.tmpdir=" + tmpdir, "-cp", System.getProperty("java.class.path"),
        BenchMain.class.getName(), "kernels", "-f", "0", "-wi", "0", "-i", "1", "-r", "100ms", "Metric.sad").start();
    assertTrue(bench.waitFor(120, TimeUnit.SECONDS));
    String out = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    List<String> err = new String(bench.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
        .filter(l -> !l.startsWith("WARNING: Using incubator modules"))
        .filter(l -> !l.equals("WARNING: java.io.tmpdir directory does not exist")).toList(); // the JVM's own
    assertEquals(exit, bench.exitValue(), out + err);
    assertEquals(1, err.size(), String.join("\n", err));
    assertFalse((out + err).contains("ignoreLock"), out + err);
    return err;
  }
}
