package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.JLabel;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobObserver;
import org.framefork.encoder.job.JobOptions;
import org.junit.jupiter.api.Test;

/** The last job's summary under the lanes ("a.mp4: 1.2 s parallel; ...") is gone once the next job starts. */
class NextJobSummaryTest {
  @Test
  void theNextJobStartsWithoutTheLastOnesSummary() throws Exception {
    Path dir = UiTestSupport.emptyFolder("next-job-summary");
    Path a = Drops.clip(dir, "a.mp4");
    Path b = Drops.clip(dir, "b.mp4");
    Path out = Files.createDirectories(dir.resolve("out"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JLabel summary = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.workers(), "speedup", JLabel.class));
      List<String> atStart = new ArrayList<>(); // the line under the lanes as each job starts, after the views have heard
      JobRecorder recorder = JobRecorder.attach(frame);
      UiTestSupport.onEdt(() -> frame.runner().addObserver(new JobObserver() {
        @Override
        public void jobStarted(QueueEntry entry, JobOptions options, boolean onUiThread) {
          atStart.add(summary.getText());
        }
      }));
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(a, b)));
      UiTestSupport.waitUntil("both are read", 30, () -> entries.stream().allMatch(e -> e.info() != null));
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      recorder.stopped.get(180, TimeUnit.SECONDS);
      assertEquals(2, UiTestSupport.onEdt(atStart::size));
      String last = UiTestSupport.onEdt(summary::getText);
      assertTrue(last.startsWith("b.mp4: "), "the second job's summary once it ended: " + last);
      assertEquals(" ", atStart.get(1), "the first job's summary under the second job's lanes");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
