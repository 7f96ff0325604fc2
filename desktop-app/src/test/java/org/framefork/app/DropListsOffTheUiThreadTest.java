package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A dropped folder is listed off the UI thread (a folder of thousands of images, a network share
 * froze the window): the drop returns before anything is added, then its videos come in the order
 * named, drops one after another in the order dropped, and what brought nothing is said.
 */
class DropListsOffTheUiThreadTest {
  @Test
  void aDroppedFolderIsListedOffTheUiThreadInOrder() throws Exception {
    Path dir = UiTestSupport.emptyFolder("drop-lists-off-edt");
    Path folder = Files.createDirectories(dir.resolve("takes"));
    List<Path> expected = new ArrayList<>();
    for (String name : List.of("t1.mp4", "t2.mp4", "t3.mp4")) {
      expected.add(Drops.clip(folder, name));
    }
    Path single = Drops.clip(dir, "z-first.mp4");
    Path later = Drops.clip(dir, "a-later.mp4");
    expected.addFirst(single);
    expected.add(later);
    Path missing = dir.resolve("gone.mp4");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JComponent list = Drops.queueList(frame);
      int addedAtOnce = UiTestSupport.onEdt(() -> {
        Drops.drop(list, Drops.files(single, folder, missing));
        Drops.drop(list, Drops.files(later));
        return frame.queue().model().getSize();
      });
      assertEquals(0, addedAtOnce, "the drop listed the folder on the UI thread");
      UiTestSupport.waitUntil("all five are queued", 10, () -> frame.queue().model().getSize() == 5);
      assertEquals(expected, UiTestSupport.onEdt(() -> frame.queue().model().entries().stream().map(QueueEntry::input).toList()));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  @Test
  void theMissingFileOfADropIsSaid() throws Exception {
    Path dir = UiTestSupport.emptyFolder("drop-lists-off-edt-2");
    Path a = Drops.clip(dir, "a.mp4");
    Path missing = dir.resolve("gone.mp4");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JComponent list = Drops.queueList(frame);
      Drops.dropNow(list, Drops.files(a, missing));
      UiTestSupport.waitUntil("a.mp4 is queued", 10, () -> frame.queue().model().getSize() == 1);
      String line = UiTestSupport.onEdt(frame::messageText);
      assertTrue(line.contains(missing + ": no such file") && !line.startsWith("Nothing to add"), line);
    }
  }
}
