package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.WindowEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.AbstractButton;
import javax.swing.Action;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retry on an idle queue encodes that entry alone (the others wait for Start and its settings);
 * Start with only a failed entry says it needs Retry; the quit dialog's buttons say what they do.
 */
class RetryRunsOneEntryTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void retryEncodesThatEntryAloneAndTheQuitDialogNamesItsChoices() throws Exception {
    Path out = UiTestSupport.emptyFolder("retry-one");
    Path source = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path gone = out.resolve("moved-away.mp4");
    Files.copy(source, gone, StandardCopyOption.REPLACE_EXISTING);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder failing = JobRecorder.attach(frame);
      QueueEntry first = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(gone)).getFirst());
      UiTestSupport.waitUntil("it is read", 30, () -> first.info() != null);
      assertEquals("1 waiting; press Start.", UiTestSupport.onEdt(() -> frame.progress().figuresText()));
      Files.delete(gone);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      assertInstanceOf(JobOutcome.Failed.class, failing.awaitRun(60).outcome());
      failing.stopped.get(30, TimeUnit.SECONDS);
      // The queue is past its only job, which failed at once: not "Queue 1 of 1 · 0%".
      assertEquals("Queue 1 of 1 · 100%", UiTestSupport.onEdt(() -> frame.progress().overallText()));

      // Start again: the failed entry is there, and what to do with it is said.
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      String message = UiTestSupport.onEdt(frame::messageText);
      assertTrue(message.contains("failed entry") && message.contains("Retry"), message);

      // The file is back and another video waits: Retry encodes the failed one only.
      Files.copy(source, gone, StandardCopyOption.REPLACE_EXISTING);
      QueueEntry waiting = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(source)).getFirst());
      UiTestSupport.waitUntil("the second is read", 30, () -> waiting.info() != null);
      JobRecorder retried = JobRecorder.attach(frame);
      Action retry = UiTestSupport.onEdt(() -> {
        frame.queue().select(first);
        return frame.queue().entryActions().get(1);
      });
      assertEquals("Retry", retry.getValue(Action.NAME));
      UiTestSupport.onEdt(() -> {
        retry.actionPerformed(null);
        // A close while it encodes asks, with buttons that say what they do.
        java.awt.EventQueue.invokeLater(() -> frame.dispatchEvent(new WindowEvent(frame, WindowEvent.WINDOW_CLOSING)));
      });
      UiTestSupport.waitUntil("the quit dialog shows", 30, () -> UiTestSupport.quitDialog() != null);
      List<String> buttons = UiTestSupport.onEdt(() -> UiTestSupport.buttonsOf(UiTestSupport.quitDialog()).stream()
          .map(AbstractButton::getText).toList());
      assertEquals(List.of("Stop encoding and quit", "Keep encoding"), buttons);
      UiTestSupport.onEdt(() -> UiTestSupport.buttonsOf(UiTestSupport.quitDialog()).getLast().doClick());

      JobRun run = retried.awaitRun(180);
      retried.stopped.get(30, TimeUnit.SECONDS);
      assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome().toString());
      assertEquals(first, run.entry());
      assertEquals(90, DebianFfmpeg.decodedFrames(UiTestSupport.onEdt(first::output)));
      String last = UiTestSupport.onEdt(() -> frame.progress().figuresText());
      assertTrue(last.startsWith("Last: moved-away.mp4 done in ") && last.endsWith(" → " + first.output())
          && last.matches(".*\\(\\d+(\\.\\d+)? KiB\\).*"), "the output's size in the CLI's units, and its full path: " + last);
      assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(waiting::state), "the other entry waits for Start");
      // The bar is the run's: the entry that waits for Start is not in it, nor a video added after it ended.
      assertEquals("Queue 1 of 1 · 100%", UiTestSupport.onEdt(() -> frame.progress().overallText()));
      Path another = Files.copy(source, out.resolve("another.mp4"), StandardCopyOption.REPLACE_EXISTING);
      UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(another)));
      assertEquals("Queue 1 of 1 · 100%", UiTestSupport.onEdt(() -> frame.progress().overallText()));
      assertEquals(2, UiTestSupport.onEdt(() -> frame.runner().runs().size()), "the failed job and the retried one, no other");
      assertTrue(UiTestSupport.onEdt(frame::isDisplayable), "Keep encoding kept the window open");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /**
   * A Retry refused because the queue runs on through its entries: the failed entry, which this run
   * will encode again, is one of its jobs, not two (the failed one and a waiting one).
   */
  @Test
  void aRetryWhileTheQueueRunsCountsTheEntryOnce() throws Exception {
    Path out = UiTestSupport.emptyFolder("retry-while-running");
    Path source = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path longer = UiTestSupport.video("ui-360p-10s.mp4", 640, 360, 10, true);
    Path gone = Files.copy(source, out.resolve("moved-away.mp4"), StandardCopyOption.REPLACE_EXISTING);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(gone, longer)));
      UiTestSupport.waitUntil("both are read", 30, () -> entries.stream().allMatch(e -> e.info() != null));
      Files.delete(gone);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      UiTestSupport.waitUntil("the second encodes", 60, () -> frame.runner().current() == entries.get(1));
      Files.copy(source, gone);
      String said = UiTestSupport.onEdt(() -> {
        String refused = frame.runner().start(entries.getFirst()); // as Retry does: the failed entry waits again
        return refused + " | " + (frame.runner().current() == entries.get(1) ? frame.runner().overall().jobsTotal() : -1);
      });
      assertTrue(said.startsWith("The queue is already running; this one runs after"), said);
      assertTrue(said.endsWith(" | 2"), "two jobs, the retried one once: " + said);
      UiTestSupport.onEdt(() -> frame.runner().cancel());
      recorder.stopped.get(120, TimeUnit.SECONDS);
    }
  }
}
