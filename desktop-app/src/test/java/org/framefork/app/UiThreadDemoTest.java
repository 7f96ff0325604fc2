package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.nio.file.Path;
import java.util.List;
import org.framefork.app.health.LatencyStats;
import org.framefork.app.health.StrictMode;
import org.framefork.app.health.UiBlock;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demos: the same job on the UI thread blocks it, and the watchdog catches the encode; a file
 * read on the UI thread is too quick for the watchdog, and StrictMode catches it with its stack.
 */
class UiThreadDemoTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void aJobOnTheUiThreadBlocksItAndTheWatchdogReportsTheEncodeWithItsStack() throws Exception {
    Path input = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path out = UiTestSupport.emptyFolder("ui-thread-demo");
    // Sequential with a slow preset so the block lasts well over the 1 s threshold on a fast machine too.
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--watchdog-ms", "1000", "--mode", "sequential",
        "--preset", "slower", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
      UiTestSupport.waitUntil("the input is probed", 30, () -> entry.info() != null);
      UiTestSupport.onEdt(() -> frame.uiHealth().onUiThreadSwitch().setSelected(true));

      // Posted, not waited for: the action holds the EDT for the whole job.
      EventQueue.invokeLater(() -> frame.startAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(240);
      recorder.stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);

      assertTrue(run.onUiThread());
      assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome().toString());
      assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(entry.output()));

      List<UiBlock> blocks = UiTestSupport.onEdt(() -> frame.watchdog().blocks());
      assertFalse(blocks.isEmpty(), "the watchdog reported no block");
      UiBlock block = blocks.get(0);
      assertTrue(block.blockedMillis() >= 1000, "blocked " + block.blockedMillis() + " ms");
      assertTrue(block.stackText().contains("EncodeJob"), "the stack names the encode:\n" + block.stackText());
      String banner = UiTestSupport.onEdt(() -> frame.uiHealth().blockBannerText());
      assertTrue(banner.contains("blocked for"), "the UI shows the block once it recovers: '" + banner + "'");

      LatencyStats s = UiTestSupport.onEdt(() -> frame.heartbeat().stats(run.startedAt(), run.endedAt()));
      System.out.printf("heartbeat with the job on the UI thread: %s; blocked %d ms%n", s, block.blockedMillis());
      assertTrue(s.maxMs() >= 1000, "max heartbeat latency " + s.maxMs() + " ms");
      assertTrue(s.skippedFrames() > 50, "skipped frames " + s.skippedFrames());
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  @Test
  void aFileReadOnTheUiThreadIsCaughtByStrictModeWithTheDemosMethod() throws Exception {
    Path input = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      StrictMode strict = frame.strictMode();
      assertTrue(strict != null, "StrictMode is on by default");
      UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)));
      UiTestSupport.onEdt(() -> frame.uiHealth().readDemoButton().doClick());
      UiTestSupport.waitUntil("StrictMode reports the read", 30, () -> strict.count() >= 1);
      StrictMode.Violation v = strict.violations().stream()
          .filter(x -> x.kind() == StrictMode.Kind.FILE_READ && x.target().endsWith("ui-360p-3s.mp4")).findFirst()
          .orElseThrow(() -> new AssertionError("no read of the video among " + strict.violations()));
      assertTrue(v.culprit().contains("FileReadDemo.readFileOnUiThread"), v.culprit() + "\n" + v.stackText());
      assertTrue(v.stack().stream().anyMatch(f -> f.contains("UiHealthPanel.runReadDemo")), v.stackText());
      UiTestSupport.waitUntil("the tile shows it", 10, () -> !frame.uiHealth().strictModeText().equals("0"));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
