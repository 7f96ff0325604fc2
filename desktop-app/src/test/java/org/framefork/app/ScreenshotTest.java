package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Screenshots of the window in the light and the dark theme while a job runs, saved to
 * target/screenshots (the README's come from here). The theme is switched mid-encode, which also
 * checks that a theme change during a job touches Swing on the EDT only.
 */
class ScreenshotTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void lightAndDarkScreenshotsDuringAnEncode() throws Exception {
    Path small = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path big = UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, false);
    // Names a person might have in a queue; the content is the same test pattern.
    Path intro = copy(small, "intro-360p.mp4");
    Path talk = copy(big, "talk-720p.mp4");
    Path broll = copy(big, "b-roll-720p.mp4");
    Path out = UiTestSupport.emptyFolder("screenshots");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--workers", "2", "--mode", "parallel",
        "--preset", "slow", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> {
        frame.setSize(1280, 820);
        frame.validate();
      });
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(intro, talk, broll)));
      UiTestSupport.waitUntil("the inputs are probed", 30, () -> entries.stream().allMatch(e -> e.info() != null));
      UiTestSupport.onEdt(() -> frame.settings().setPreset("medium"));
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      UiTestSupport.waitUntil("the first video is done", 120, () -> entries.get(0).state() == QueueEntry.State.DONE);
      UiTestSupport.onEdt(() -> frame.settings().setPreset("slow"));
      QueueEntry second = entries.get(1);
      UiTestSupport.waitUntil("the second video is a quarter done", 180, () -> second.fraction() >= 0.25);

      Path light = UiTestSupport.screenshot(frame, "encoding-light");
      UiTestSupport.onEdt(() -> frame.setDark(true));
      UiTestSupport.waitUntil("more frames are done", 120, () -> second.fraction() >= 0.45);
      Thread.sleep(400); // FlatLaf's theme cross-fade lasts about 160 ms
      Path dark = UiTestSupport.screenshot(frame, "encoding-dark");

      UiTestSupport.onEdt(() -> frame.cancelAction().actionPerformed(null));
      recorder.stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);
      UiTestSupport.onEdt(() -> frame.setDark(false));

      for (Path p : List.of(light, dark)) {
        assertTrue(Files.size(p) > 20_000, p + " is suspiciously small");
      }
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  private static Path copy(Path from, String name) throws java.io.IOException {
    Path to = UiTestSupport.MEDIA.resolve(name);
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }
}
