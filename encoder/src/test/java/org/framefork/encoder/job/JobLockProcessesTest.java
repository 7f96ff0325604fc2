package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.probe.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job lock between processes, as two runs writing one output meet: the JDK's locks are POSIX
 * record locks on Linux, which a process loses when it closes any descriptor of the file, so a lock
 * that held inside one JVM could still let a second process in.
 */
class JobLockProcessesTest {
  @TempDir Path tmp;

  @Test
  void anotherProcessIsRefusedWhileThisOneHoldsTheLock() throws Exception {
    Path out = tmp.resolve("out.mp4");
    try (JobLock lock = JobLock.take(out)) {
      assertEquals("busy", otherProcessTakes(out), "a second process must not get the lock this one holds");
      assertTrue(JobLock.isHeld(out), "this process's own job is seen running");
      assertEquals("busy", otherProcessTakes(out), "and looking at it does not let the lock go");
    }
    assertFalse(Files.exists(JobLock.fileFor(out)), "the lock file goes with the lock");
    assertEquals("taken", otherProcessTakes(out), "once released, another process gets it");
  }

  @Test
  void thisProcessIsRefusedWhileAnotherHoldsTheLock() throws Exception {
    Path out = tmp.resolve("out.mp4");
    Process holder = LockHolder.start(out);
    try (BufferedReader said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("taken", said.readLine());
      assertTrue(JobLock.isHeld(out));
      InputException e = assertThrows(InputException.class, () -> JobLock.take(out));
      assertTrue(e.getMessage().contains("another FrameFork job is writing it now"), e.getMessage());
      assertTrue(JobLock.isHeld(out), "still held by the other process after our tries");
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    } finally {
      holder.destroyForcibly();
    }
    assertFalse(JobLock.isHeld(out));
    try (JobLock lock = JobLock.take(out)) {
      assertTrue(JobLock.isHeld(out));
    }
  }

  /**
   * The same lock file reached by another path (here a hard link; a bind mount or a case-insensitive
   * file system does the same) is known as this process's own, and looking at it keeps the lock.
   */
  @Test
  void anotherPathToTheLockFileDoesNotLetTheLockGo() throws Exception {
    Path out = tmp.resolve("out.mp4");
    Path other = tmp.resolve("other.mp4");
    try (JobLock lock = JobLock.take(out)) {
      Files.createLink(JobLock.fileFor(other), JobLock.fileFor(out));
      assertTrue(JobLock.isHeld(other), "the same file, held here");
      assertThrows(InputException.class, () -> JobLock.take(other));
      assertEquals("busy", otherProcessTakes(out), "neither look let the lock go");
      lock.close();
      lock.close(); // a second close must not remove what the path leads to by then
    }
    assertEquals("taken", otherProcessTakes(out));
  }

  /** A held lock file deleted by someone else does not let this process start a second job for that output. */
  @Test
  void aHeldLockFileDeletedBehindItsBackStillRefusesThisProcess() throws Exception {
    Path out = tmp.resolve("out.mp4");
    try (JobLock lock = JobLock.take(out)) {
      Files.delete(JobLock.fileFor(out));
      assertTrue(JobLock.isHeld(out));
      assertThrows(InputException.class, () -> JobLock.take(out));
    }
    try (JobLock again = JobLock.take(out)) {
      assertTrue(JobLock.isHeld(out));
    }
  }

  @Test
  void aLockFileThatCannotBeMadeIsSaidSo() {
    Path out = tmp.resolve("no-such-folder").resolve("out.mp4");
    InputException e = assertThrows(InputException.class, () -> JobLock.take(out));
    assertTrue(e.getMessage().contains("cannot make the job's lock file"), e.getMessage());
  }

  /** What a second JVM says when it tries to take the lock of {@code out} ("taken" or "busy"), then lets go. */
  private static String otherProcessTakes(Path out) throws Exception {
    Process p = LockHolder.start(out);
    try (BufferedReader said = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = said.readLine();
      p.getOutputStream().close();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the second process ends");
      return line;
    } finally {
      p.destroyForcibly();
    }
  }
}
