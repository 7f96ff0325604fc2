package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A closed window writes its queue file no more: a probe or a count that ends after the close would
 * otherwise write it after the data folder was let go, over the queue of the window that opened it next.
 */
class NoSaveAfterCloseTest {
  @Test
  void aChangeAfterTheCloseIsNotSaved() throws Exception {
    Path video = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path dataDir = UiTestSupport.freshDataDir();
    Path queueFile = dataDir.resolve("queue.json");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light", video.toString())) {
      MainFrame frame = app.frame();
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().model().entries().getFirst());
      UiTestSupport.onEdt(() -> {
        frame.dispose();
        return null;
      });
      assertTrue(frame.data().queue().awaitWritten(10_000));
      String closed = Files.readString(queueFile);
      // What a probe that ends after the close does: the entry changes and the model says so.
      UiTestSupport.onEdt(() -> {
        entry.failed("read after the window closed");
        frame.queue().model().changed(entry);
        return null;
      });
      assertTrue(frame.data().queue().awaitWritten(10_000));
      assertEquals(closed, Files.readString(queueFile), "the queue file was written after the window closed");
      assertEquals(List.of(), app.edt().violations());
    }
  }
}
