package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A second launch's hand-off to a window whose UI thread is busy for seconds says what happened
 * whenever the window answers within the launch's wait: its videos were queued. It said "it is busy"
 * after 6 s, even when they had been queued meanwhile; "busy" is now the answer only of a window
 * that has not taken them at all by the end of the launch's wait.
 */
class HandOffToABusyWindowTest {
  @Test
  void aBusyWindowAnswersThatItQueuedTheHandOff() throws Exception {
    Path first = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path second = UiTestSupport.video("ui-640x360-8s-g15.mp4", 640, 360, 8, true);
    Path dataDir = UiTestSupport.freshDataDir();
    try (UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light")) {
      MainFrame frame = app.frame();
      Path folder = dataDir.toRealPath();
      assertEquals("FrameFork is already open", AppInstance.handOff(folder, List.of()).line(),
          "the window takes hand-offs (it starts to once it is open)");

      // Busy before the hand-off: past the 6 s the window waited for its UI thread, within the launch's 15 s.
      busyFor(8_000);
      long start = System.nanoTime();
      String line = AppInstance.handOff(folder, List.of(first.toAbsolutePath())).line();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("answered after %.1f s: %s%n", seconds, line);
      assertEquals("FrameFork is already open: added 1 video to its queue", line);
      assertTrue(seconds > 7, "the UI thread was not busy: answered after " + seconds + " s");

      // Queued at once, then busy past the end of the window's wait, before it could answer with what reading found.
      AtomicBoolean blocked = new AtomicBoolean();
      UiTestSupport.onEdt(() -> {
        frame.queue().model().addListDataListener(new javax.swing.event.ListDataListener() {
          @Override
          public void intervalAdded(javax.swing.event.ListDataEvent e) {
            if (!blocked.getAndSet(true)) {
              EventQueue.invokeLater(() -> sleep(AppInstance.ANSWER_MILLIS + 1_000));
            }
          }

          @Override
          public void intervalRemoved(javax.swing.event.ListDataEvent e) {}

          @Override
          public void contentsChanged(javax.swing.event.ListDataEvent e) {}
        });
        return null;
      });
      assertEquals("FrameFork is already open: added 1 video to its queue, still being read",
          AppInstance.handOff(folder, List.of(second.toAbsolutePath())).line());
      List<Path> inputs = UiTestSupport.onEdt(() -> frame.queue().model().entries().stream().map(QueueEntry::input).toList());
      assertEquals(List.of(first.toAbsolutePath(), second.toAbsolutePath()), inputs);
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /** Keeps the UI thread busy for {@code millis}, from now. */
  private static void busyFor(long millis) throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    EventQueue.invokeLater(() -> {
      started.countDown();
      sleep(millis);
    });
    assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
