package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JList;
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
    Path clip = UiTestSupport.video("ui-160p-1s.mp4", 160, 120, 1, false);
    Path folder = Files.createDirectories(dir.resolve("takes"));
    List<Path> expected = new ArrayList<>();
    for (String name : List.of("t1.mp4", "t2.mp4", "t3.mp4")) {
      expected.add(Files.copy(clip, folder.resolve(name)));
    }
    Path single = Files.copy(clip, dir.resolve("z-first.mp4"));
    Path later = Files.copy(clip, dir.resolve("a-later.mp4"));
    expected.addFirst(single);
    expected.add(later);
    Path missing = dir.resolve("gone.mp4");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      @SuppressWarnings("unchecked")
      JList<Object> list = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.getContentPane(), "queueList", JList.class));
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
    Path a = Files.copy(UiTestSupport.video("ui-160p-1s.mp4", 160, 120, 1, false), dir.resolve("a.mp4"));
    Path missing = dir.resolve("gone.mp4");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      @SuppressWarnings("unchecked")
      JList<Object> list = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.getContentPane(), "queueList", JList.class));
      Drops.dropNow(list, Drops.files(a, missing));
      UiTestSupport.waitUntil("a.mp4 is queued", 10, () -> frame.queue().model().getSize() == 1);
      String line = UiTestSupport.onEdt(frame::messageText);
      assertTrue(line.contains(missing + ": no such file") && !line.startsWith("Nothing to add"), line);
    }
  }
}
