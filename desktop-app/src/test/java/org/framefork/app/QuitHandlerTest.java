package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The system's Quit (Cmd+Q on macOS) with no job running closes the window and quits once the
 * queue's last save is on disk: it no longer always cancelled the quit, which left the app open.
 */
class QuitHandlerTest {
  @Test
  void theSystemsQuitWithNoJobClosesAndQuits() throws Exception {
    Path video = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path dataDir = UiTestSupport.freshDataDir();
    UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light", video.toString());
    MainFrame frame = app.frame();
    CompletableFuture<String> answer = new CompletableFuture<>();
    java.awt.desktop.QuitResponse response = new java.awt.desktop.QuitResponse() {
      @Override
      public void performQuit() {
        answer.complete("quit");
      }

      @Override
      public void cancelQuit() {
        answer.complete("cancelled");
      }
    };
    UiTestSupport.onEdt(() -> {
      frame.quit(response);
      return null;
    });
    assertEquals("quit", answer.get(20, TimeUnit.SECONDS));
    assertFalse(UiTestSupport.onEdt(frame::isDisplayable), "the window is closed");
    String saved = Files.readString(dataDir.resolve("queue.json"));
    assertTrue(saved.contains(video.getFileName().toString()), "the queue was saved before the quit: " + saved);
    assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
  }
}
