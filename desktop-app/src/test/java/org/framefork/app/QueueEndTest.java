package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a run's end is said: a queue that ran through its entries finished; a cancelled one stopped. */
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
}
