package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.swing.Action;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.Tmpfs;
import org.junit.jupiter.api.Test;

/**
 * A disk that fills during an app encode, made real with a small tmpfs as the output folder (the
 * hidden work folder is beside the output, on the same disk): the job fails, keeps its finished
 * chunks as the command line does, and its row says to free space and how many chunks Retry
 * continues from. The queue keeps that over a restart; once there is room, Retry reuses every kept
 * chunk, and Debian's ffmpeg decodes every frame of the output. Skipped where a tmpfs cannot be
 * mounted (root needed).
 */
class FullOutputDiskTest {
  /** The clip's 4 chunks of about 110 KiB fit; the output, as big again, does not. */
  private static final int SMALL_KIB = 640;
  private static final int ROOMY_KIB = 8192;

  @Test
  void aFullOutputDiskKeepsTheChunksOverARestartAndRetryReusesThem() throws Exception {
    UiTestSupport.requireDisplay();
    Path input = UiTestSupport.video("ui-320x240-4s.mp4", 320, 240, 4, false);
    Path behind = UiTestSupport.video("ui-360p-2s.mp4", 640, 360, 2, false);
    Path out = UiTestSupport.emptyFolder("full-output-disk");
    Path dataDir = UiTestSupport.freshDataDir();
    String[] args = {"--data-dir", dataDir.toString(), "--light", "--preset", "ultrafast", "--mode", "sequential",
        "--workers", "2", "--output-dir", out.toString()};
    try (Tmpfs disk = Tmpfs.mount(out, SMALL_KIB)) {
      Path work;
      int finished;
      String detail;
      try (UiTestSupport.Launched app = UiTestSupport.launch(args)) {
        MainFrame frame = app.frame();
        JobRecorder recorder = JobRecorder.attach(frame);
        // A second entry waits behind it: the full disk would fail it too, so the queue stops instead.
        List<QueueEntry> added = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input, behind)));
        QueueEntry entry = added.getFirst();
        QueueEntry waiting = added.get(1);
        UiTestSupport.waitUntil("they are read", 30, () -> entry.info() != null && waiting.info() != null);
        UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
        JobRun run = recorder.awaitRunAndStop(120);
        assertInstanceOf(JobOutcome.Failed.class, run.outcome(), () -> run.outcome().toString());
        assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(entry::state));
        assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(waiting::state), "the queue stops at a full disk");
        assertEquals(1, UiTestSupport.onEdt(() -> frame.runner().runs().size()), "no job ran after the full disk");
        String title = UiTestSupport.onEdt(() -> frame.progress().titleText());
        assertEquals("Queue stopped: the disk is full; free space, then press Start · 1 waiting", title);
        work = UiTestSupport.onEdt(entry::workFolder);
        assertEquals(JobWorkspace.defaultFor(UiTestSupport.onEdt(entry::output)), work);
        finished = JobWorkspace.finishedChunks(work);
        assertTrue(finished >= 1, "finished chunks kept: " + finished);
        UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains("Remove deletes"));
        String kept = keptSentence(finished);
        detail = UiTestSupport.onEdt(entry::detailText);
        assertTrue(detail.contains("No space left on device") && detail.endsWith("; free space, then press Retry; " + kept
            + " in " + work.getFileName() + " for Retry (Remove deletes them)"), detail);
        String last = UiTestSupport.onEdt(() -> frame.progress().figuresText());
        assertTrue(last.startsWith("Last: ui-320x240-4s.mp4 failed: ") && last.endsWith("; " + kept + " for Retry."), last);
        List<String> log = UiTestSupport.onEdt(entry::logLines);
        assertTrue(log.stream().anyMatch(l -> l.contains("failed: ") && l.endsWith("free space, then press Retry")), log::toString);
        assertTrue(log.stream().anyMatch(l -> l.endsWith("failed; " + kept + " for Retry")), log::toString);
        assertEquals(List.of(work), list(out), "no output nor partial output; the work folder is kept");
        List<Action> actions = UiTestSupport.onEdt(() -> {
          frame.queue().select(entry);
          return frame.queue().entryActions();
        });
        assertFalse(UiTestSupport.onEdt(actions.getFirst()::isEnabled), "Resume is for stopped jobs");
        assertTrue(UiTestSupport.onEdt(actions.get(1)::isEnabled), "Retry");
        assertTrue(frame.data().queue().awaitWritten(10_000));
        assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      }

      try (UiTestSupport.Launched restarted = UiTestSupport.launch(args)) {
        MainFrame frame = restarted.frame();
        QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().model().entries().getFirst());
        assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(entry::state));
        assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(() -> frame.queue().model().entries().get(1).state()));
        UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains("Remove deletes"));
        assertEquals(detail, UiTestSupport.onEdt(entry::detailText), "the restarted queue says the same");

        disk.resize(ROOMY_KIB); // the user freed space
        JobRecorder recorder = JobRecorder.attach(frame);
        UiTestSupport.pressRetry(frame, entry);
        JobRun run = recorder.awaitRunAndStop(240);
        JobOutcome.Done done = assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome().toString());
        assertEquals(finished, done.report().chunks().reused(), "every kept chunk reused");
        List<String> log = UiTestSupport.onEdt(entry::logLines);
        assertEquals(finished, log.stream().filter(l -> l.contains("reused from the earlier run")).count(), log::toString);
        assertTrue(log.stream().anyMatch(l -> l.endsWith("retry: continues from the work kept in " + work.getFileName()))
            && log.stream().anyMatch(l -> l.contains("resume: -> " + work.getParent())), log::toString);
        Path output = UiTestSupport.onEdt(entry::output);
        assertEquals(JobWorkspace.defaultFor(output), work, "the same output as the failed job's");
        assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(output));
        assertEquals("", DebianFfmpeg.decodeErrors(output));
        assertEquals(List.of(output), list(out), "the work folder is removed once the job is done");
        assertEquals(List.of(), restarted.edt().violations(), "Swing touched off the EDT");
      }
    }
  }

  private static String keptSentence(int finished) {
    return "its " + finished + " finished chunk" + (finished == 1 ? " is" : "s are") + " kept";
  }

  /** What {@code folder} holds, hidden files included. */
  private static List<Path> list(Path folder) throws java.io.IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }
}
