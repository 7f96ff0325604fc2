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
    instance.watch((inputs, answerMillis) -> {
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

  /**
   * The window closes while a hand-off's videos are still being read: closing drops their probes, and
   * answers the launch at once with what it added, so the hand-off leaves the inbox and the next window
   * does not take it again.
   */
  @Test
  void aWindowClosingWhileAHandOffIsReadAnswersIt() throws Exception {
    Path video = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path dataDir = UiTestSupport.freshDataDir();
    Path links = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-links"));
    List<Path> inputs = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) { // 40 names of one video: reading them all takes longer than closing
      inputs.add(Files.createSymbolicLink(links.resolve("clip-" + i + ".mp4"), video.toAbsolutePath()));
    }
    UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light");
    MainFrame frame = app.frame();
    AtomicBoolean closed = new AtomicBoolean();
    long[] closing = new long[1];
    UiTestSupport.onEdt(() -> {
      frame.queue().model().addListDataListener(new javax.swing.event.ListDataListener() {
        @Override
        public void intervalAdded(javax.swing.event.ListDataEvent e) {
          if (!closed.getAndSet(true)) {
            // Right after the hand-off is queued, before its videos are read.
            java.awt.EventQueue.invokeLater(() -> {
              closing[0] = System.nanoTime();
              frame.dispose();
            });
          }
        }

        @Override
        public void intervalRemoved(javax.swing.event.ListDataEvent e) {}

        @Override
        public void contentsChanged(javax.swing.event.ListDataEvent e) {}
      });
      return null;
    });
    CompletableFuture<String> launch = CompletableFuture.supplyAsync(() -> AppInstance.handOff(real(dataDir), inputs).line());
    String line = launch.get(20, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - closing[0]) / 1e9;
    assertTrue(line.startsWith("FrameFork is already open: added 40 videos to its queue"), line);
    assertTrue(seconds < 2.5, "the launch was answered " + seconds + " s after the window closed");
    try (var s = Files.list(dataDir.resolve(AppInstance.INBOX))) {
      assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".json")).toList(), "the hand-off is still in the inbox");
    }
    app.close();
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
      instance.watch((inputs, answerMillis) -> "added");
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
   * The lock file says which machine and process hold the folder, while they hold it: a launch that
   * gets no answer, on another machine that shares the folder (a home over NFS), says where the window
   * may be. The host alone refuses nothing (a name that changed would refuse this machine's launch).
   */
  @Test
  void theLockSaysWhichMachineHoldsTheFolder(@TempDir Path dataDir) throws Exception {
    AppInstance instance = AppInstance.claim(dataDir);
    assertNotNull(instance);
    List<Path> clip = List.of(Path.of("/videos/clip.mp4"));
    try {
      assertEquals(AppInstance.localHost() + " " + ProcessHandle.current().pid(),
          Files.readString(dataDir.resolve(AppInstance.LOCK_FILE)).strip());
      assertEquals("FrameFork is already open: it has not answered yet; the 1 video joins its queue when it does",
          AppInstance.unanswered(real(dataDir), clip, dataDir.resolve("none.json")), "held on this machine: no host named");
    } finally {
      instance.close();
    }
    assertEquals("", Files.readString(dataDir.resolve(AppInstance.LOCK_FILE)), "a closed window is not named");
    Path shared = Files.createDirectories(dataDir.resolve("shared"));
    Files.writeString(shared.resolve(AppInstance.LOCK_FILE), "otherhost 4242\n");
    Path handedOff = Files.writeString(shared.resolve("1-2.json"), "[\"/videos/clip.mp4\"]");
    assertEquals(AppInstance.REFUSED + "FrameFork is open on " + shared + " and has not answered; it may be open on host "
        + "otherhost (pid 4242); nothing was handed over: use another --data-dir", AppInstance.unanswered(shared, clip, handedOff));
    assertFalse(Files.exists(handedOff), "taken back: that machine may not reach this one's paths");
    assertEquals("FrameFork is already open: it has taken the 1 video but not answered; it may be open on host otherhost (pid 4242)",
        AppInstance.unanswered(shared, clip, handedOff), "taken by that window meanwhile: it may still queue them");
    assertTrue(!AppInstance.localHost().isBlank());
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
