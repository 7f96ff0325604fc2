package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.JList;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueueStore;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * A job that finished with warnings says so in its queue row: a source cut short (an unfinished
 * download) gives "done · N notes", the notes in the row's tooltip and in the queue file.
 */
class JobNotesTest {
  @Test
  void aSourceCutShortIsDoneWithNotesNotPlainDone() throws Exception {
    UiTestSupport.requireDisplay();
    Path dir = UiTestSupport.emptyFolder("job-notes");
    Path whole = dir.resolve("whole.mp4");
    // The index first (faststart), as web exports write it: the cut keeps the header's frame count.
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=4", "-c:v", "libx264", "-preset",
        "veryfast", "-g", "15", "-pix_fmt", "yuv420p", "-movflags", "+faststart", whole.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("download.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path dataDir = UiTestSupport.freshDataDir();
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--mode", "parallel", "--workers", "2", "--output-dir",
        out.toString(), "--data-dir", dataDir.toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> frame.settings().setMode(org.framefork.encoder.plan.ExecutionMode.PARALLEL, 2));
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(cut)).getFirst());
      UiTestSupport.waitUntil("the input is probed", 30, () -> entry.info() != null);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(120);
      recorder.stopped.get(30, TimeUnit.SECONDS);
      JobOutcome.Done done = assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> String.valueOf(run.outcome()));
      assertEquals(done.report().output().frames(), DebianFfmpeg.decodedFrames(entry.output()), "frames by Debian's ffprobe");

      List<String> notes = UiTestSupport.onEdt(entry::notes);
      assertTrue(notes.stream().anyMatch(n -> n.contains("cut short")), notes.toString());
      // The cut lands inside a packet, whose picture does not decode: the note counts what the output holds.
      long frames = done.report().output().frames();
      assertTrue(notes.stream().anyMatch(n -> n.contains("the file holds " + frames + " (")), frames + " frames: " + notes);
      assertEquals(0, done.report().chunks().retries(), "no chunk came out short of the plan");
      String status = UiTestSupport.onEdt(entry::statusText);
      String count = notes.size() + (notes.size() == 1 ? " note" : " notes");
      assertTrue(status.startsWith("done · " + count + " · "), status);
      List<String> warnings = UiTestSupport.onEdt(entry::warnings);
      assertTrue(warnings.stream().anyMatch(n -> n.contains("cut short")), "a source cut short warns: " + warnings);
      assertTrue(UiTestSupport.onEdt(entry::detailText).contains(warnings.getFirst()));
      // The row's tooltip lists every note.
      String tip = UiTestSupport.onEdt(() -> {
        JList<?> list = UiTestSupport.find(frame.queue(), "queueList", JList.class);
        Rectangle row = list.getCellBounds(0, 0);
        return list.getToolTipText(new MouseEvent(list, MouseEvent.MOUSE_MOVED, 0, 0, row.x + 5, row.y + 5, 0, false));
      });
      for (String n : notes) {
        assertTrue(tip.contains(n.replace("<", "&lt;").replace(">", "&gt;")), tip);
      }
      UiTestSupport.screenshot(frame, "queue-done-with-notes");
      assertTrue(frame.data().queue().awaitWritten(10_000), "the queue file is written");
    }
    // The notes are kept in the queue file: the row says the same after a restart.
    QueueEntry back = QueueEntry.restore(new QueueStore(dataDir.resolve("queue.json")).load().entries().getFirst());
    assertTrue(back.statusText().startsWith("done · ") && back.statusText().contains(" note"), back.statusText());
    assertTrue(back.warnings().stream().anyMatch(n -> n.contains("cut short")), "and which of them warn: " + back.warnings());
  }
}
