package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.app.queue.BundledSamples;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueueModel;
import org.junit.jupiter.api.Test;

/** The queue's order and the bundled samples' lookup, and the theme being remembered. */
class QueueAndPreferencesTest {
  @Test
  void entriesMoveUpAndDownAndStayWithinTheQueue() {
    QueueModel q = new QueueModel();
    QueueEntry a = new QueueEntry(Path.of("a.mp4"));
    QueueEntry b = new QueueEntry(Path.of("b.mp4"));
    QueueEntry c = new QueueEntry(Path.of("c.mp4"));
    List.of(a, b, c).forEach(q::add);
    assertEquals(0, q.move(c, -2));
    assertEquals(List.of(c, a, b), q.entries());
    assertEquals(0, q.move(c, -1));
    assertEquals(2, q.move(a, 5));
    assertEquals(List.of(c, b, a), q.entries());
    q.remove(b);
    assertEquals(List.of(c, a), q.entries());
  }

  @Test
  void bundledSamplesAreTheMp4FilesOfSamplesMediaUnderTheAppHome() throws Exception {
    Path home = UiTestSupport.emptyFolder("app-home");
    Path media = Files.createDirectories(home.resolve("samples/media"));
    Files.writeString(media.resolve("b.mp4"), "");
    Files.writeString(media.resolve("a.mp4"), "");
    Files.writeString(media.resolve("readme.txt"), "");
    String old = System.getProperty("framefork.home");
    System.setProperty("framefork.home", home.toString());
    try {
      assertTrue(BundledSamples.searchedFolders().contains(media.toAbsolutePath().normalize()));
      assertEquals(List.of(media.resolve("a.mp4"), media.resolve("b.mp4")), BundledSamples.find());
    } finally {
      if (old == null) {
        System.clearProperty("framefork.home");
      } else {
        System.setProperty("framefork.home", old);
      }
    }
  }

  @Test
  void theThemeToggleIsRememberedBetweenRuns() {
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      UiTestSupport.onEdt(() -> app.frame().setDark(true));
      assertTrue(AppPreferences.open(true).dark(), "dark theme saved");
    }
    // The next run, given no theme on the command line, starts dark.
    try (UiTestSupport.Launched app = UiTestSupport.launch()) {
      assertTrue(UiTestSupport.onEdt(Theme::isDark));
      UiTestSupport.onEdt(() -> app.frame().setDark(false));
      assertFalse(AppPreferences.open(true).dark());
    }
  }
}
