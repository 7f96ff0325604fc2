package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.Action;
import javax.swing.JList;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.job.LockHolder;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/**
 * A cancelled entry's row says where its work is kept, as does a failed one's that kept it; Remove
 * takes that work folder with the entry.
 */
class RemoveStoppedEntryTest {
  /** What a stopped job leaves beside {@code output}: the hidden work folder with its plan and settings. */
  private static Path workKeptFor(Path output) throws java.io.IOException {
    Path work = JobWorkspace.defaultFor(output);
    Files.createDirectories(work.resolve("chunks"));
    Files.writeString(work.resolve("plan.json"), "{}");
    Files.writeString(work.resolve("settings.json"), "{}"); // a plan resumes with its settings
    return work;
  }

  private static JobSettings settingsInto(Path out) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, out, AudioMode.AUTO, "",
        "", null);
  }

  /** The 3 s clip the entries are of; the test is skipped, saying how to run it, without a display. */
  private static Path clip() {
    UiTestSupport.requireDisplay(); // says how to run the test under Xvfb
    return UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
  }

  /** Remove took {@code work} with the entry, left the source, and touched Swing only on the EDT. */
  private static void assertRemovedWithItsWork(UiTestSupport.Launched app, Path work, Path input) {
    UiTestSupport.waitUntil("the work folder is gone", 10, () -> !Files.exists(work));
    assertTrue(Files.exists(input), "the source stays");
    assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
  }

  /**
   * A job of the 3 s clip stopped while writing {@code output} in a new {@code folder} (its
   * --output-dir), which left its work folder {@code work}; {@code settings} are the entry's.
   */
  private record Stopped(Path input, Path out, Path output, Path work, JobSettings settings) {
    static Stopped in(String folder) throws java.io.IOException {
      Path input = clip();
      Path out = UiTestSupport.emptyFolder(folder);
      Path output = out.resolve("ui-360p-3s-h264.mp4");
      return new Stopped(input, out, output, workKeptFor(output), settingsInto(out));
    }

    UiTestSupport.Launched launch() {
      return UiTestSupport.launch("--light", "--output-dir", out.toString());
    }
  }

  /** The queue's entries once {@code saved} are restored into it, as the app does at start. */
  private static List<QueueEntry> restored(MainFrame frame, QueueEntry.Saved... saved) {
    return UiTestSupport.onEdt(() -> {
      frame.queue().restore(List.of(saved));
      return frame.queue().model().entries();
    });
  }

  /** {@code entry}'s row once it says what is kept, which is counted on the disk off the UI thread. */
  private static String detailOnceCounted(QueueEntry entry) {
    UiTestSupport.waitUntil("what is kept is counted", 10, () -> entry.detailText().contains("Remove deletes"));
    return UiTestSupport.onEdt(entry::detailText);
  }

  /** The queue's Remove, with {@code entry} selected as a click on its row selects it. */
  private static Action removeOf(MainFrame frame, QueueEntry entry) {
    return UiTestSupport.onEdt(() -> {
      frame.queue().select(entry);
      return UiTestSupport.find(frame.queue(), "queueList", JList.class).getActionMap().get("Remove");
    });
  }

  @Test
  void removingACancelledEntryDeletesItsKeptWork() throws Exception {
    // What a cancelled job leaves: its chunks and plan in the hidden work folder beside the output.
    Stopped job = Stopped.in("remove-stopped");
    Path input = job.input();
    Path output = job.output();
    Path work = job.work();
    Files.writeString(work.resolve("chunks").resolve("chunk-0000.mkv"), "segment");
    try (UiTestSupport.Launched app = job.launch()) {
      MainFrame frame = app.frame();
      QueueEntry entry = restored(frame, new QueueEntry.Saved(input, QueueEntry.State.CANCELLED, output, 0, 0, null,
          job.settings(), List.of(), List.of(), List.of())).getFirst();
      assertEquals(work, UiTestSupport.onEdt(entry::workFolder));
      String detail = detailOnceCounted(entry);
      assertEquals("cancelled; nothing at the destination; no chunk had finished; its plan is kept in "
          + work.getFileName() + " for Resume (Remove deletes it)", detail);

      Action remove = removeOf(frame, entry);
      assertTrue(UiTestSupport.onEdt(remove::isEnabled));
      UiTestSupport.onEdt(() -> remove.actionPerformed(null));
      assertEquals(0, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      assertRemovedWithItsWork(app, work, input);
      assertFalse(Files.exists(output));
      assertEquals(List.of(), frame.strictMode().violations(), "the folder is deleted off the UI thread");
    }
  }

  /**
   * A failed entry whose job kept its work (a full disk) is as a cancelled one: its row says what is
   * kept for Retry and Remove deletes the folder; a failed entry that kept nothing names no folder.
   */
  @Test
  void removingAFailedEntryThatKeptItsWorkDeletesIt() throws Exception {
    Stopped job = Stopped.in("remove-failed-kept");
    Path input = job.input();
    Path work = job.work();
    String failure = "cannot write the output (write output: No space left on device); free space, then press Retry";
    try (UiTestSupport.Launched app = job.launch()) {
      MainFrame frame = app.frame();
      List<QueueEntry> entries = restored(frame,
          new QueueEntry.Saved(input, QueueEntry.State.FAILED, job.output(), 0, 0, failure, job.settings(), List.of(),
              List.of(), List.of(), true),
          new QueueEntry.Saved(input, QueueEntry.State.FAILED, job.out().resolve("other.mp4"), 0, 0, "a codec's error",
              job.settings(), List.of(), List.of(), List.of()));
      QueueEntry kept = entries.getFirst();
      assertEquals(failure + "; no chunk had finished; its plan is kept in " + work.getFileName()
          + " for Retry (Remove deletes it)", detailOnceCounted(kept));
      assertEquals(null, UiTestSupport.onEdt(entries.getLast()::workFolder), "it kept nothing");
      assertEquals("a codec's error", UiTestSupport.onEdt(entries.getLast()::detailText));

      Action remove = removeOf(frame, kept);
      UiTestSupport.onEdt(() -> remove.actionPerformed(null));
      assertEquals(1, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      assertRemovedWithItsWork(app, work, input);
    }
  }

  /**
   * A resume the engine refused (the source changed since) left the work folder, stale but the
   * entry's own: nothing continues from it, and Remove deletes it with the entry.
   */
  @Test
  void removingAnEntryWhoseResumeWasRefusedDeletesItsStaleWork() throws Exception {
    Stopped job = Stopped.in("remove-refused");
    try (UiTestSupport.Launched app = job.launch()) {
      MainFrame frame = app.frame();
      QueueEntry entry = restored(frame, new QueueEntry.Saved(job.input(), QueueEntry.State.FAILED, job.output(), 0, 0,
          "the source changed since its work was kept; press Retry to start it over", job.settings(), List.of(),
          List.of(), List.of(), false, QueueEntry.Saved.APP_WORDS, true, null)).getFirst();
      assertEquals(null, UiTestSupport.onEdt(entry::workFolder), "nothing continues from it");
      Action remove = removeOf(frame, entry);
      UiTestSupport.onEdt(() -> remove.actionPerformed(null));
      assertEquals(0, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      assertRemovedWithItsWork(app, job.work(), job.input());
    }
  }

  /**
   * Two same-named inputs whose outputs met (as before outputs took work folders into account):
   * Remove of the stopped one must not delete the work of a job writing that output now. The
   * running job is its lock, held here; a second entry, removed after it, shows the removal ran.
   */
  @Test
  void removeKeepsTheWorkOfAJobThatHoldsTheOutputsLock() throws Exception {
    Path video = clip();
    Path root = UiTestSupport.emptyFolder("remove-locked");
    Path inA = Files.copy(video, Files.createDirectories(root.resolve("card1")).resolve("GOPR0001.MP4"));
    Path inC = Files.copy(video, root.resolve("other.mp4"));
    Path out = Files.createDirectories(root.resolve("out"));
    Path outA = out.resolve("GOPR0001-h264.mp4");
    Path outC = out.resolve("other-h264.mp4");
    Path workA = workKeptFor(outA);
    Path workC = workKeptFor(outC);
    JobSettings settings = settingsInto(out);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString());
        LockHolder.Held other = LockHolder.hold(outA)) { // card2/GOPR0001.MP4's job, writing the same output
      MainFrame frame = app.frame();
      Action remove = UiTestSupport.onEdt(() -> {
        frame.queue().restore(List.of(
            new QueueEntry.Saved(inA, QueueEntry.State.CANCELLED, outA, 0, 0, null, settings, List.of(), List.of(), List.of()),
            new QueueEntry.Saved(inC, QueueEntry.State.CANCELLED, outC, 0, 0, null, settings, List.of(), List.of(), List.of())));
        JList<?> list = UiTestSupport.find(frame.queue(), "queueList", JList.class);
        list.setSelectionInterval(0, 1);
        return list.getActionMap().get("Remove");
      });
      UiTestSupport.onEdt(() -> remove.actionPerformed(null));
      assertEquals(0, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      UiTestSupport.waitUntil("the unlocked work folder is gone", 10, () -> !Files.exists(workC));
      assertTrue(Files.isRegularFile(workA.resolve("plan.json")), "the running job's work folder stays");
    }
  }
}
