package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A text/uri-list with a line the queue cannot take (a file on another host) queues the rest, and
 * the line beside Start names the one left out; file://localhost/ is this machine (RFC 8089).
 */
class UriListDropTest {
  @Test
  void oneBadLineLosesOnlyItself() throws Exception {
    Path dir = UiTestSupport.emptyFolder("uri-list-drop");
    Path a = Drops.clip(dir, "a.mp4");
    Path b = Drops.clip(dir, "b c.mp4"); // a space: %20 in its URI
    String away = "file://editing-suite/mnt/takes/x.mp4";
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JComponent list = Drops.queueList(frame);
      boolean taken = Drops.dropNow(list, Drops.uriList("# dropped from a file manager",
          "file://localhost" + a.toUri().getRawPath(), away, b.toUri().toString()));
      assertTrue(taken);
      UiTestSupport.waitUntil("both files are queued", 10, () -> frame.queue().model().getSize() == 2);
      assertEquals(List.of(a, b), UiTestSupport.onEdt(() -> frame.queue().model().entries().stream().map(QueueEntry::input).toList()));
      String line = UiTestSupport.onEdt(frame::messageText);
      assertTrue(line.contains(away) && line.contains("another computer"), line);
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
