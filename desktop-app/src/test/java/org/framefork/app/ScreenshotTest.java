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
 * target/screenshots (the README's come from here). The light run also switches the theme in the
 * middle of the encode, which must touch Swing on the EDT only.
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
    List<Path> inputs = List.of(copy(small, "intro-360p.mp4"), copy(big, "talk-720p.mp4"), copy(big, "b-roll-720p.mp4"));

    // Dark first: the first encode in a fresh JVM also pays for the JIT compiling the engine and the views.
    Path dark = encodeAndCapture("--dark", inputs, "encoding-dark", 0.40, false);
    Path light = encodeAndCapture("--light", inputs, "encoding-light", 0.40, true);
    for (Path p : List.of(light, dark)) {
      assertTrue(Files.size(p) > 20_000, p + " is suspiciously small");
    }
  }

  @Test
  void strictModeCatchingTheFileReadDemo() throws Exception {
    Path small = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path input = copy(small, "intro-360p.mp4");
    Path out = UiTestSupport.emptyFolder("screenshots-strictmode");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--workers", "2", "--mode", "parallel", "--preset", "medium",
        "--crf", "23", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> {
        frame.setSize(1280, 860);
        frame.validate();
      });
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)));
      UiTestSupport.waitUntil("the input is probed", 30, () -> entries.getFirst().info() != null);
      Thread.sleep(8000); // start-up (the engine's warm-up) leaves the 10-second window the figures cover
      UiTestSupport.onEdt(() -> frame.uiHealth().readDemoButton().doClick());
      UiTestSupport.waitUntil("StrictMode shows the read", 30, () -> frame.strictMode().violations().stream()
          .anyMatch(v -> v.culprit().contains("FileReadDemo.readFileOnUiThread")) && !frame.uiHealth().strictModeText().equals("0"));
      Thread.sleep(500);
      Path shot = UiTestSupport.screenshot(frame, "strictmode-demo");
      assertTrue(Files.size(shot) > 20_000, shot + " is suspiciously small");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /**
   * Encodes the first video, captures the window once the second is {@code fraction} done, then
   * cancels. With {@code switchTheme} the theme is flipped twice mid-encode after the capture.
   */
  private static Path encodeAndCapture(String theme, List<Path> inputs, String name, double fraction, boolean switchTheme)
      throws Exception {
    Path out = UiTestSupport.emptyFolder("screenshots-" + name);
    try (UiTestSupport.Launched app = UiTestSupport.launch(theme, "--workers", "2", "--mode", "parallel",
        "--preset", "medium", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> {
        frame.setSize(1280, 860);
        frame.validate();
      });
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(inputs));
      UiTestSupport.waitUntil("the inputs are probed", 30, () -> entries.stream().allMatch(e -> e.info() != null));
      // As a person would: the window settles (first paints, the engine's warm-up in the background) before
      // Start, and start-up leaves the 10-second window the UI-thread figures cover.
      Thread.sleep(8000);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      UiTestSupport.waitUntil("the first video is done", 120, () -> entries.get(0).state() == QueueEntry.State.DONE);
      // A slower preset for the rest, so the capture finds it mid-encode on a fast machine too.
      UiTestSupport.onEdt(() -> frame.settings().setPreset("slow"));
      QueueEntry second = entries.get(1);
      UiTestSupport.waitUntil("the second video is under way", 180, () -> second.fraction() >= fraction);
      Path shot = UiTestSupport.screenshot(frame, name);

      if (switchTheme) {
        UiTestSupport.onEdt(() -> frame.setDark(true));
        Thread.sleep(300);
        UiTestSupport.onEdt(() -> frame.setDark(false));
      }
      UiTestSupport.onEdt(() -> frame.cancelAction().actionPerformed(null));
      recorder.stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      return shot;
    }
  }

  private static Path copy(Path from, String name) throws java.io.IOException {
    Path to = UiTestSupport.MEDIA.resolve(name);
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }
}
