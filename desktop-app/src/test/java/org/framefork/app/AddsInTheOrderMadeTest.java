package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.swing.JComponent;
import org.framefork.app.queue.BundledSamples;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueuePanel;
import org.junit.jupiter.api.Test;

/**
 * Adds come into the queue in the order made: a hand-off from a second launch and Add bundled samples,
 * made while a dropped folder is still being listed, come after the folder's videos, not before.
 */
class AddsInTheOrderMadeTest {
  @Test
  void aHandOffAndTheSamplesWaitForADropBeingListed() throws Exception {
    Path dir = UiTestSupport.emptyFolder("adds-in-order");
    Path folder = Files.createDirectories(dir.resolve("takes"));
    List<Path> expected = new ArrayList<>(List.of(Drops.clip(folder, "t1.mp4"), Drops.clip(folder, "t2.mp4")));
    Path handedOver = Drops.clip(dir, "handed-over.mp4");
    expected.add(handedOver);
    List<Path> samples = BundledSamples.find();
    assertTrue(!samples.isEmpty(), "the bundled samples are found from " + Path.of("").toAbsolutePath());
    expected.addAll(samples);
    Path dataDir = UiTestSupport.freshDataDir();
    CountDownLatch release = new CountDownLatch(1);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light")) {
      MainFrame frame = app.frame();
      // The lister slow on a folder (a network share): held until the other adds have been made.
      ExecutorService lister = lister(frame.queue());
      CountDownLatch holding = new CountDownLatch(1);
      lister.execute(() -> {
        holding.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertTrue(holding.await(10, TimeUnit.SECONDS));
      JComponent list = Drops.queueList(frame);
      assertTrue(Drops.dropNow(list, Drops.files(folder)));
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(
          () -> AppInstance.handOff(real(dataDir), List.of(handedOver.toAbsolutePath())).line());
      Path inbox = dataDir.resolve(AppInstance.INBOX);
      UiTestSupport.waitUntil("the window has taken the hand-off", 10, () -> taken(inbox));
      UiTestSupport.onEdt(() -> frame.queue().addSamplesAction().actionPerformed(null));
      Thread.sleep(300); // an add made at once would be in the queue by now
      assertEquals(0, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()), "an add came before the drop being listed");
      release.countDown();
      assertEquals("FrameFork is already open: added 1 video to its queue", answer.get(20, TimeUnit.SECONDS));
      UiTestSupport.waitUntil("all are queued", 10, () -> frame.queue().model().getSize() == expected.size());
      List<Path> queued = UiTestSupport.onEdt(() -> frame.queue().model().entries().stream().map(QueueEntry::input).toList());
      // The folder's first; then the hand-off and the samples, in the order the window took them (its
      // inbox thread may hand the hand-off on a moment after it marks it taken).
      assertEquals(expected.subList(0, 2), queued.subList(0, 2), "the drop's videos come first");
      assertEquals(new java.util.HashSet<>(expected.subList(2, expected.size())), new java.util.HashSet<>(queued.subList(2, queued.size())));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    } finally {
      release.countDown();
    }
  }

  private static ExecutorService lister(QueuePanel queue) throws ReflectiveOperationException {
    java.lang.reflect.Field f = QueuePanel.class.getDeclaredField("lister");
    f.setAccessible(true);
    return (ExecutorService) f.get(queue);
  }

  private static boolean taken(Path inbox) {
    try (var s = Files.list(inbox)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith(".taken"));
    } catch (java.io.IOException e) {
      return false;
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
