package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import org.junit.jupiter.api.Test;

/**
 * A drop that adds nothing says why on the line beside Start, as the Add dialog does ("Nothing to
 * add: ..."): an empty folder, a folder whose videos are in its subfolders, a missing file, a web address.
 */
class SilentDropsTest {
  @Test
  void aDropThatAddsNothingSaysWhy() throws Exception {
    Path dir = UiTestSupport.emptyFolder("silent-drops");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path nested = Files.createDirectories(dir.resolve("nested"));
    Drops.clip(Files.createDirectories(nested.resolve("day1")), "a.mp4");
    Path missing = dir.resolve("gone.mp4");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JComponent list = Drops.queueList(frame);
      for (Path p : List.of(empty, nested, missing)) {
        Drops.dropNow(list, Drops.files(p));
        UiTestSupport.waitUntil("the line says why " + p + " added nothing", 10, () -> frame.messageText().contains(p.toString()));
        String line = UiTestSupport.onEdt(frame::messageText);
        assertTrue(line.startsWith("Nothing to add: " + p + ": "), line);
        if (p == nested) {
          assertTrue(line.endsWith("its subfolders are not searched: add day1 themselves"), line);
        }
        Drops.dropNow(list, Drops.files()); // a drop of nothing clears it for the next
      }
      String url = "https://example.com/clip.mp4";
      Drops.dropNow(list, Drops.uriList(url));
      UiTestSupport.waitUntil("the line names the web address", 10, () -> frame.messageText().contains(url));
      String line = UiTestSupport.onEdt(frame::messageText);
      assertTrue(line.startsWith("Nothing to add: " + url + ": "), line);
      assertEquals(0, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
