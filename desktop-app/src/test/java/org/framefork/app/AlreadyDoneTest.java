package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A folder added again brings the videos done from it the first time: those whose outputs are still
 * there and whose sources have not changed since are not encoded again, and the line beside Start
 * says so; a changed source (a newer one, or one copied over it with its time kept), or one whose
 * output is gone, is added.
 */
class AlreadyDoneTest {
  @Test
  void videosDoneAndUnchangedAreNotAddedAgain() throws Exception {
    UiTestSupport.requireDisplay();
    Path video = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path folder = UiTestSupport.emptyFolder("already-done-in");
    Path a = Files.copy(video, folder.resolve("a.mp4"));
    Path b = Files.copy(video, folder.resolve("b.mp4"));
    Path c = Files.copy(video, folder.resolve("c.mp4"));
    Path out = UiTestSupport.emptyFolder("already-done-out");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--preset", "ultrafast", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> first = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(a, b, c)));
      UiTestSupport.waitUntil("they are read", 30, () -> first.stream().allMatch(e -> e.info() != null));
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      recorder.stopped.get(240, TimeUnit.SECONDS);
      assertEquals(List.of(QueueEntry.State.DONE, QueueEntry.State.DONE, QueueEntry.State.DONE),
          UiTestSupport.onEdt(() -> first.stream().map(QueueEntry::state).toList()));

      assertEquals(0, UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(a, b)).size()));
      assertEquals("a.mp4 and 1 more are already done; remove their rows to encode them again",
          UiTestSupport.onEdt(frame::messageText));
      assertEquals(3, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));

      // b.mp4 was exported again since: it is added. a.mp4's output was deleted: it is added too, then.
      Path bOut = UiTestSupport.onEdt(() -> first.get(1).output());
      Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(bOut).toMillis() + 10_000));
      List<QueueEntry> again = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(a, b)));
      assertEquals(List.of(b.toAbsolutePath()), again.stream().map(QueueEntry::input).toList());
      assertEquals("a.mp4 is already done; remove its row to encode it again", UiTestSupport.onEdt(frame::messageText));
      Files.delete(UiTestSupport.onEdt(() -> first.getFirst().output()));
      assertEquals(1, UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(a)).size()));

      // c.mp4 was replaced by another video copied with its time kept (cp -p, rsync -a): older than its output still.
      FileTime cTime = Files.getLastModifiedTime(c);
      Files.copy(UiTestSupport.video("ui-360p-2s.mp4", 640, 360, 2, false), c, StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(c, cTime);
      assertEquals(List.of(c.toAbsolutePath()),
          UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(c)).stream().map(QueueEntry::input).toList()));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
