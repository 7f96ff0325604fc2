package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractButton;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobWorkspace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a run's end is said: a queue that ran through its entries finished (it did not stop), and a
 * window closed by "Stop encoding and quit" saves the job's line about what it keeps for Resume.
 */
class QueueEndTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void aQueueThatRanThroughSaysFinishedAndACancelledOneStopped() throws Exception {
    Path input = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path out = UiTestSupport.emptyFolder("queue-end-finished");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--preset", "ultrafast", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = JobRecorder.queueAndStart(frame, input);
      assertInstanceOf(JobOutcome.Done.class, recorder.awaitRunAndStop(120).outcome());
      assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(entry::state));
      assertEquals("Queue finished", UiTestSupport.onEdt(() -> frame.progress().titleText()));

      Path longer = UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, false);
      JobRecorder cancelled = JobRecorder.attach(frame);
      JobRecorder.queueAndStart(frame, longer);
      UiTestSupport.waitUntil("it encodes", 60, () -> frame.runner().current() != null);
      UiTestSupport.onEdt(() -> frame.cancelAction().actionPerformed(null));
      assertInstanceOf(JobOutcome.Cancelled.class, cancelled.awaitRunAndStop(60).outcome());
      assertEquals("Queue stopped · 1 waiting", UiTestSupport.onEdt(() -> frame.progress().titleText()));
    }
  }

  @Test
  void stopEncodingAndQuitSavesWhatTheJobKeepsInItsLog() throws Exception {
    Path input = UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, false);
    Path out = UiTestSupport.emptyFolder("queue-end-quit");
    Path dataDir = UiTestSupport.freshDataDir();
    try (UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light", "--workers", "2",
        "--mode", "parallel", "--preset", "medium", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = JobRecorder.queueAndStart(frame, input);
      UiTestSupport.waitUntil("a chunk is finished", 120,
          () -> recorder.events.stream().anyMatch(e -> e instanceof JobEvent.ChunkFinished));
      UiTestSupport.onEdt(() -> java.awt.EventQueue.invokeLater(
          () -> frame.dispatchEvent(new WindowEvent(frame, WindowEvent.WINDOW_CLOSING))));
      UiTestSupport.waitUntil("the quit dialog shows", 30, () -> UiTestSupport.quitDialog() != null);
      AbstractButton stop = UiTestSupport.onEdt(() -> UiTestSupport.buttonsOf(UiTestSupport.quitDialog()).getFirst());
      assertEquals(MainFrame.STOP_AND_QUIT, stop.getText());
      UiTestSupport.onEdt(() -> stop.doClick());
      UiTestSupport.waitUntil("the window has closed", 60, () -> !frame.isDisplayable());
      assertTrue(frame.data().queue().awaitWritten(10_000));

      int finished = JobWorkspace.finishedChunks(JobWorkspace.defaultFor(UiTestSupport.onEdt(entry::output)));
      assertTrue(finished >= 1, "finished chunks: " + finished);
      String kept = "cancelled; its " + finished + " finished chunk" + (finished == 1 ? " is" : "s are") + " kept for Resume";
      JsonNode saved = new ObjectMapper().readTree(dataDir.resolve("queue.json").toFile());
      List<String> log = new ArrayList<>();
      saved.path("entries").path(0).path("log").forEach(l -> log.add(l.asText()));
      assertEquals("CANCELLED", saved.path("entries").path(0).path("state").asText(), saved::toString);
      assertTrue(log.stream().anyMatch(l -> l.endsWith(kept)), () -> "the saved log ends without \"" + kept + "\": " + log);
    }
  }
}
