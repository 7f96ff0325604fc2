package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox takes hand-offs one after another, and each launch waits 15 s from its own write: a
 * hand-off queued behind a slow one is answered within what is left of its launch's wait, not after
 * a full wait of its own. A hand-off the window has read is marked taken, so that a launch that gives
 * up (a window on another machine) cannot take back videos the window is queuing, nor say that
 * nothing was handed over.
 */
class HandOffTakenTest {
  @Test
  void eachAnswerIsDueWithinWhatIsLeftOfItsLaunchsWait() {
    assertEquals(AppInstance.ANSWER_MILLIS, AppInstance.answerMillis(0));
    assertEquals(2_000, AppInstance.answerMillis(10_000));
    assertEquals(0, AppInstance.answerMillis(14_000), "its launch has given up");
  }

  /**
   * Two hand-offs wait in the inbox of a window whose UI thread is busy: the first may take as long as
   * its launch waits (12 s); the second, taken only then, 10 s later on the window's clock, has what is
   * left of its launch's wait (2 s), counted from when the window saw it. Both files are dated a minute
   * ahead (an NFS server whose clock is ahead): a hand-off is no younger than new.
   */
  @Test
  void aHandOffBehindABusyOneIsAnsweredInTime(@TempDir Path dataDir) throws Exception {
    AppInstance instance = claimed(dataDir);
    try {
      Path inbox = Files.createDirectories(dataDir.resolve(AppInstance.INBOX));
      java.nio.file.attribute.FileTime serverTime = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000);
      for (String name : List.of("1-1", "1-2")) {
        Path json = Files.writeString(inbox.resolve(name + ".json"), "[\"/videos/" + name + ".mp4\"]");
        Files.setLastModifiedTime(json, serverTime);
      }
      java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(1_000_000);
      instance.clock(clock::get);
      List<Long> given = new java.util.concurrent.CopyOnWriteArrayList<>();
      instance.watch((inputs, answerMillis) -> {
        given.add(answerMillis);
        clock.addAndGet(10_000); // the UI thread busy for 10 s
        return "it is busy; it queues them once it can";
      });
      for (String name : List.of("1-1", "1-2")) {
        Path reply = inbox.resolve(name + ".reply");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(reply) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals("it is busy; it queues them once it can", Files.readString(reply), name);
      }
      assertEquals(List.of(AppInstance.ANSWER_MILLIS, 2_000L), given, "answers due within (ms)");
    } finally {
      instance.close();
    }
  }

  /**
   * Hand-offs already in the inbox when the window opens (written while it started, or while no window
   * was open) are as old as their files, by the inbox's clock: one written 11 s before has 1 s of its
   * launch's wait left, one written 30 s before none (its launch has given up). They counted as new:
   * each was due 12 s later. One handed over once the window watches is dated when the window sees
   * it, whatever its file's time (an NFS server whose clock is behind).
   */
  @Test
  void aHandOffLeftInTheInboxIsAsOldAsItsFile(@TempDir Path dataDir) throws Exception {
    AppInstance instance = claimed(dataDir);
    try {
      Path inbox = Files.createDirectories(dataDir.resolve(AppInstance.INBOX));
      long wall = System.currentTimeMillis();
      for (var handOff : java.util.Map.of("1-11s", 11_000L, "1-30s", 30_000L).entrySet()) {
        Path json = Files.writeString(inbox.resolve(handOff.getKey() + ".json"), "[\"/videos/" + handOff.getKey() + ".mp4\"]");
        Files.setLastModifiedTime(json, java.nio.file.attribute.FileTime.fromMillis(wall - handOff.getValue()));
      }
      java.util.Map<String, Long> given = new java.util.concurrent.ConcurrentHashMap<>();
      instance.watch((inputs, answerMillis) -> {
        given.put(inputs.getFirst().getFileName().toString(), answerMillis);
        return "added 1 video to its queue";
      });
      waitForReply(inbox, "1-11s");
      waitForReply(inbox, "1-30s");
      long early = given.get("1-11s.mp4");
      // Not exactly 1 s: the file's time is the kernel's coarse clock, a few ms behind currentTimeMillis (1000 to
      // 1020), and a loaded machine takes its time to list and take it (down to 100); as new it was 12 s.
      assertTrue(early >= 100 && early <= 1_020, "written 11 s before the window opened: due within " + early + " ms, not 12 s");
      assertEquals(0L, given.get("1-30s.mp4"), "written 30 s before: its launch has given up");

      Path later = Files.writeString(inbox.resolve("2-1.json"), "[\"/videos/later.mp4\"]");
      Files.setLastModifiedTime(later, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
      waitForReply(inbox, "2-1");
      assertTrue(given.get("later.mp4") > AppInstance.ANSWER_MILLIS - 1_000, "handed over to the open window: due within "
          + given.get("later.mp4") + " ms");
      try (var s = Files.list(inbox)) {
        assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith("clock-")).toList(), "the clock's file is gone");
      }
    } finally {
      instance.close();
    }
  }

  /**
   * Where the inbox's clock cannot be read (its file cannot be made there), a hand-off left in it is
   * dated as new: its file's time (a file server's, a minute behind this machine's clock) against this
   * machine's clock made one just written look given up. A file that reads the clock but cannot be
   * deleted leaves its reading: one written 11 s before by the server's clock has 1 s left.
   */
  @Test
  void aHandOffIsDatedByTheInboxsClockOrAsNew(@TempDir Path root) throws Exception {
    long serverNow = System.currentTimeMillis() - 60_000; // the file server's clock, a minute behind
    assertEquals(AppInstance.ANSWER_MILLIS, answerGiven(root.resolve("no-clock"), serverNow, inbox -> {
      throw new java.io.IOException("Read-only file system");
    }), "written just now, by a clock a minute behind, and no file to read that clock: new");
    assertEquals(1_000L, answerGiven(root.resolve("undeletable-clock"), serverNow - 11_000, inbox -> {
      Path held = Files.createDirectories(inbox.resolve("clock-held")); // a folder with a file in it: no delete
      Files.writeString(held.resolve("in-it"), "");
      Files.setLastModifiedTime(held, java.nio.file.attribute.FileTime.fromMillis(serverNow));
      return held;
    }), "written 11 s before by the server's clock, which its file read though it stayed");
  }

  /**
   * The answer due for the one hand-off left, its file dated {@code writtenAt}, in the inbox of a
   * window opening on {@code dataDir}, whose clock's file {@code clockFile} makes; no time passes.
   */
  private static long answerGiven(Path dataDir, long writtenAt, AppInstance.ClockFile clockFile) throws Exception {
    AppInstance instance = claimed(Files.createDirectories(dataDir));
    try {
      Path inbox = Files.createDirectories(dataDir.resolve(AppInstance.INBOX));
      Path json = Files.writeString(inbox.resolve("1-1.json"), "[\"/videos/1-1.mp4\"]");
      Files.setLastModifiedTime(json, java.nio.file.attribute.FileTime.fromMillis(writtenAt));
      instance.clock(() -> 1_000_000);
      instance.clockFile(clockFile);
      List<Long> given = new java.util.concurrent.CopyOnWriteArrayList<>();
      instance.watch((inputs, answerMillis) -> {
        given.add(answerMillis);
        return "added 1 video to its queue";
      });
      waitForReply(inbox, "1-1");
      return given.getFirst();
    } finally {
      instance.close();
    }
  }

  private static void waitForReply(Path inbox, String name) throws Exception {
    Path reply = inbox.resolve(name + ".reply");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(reply) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals("added 1 video to its queue", Files.readString(reply), name);
  }

  /**
   * A launch on another machine than the window's gives up on a window that is queuing its videos:
   * it says they were taken (the window queues them), and the hand-off stays, to be answered.
   */
  @Test
  void aHandOffBeingQueuedIsNotWithdrawn(@TempDir Path dataDir) throws Exception {
    AppInstance instance = claimed(dataDir);
    CountDownLatch queuing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Path> clip = List.of(Path.of("/videos/clip.mp4"));
    try {
      instance.watch((inputs, answerMillis) -> {
        queuing.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "added " + AppInstance.videos(inputs.size()) + " to its queue";
      });
      Path inbox = Files.createDirectories(dataDir.resolve(AppInstance.INBOX));
      Path tmp = Files.writeString(inbox.resolve("1-2.json.tmp"), "[\"/videos/clip.mp4\"]");
      Path handedOff = Files.move(tmp, inbox.resolve("1-2.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      assertTrue(queuing.await(10, TimeUnit.SECONDS), "the hand-off was not taken");
      // The folder as a launch on another machine sees it: the lock names the window's host.
      Path shared = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-shared"));
      Files.writeString(shared.resolve(AppInstance.LOCK_FILE), "otherhost 4242\n");
      assertEquals("FrameFork is already open: it has taken the 1 video but not answered; it may be open on host otherhost (pid 4242)",
          AppInstance.unanswered(shared, clip, handedOff));
      release.countDown();
      Path reply = inbox.resolve("1-2.reply");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.exists(reply) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals("added 1 video to its queue", Files.readString(reply), "the window answered the hand-off it queued");
      try (var s = Files.list(inbox)) {
        assertEquals(List.of(reply), s.toList(), "the hand-off is gone once answered");
      }
      assertFalse(Files.exists(handedOff));
    } finally {
      release.countDown();
      instance.close();
    }
  }

  /** The window's hold on {@code dataDir}. */
  private static AppInstance claimed(Path dataDir) {
    AppInstance instance = AppInstance.claim(dataDir);
    assertNotNull(instance, "the folder is free");
    return instance;
  }

  private static long handOffs(Path inbox) throws java.io.IOException {
    if (!Files.isDirectory(inbox)) {
      return 0;
    }
    try (var s = Files.list(inbox)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
