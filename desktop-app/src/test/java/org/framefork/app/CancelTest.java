package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.job.JobEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancel stops the engine's workers promptly and nothing is left at the destination. */
class CancelTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void cancelMidEncodeStopsTheWorkersWithinTwoSecondsAndLeavesNoFile() throws Exception {
    Path input = UiTestSupport.video("ui-720p-6s.mp4", 1280, 720, 6, false);
    Path out = UiTestSupport.emptyFolder("cancel");
    // The engine looks at the stop flag between steps of 8 frames: a slow preset on a busy machine makes
    // one step alone take seconds, so the test uses the default preset, as a user would.
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--workers", "2", "--mode", "parallel",
        "--preset", "medium", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      UiTestSupport.waitUntil("both workers have encoded frames and a chunk is finished", 120, () -> recorder.events.stream()
          .filter(e -> e instanceof JobEvent.ChunkProgress).map(e -> ((JobEvent.ChunkProgress) e).worker()).distinct().count() == 2
          && recorder.events.stream().anyMatch(e -> e instanceof JobEvent.ChunkFinished));

      long cancelAt = System.nanoTime();
      UiTestSupport.onEdt(() -> frame.cancelAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(30);

      assertInstanceOf(JobOutcome.Cancelled.class, run.outcome(), () -> run.outcome().toString());
      JobEvent.JobFailed failed = UiTestSupport.onEdt(() -> recorder.events.stream()
          .filter(e -> e instanceof JobEvent.JobFailed).map(e -> (JobEvent.JobFailed) e).findFirst().orElseThrow());
      assertTrue(failed.cancelled(), "JobFailed says cancelled");
      double engineSeconds = (failed.at() - cancelAt) / 1e9;
      double doneSeconds = (run.endedAt() - cancelAt) / 1e9;
      System.out.printf("cancel: engine stopped after %.3f s, SwingWorker done after %.3f s%n", engineSeconds, doneSeconds);
      assertTrue(engineSeconds < 2, "workers stopped " + engineSeconds + " s after Cancel");
      assertTrue(doneSeconds < 2, "done() ran " + doneSeconds + " s after Cancel");

      assertEquals(QueueEntry.State.CANCELLED, UiTestSupport.onEdt(entry::state));
      assertEquals("cancelled", UiTestSupport.onEdt(entry::statusText));
      Path output = UiTestSupport.onEdt(entry::output);
      assertTrue(!Files.exists(output), "a file was left at " + output);
      // The row and the Last: line say how many chunks are kept, counted in the work folder.
      UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains("kept in"));
      int finished = org.framefork.encoder.job.JobWorkspace.finishedChunks(
          org.framefork.encoder.job.JobWorkspace.defaultFor(output));
      assertTrue(finished >= 1, "finished chunks: " + finished);
      String chunks = finished + " finished chunk" + (finished == 1 ? "" : "s");
      String kept = "its " + chunks + (finished == 1 ? " is" : " are") + " kept";
      assertEquals("cancelled; nothing at the destination; " + kept + " in ." + output.getFileName()
          + ".framefork-work for Resume (Remove deletes them)", UiTestSupport.onEdt(entry::detailText));
      String last = UiTestSupport.onEdt(() -> frame.progress().figuresText());
      assertEquals("Last: ui-720p-6s.mp4 cancelled; nothing at the destination; " + kept + " for Resume.", last);
      try (Stream<Path> left = Files.list(out)) {
        List<String> names = left.map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("." + output.getFileName() + ".framefork-work"), names,
            "only the hidden work folder, kept so that Start resumes the job");
      }

      // Start again: the cancelled entry resumes from its finished chunks and completes.
      JobRecorder second = JobRecorder.attach(frame);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun resumed = second.awaitRun(300);
      assertInstanceOf(JobOutcome.Done.class, resumed.outcome(), () -> resumed.outcome().toString());
      long reused = UiTestSupport.onEdt(() -> second.events.stream().filter(e -> e instanceof JobEvent.ChunkReused).count());
      assertTrue(reused >= 1, "finished chunks reused: " + reused);
      assertEquals(output, UiTestSupport.onEdt(entry::output), "the same output name");
      assertEquals(180, org.framefork.encoder.testing.DebianFfmpeg.decodedFrames(output));
      try (Stream<Path> left = Files.list(out)) {
        assertEquals(List.of(output.getFileName().toString()), left.map(p -> p.getFileName().toString()).toList());
      }
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /** A cancel before the job has probed its input keeps nothing, and the row and the Last: line say so. */
  @Test
  void aCancelBeforeTheJobStartsSaysNothingIsKept() throws Exception {
    Path input = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path out = UiTestSupport.emptyFolder("cancel-at-once");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
      UiTestSupport.waitUntil("it is read", 30, () -> entry.info() != null);
      UiTestSupport.onEdt(() -> {
        frame.startAction().actionPerformed(null);
        frame.runner().cancel(); // while the views are being set up: the engine never starts
      });
      assertInstanceOf(JobOutcome.Cancelled.class, recorder.awaitRun(30).outcome());
      recorder.stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);
      UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains("kept"));
      assertEquals("cancelled; nothing at the destination; nothing was kept: Resume encodes it from the start",
          UiTestSupport.onEdt(entry::detailText));
      assertEquals("Last: ui-360p-3s.mp4 cancelled; nothing at the destination; nothing was kept: Resume encodes it "
          + "from the start.", UiTestSupport.onEdt(() -> frame.progress().figuresText()));
      try (Stream<Path> left = Files.list(out)) {
        assertEquals(List.of(), left.toList(), "nothing written");
      }
      // Removed, the entry takes what it kept with it: the line no longer speaks of it.
      UiTestSupport.onEdt(() -> frame.queue().model().remove(entry));
      assertEquals("Last: ui-360p-3s.mp4 cancelled; nothing at the destination.",
          UiTestSupport.onEdt(() -> frame.progress().figuresText()));
    }
  }

  /**
   * Resume while a Cancel finishes would never run (the queue stops): it says to press it again once
   * stopped. Retry then leaves its entry failed and says the same: made waiting, the entry would run
   * with every other waiting one at the next Start.
   */
  @Test
  void resumeAndRetryWhileTheQueueStopsSayToPressThemAgain() throws Exception {
    Path input = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path out = UiTestSupport.emptyFolder("resume-while-stopping");
    Path other = Files.copy(input, out.resolve("other.mp4"));
    Path gone = Files.copy(input, out.resolve("gone.mp4"));
    org.framefork.app.settings.JobSettings settings = new org.framefork.app.settings.JobSettings(
        org.framefork.encoder.encode.VideoCodec.H264, "medium", 23, org.framefork.encoder.plan.ExecutionMode.PARALLEL, 2, 0,
        org.framefork.encoder.encode.Container.MP4, out, org.framefork.encoder.encode.AudioMode.AUTO, "", "", null);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
      UiTestSupport.waitUntil("it is read", 30, () -> entry.info() != null);
      List<QueueEntry> restored = UiTestSupport.onEdt(() -> {
        frame.queue().restore(List.of(new QueueEntry.Saved(other, QueueEntry.State.CANCELLED, out.resolve("other-h264.mp4"),
            0, 0, null, settings, List.of(), List.of(), List.of()), new QueueEntry.Saved(gone, QueueEntry.State.FAILED, null,
            0, 0, "gone", null, List.of(), List.of(), List.of())));
        List<QueueEntry> all = frame.queue().model().entries();
        return all.subList(all.size() - 2, all.size());
      });
      javax.swing.Action retry = UiTestSupport.onEdt(() -> frame.queue().entryActions().get(1));
      assertEquals("Retry", retry.getValue(javax.swing.Action.NAME));
      java.util.concurrent.atomic.AtomicReference<String> said = new java.util.concurrent.atomic.AtomicReference<>();
      // One EDT turn, as fast hands would: Start, Cancel, Resume, Start, then Retry (its message is modal).
      java.awt.EventQueue.invokeLater(() -> {
        frame.startAction().actionPerformed(null);
        frame.runner().cancel();
        said.set(frame.runner().start(restored.get(0)) + " | " + frame.runner().start());
        frame.queue().select(restored.get(1));
        retry.actionPerformed(null);
      });
      UiTestSupport.waitUntil("the message shows", 30, () -> message() != null);
      String retried = UiTestSupport.onEdt(() -> {
        javax.swing.JDialog d = message();
        String text = String.valueOf(((javax.swing.JOptionPane) d.getContentPane().getComponent(0)).getMessage());
        d.dispose();
        return text;
      });
      assertEquals("The queue is stopping; press Resume again once it has stopped. | "
          + "The queue is stopping; press Start again once it has stopped.", said.get());
      assertEquals("The queue is stopping; press Retry again once it has stopped.", retried);
      assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(restored.get(1)::state));
      recorder.stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(1, UiTestSupport.onEdt(() -> frame.runner().runs().size()), "the cancelled job only");
    }
  }

  /** FrameFork's message dialog while it shows, else null; on the EDT. */
  private static javax.swing.JDialog message() {
    return java.util.Arrays.stream(java.awt.Window.getWindows())
        .filter(w -> w.isShowing() && w instanceof javax.swing.JDialog d && "FrameFork".equals(d.getTitle()))
        .map(w -> (javax.swing.JDialog) w).findFirst().orElse(null);
  }
}
