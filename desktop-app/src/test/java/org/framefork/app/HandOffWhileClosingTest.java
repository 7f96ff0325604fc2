package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window that closes while it queues a hand-off finishes queuing it and answers: the launch is
 * not left waiting, told that its videos will join a queue that never got them. Also what else the
 * inbox and the lock file keep straight: leftovers of a crash, and which machine holds the folder.
 */
class HandOffWhileClosingTest {
  @Test
  void aHandOffBeingQueuedAsTheWindowClosesIsAnswered(@TempDir Path dataDir) throws Exception {
    AppInstance instance = AppInstance.claim(dataDir);
    assertNotNull(instance);
    CountDownLatch queuing = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    instance.watch(inputs -> {
      queuing.countDown();
      try {
        Thread.sleep(500); // the window queues them on its UI thread meanwhile
      } catch (InterruptedException e) {
        interrupted.set(true);
        Thread.currentThread().interrupt();
        return ""; // what the window answered when cut off
      }
      return "added " + AppInstance.videos(inputs.size()) + " to its queue";
    });
    CompletableFuture<String> launch = CompletableFuture.supplyAsync(
        () -> AppInstance.handOff(real(dataDir), List.of(Path.of("/videos/clip.mp4"))).line());
    assertTrue(queuing.await(10, TimeUnit.SECONDS), "the hand-off was not taken");
    instance.close();
    assertEquals("FrameFork is already open: added 1 video to its queue", launch.get(20, TimeUnit.SECONDS));
    assertFalse(interrupted.get(), "closing cut the hand-off off");
    try (var s = Files.list(dataDir.resolve(AppInstance.INBOX))) {
      assertEquals(List.of(), s.toList());
    }
    AppInstance again = AppInstance.claim(dataDir);
    assertNotNull(again, "the folder was let go");
    again.close();
  }

  /** Half a write that a crash cut short is removed once no launch can be waiting for it; a fresh one stays. */
  @Test
  void aLeftoverTemporaryFileIsRemoved(@TempDir Path dataDir) throws Exception {
    Path inbox = Files.createDirectories(dataDir.resolve(AppInstance.INBOX));
    Path old = Files.writeString(inbox.resolve("1-2.json.tmp"), "[\"/videos/a");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    Path fresh = Files.writeString(inbox.resolve("3-4.json.tmp"), "[");
    AppInstance instance = AppInstance.claim(dataDir);
    assertNotNull(instance);
    try {
      instance.watch(inputs -> "added");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.exists(old) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertFalse(Files.exists(old), "a leftover from a crash stays for ever");
      assertTrue(Files.exists(fresh), "one being written now is left alone");
    } finally {
      instance.close();
    }
  }

  /**
   * The lock file says which machine and process hold the folder: a launch on another machine that
   * shares it (a home over NFS) is told so, rather than handing over paths that window cannot read.
   */
  @Test
  void theLockSaysWhichMachineHoldsTheFolder(@TempDir Path dataDir) throws Exception {
    AppInstance instance = AppInstance.claim(dataDir);
    assertNotNull(instance);
    try {
      assertEquals(AppInstance.localHost() + " " + ProcessHandle.current().pid(),
          Files.readString(dataDir.resolve(AppInstance.LOCK_FILE)).strip());
      assertEquals(null, AppInstance.heldElsewhere(real(dataDir)), "held on this machine: the hand-off goes ahead");
    } finally {
      instance.close();
    }
    Path shared = Files.createDirectories(dataDir.resolve("shared"));
    Files.writeString(shared.resolve(AppInstance.LOCK_FILE), "otherhost 4242\n");
    assertEquals("FrameFork is open on " + shared + " on host otherhost (pid 4242); use another --data-dir",
        AppInstance.heldElsewhere(shared));
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
