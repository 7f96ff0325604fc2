package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueuePanel;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * Image sequences in the queue, as the command line takes them: a folder of PNGs (chosen or dropped)
 * and a printf pattern typed in the chooser; both encode from the window, named as the CLI names them.
 */
class ImageSequenceQueueTest {
  @Test
  void aFolderOfImagesAndAPatternAreQueuedAndEncoded() throws Exception {
    UiTestSupport.requireDisplay();
    Path dir = UiTestSupport.emptyFolder("image-sequence-queue");
    Path shots = Files.createDirectories(dir.resolve("shots"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24:duration=2", shots.resolve("frame_%04d.png").toString());
    Path pattern = shots.resolve("frame_%04d.png");
    Path videos = Files.createDirectories(dir.resolve("videos"));
    Path clip = Files.copy(UiTestSupport.video("ui-360p-2s.mp4", 640, 360, 2, false), videos.resolve("clip.mp4"));

    // What the chooser and a drop hand over: a folder of images is a sequence, a folder of videos gives its videos,
    // a pattern that names no file is a sequence; a pattern of nothing is dropped.
    assertEquals(List.of(shots, clip, pattern), QueuePanel.inputsIn(List.of(shots, videos, pattern, dir.resolve("none_%04d.txt"))));

    Path out = Files.createDirectories(dir.resolve("out"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--mode", "parallel", "--workers", "2", "--output-dir",
        out.toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> frame.settings().setMode(org.framefork.encoder.plan.ExecutionMode.PARALLEL, 2));
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(pattern, shots)));
      UiTestSupport.waitUntil("the sequences are read", 60, () -> entries.stream().allMatch(e -> e.info() != null || e.failure() != null));
      for (QueueEntry e : entries) {
        assertNull(UiTestSupport.onEdt(e::failure), e.name());
        assertEquals(48, e.info().video().frameCount(), e.name());
      }
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun first = recorder.awaitRun(180);
      assertInstanceOf(JobOutcome.Done.class, first.outcome(), () -> String.valueOf(first.outcome()));
      recorder.stopped.get(180, TimeUnit.SECONDS);
      for (QueueEntry e : entries) {
        assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(e::state), () -> String.join("\n", e.logLines()));
      }
      // Named as `framefork encode` names them: after what the pattern's names share, after the folder.
      assertEquals(out.resolve("frame-h264.mp4"), entries.get(0).output());
      assertEquals(out.resolve("shots-h264.mp4"), entries.get(1).output());
      for (QueueEntry e : entries) {
        assertEquals(48, DebianFfmpeg.decodedFrames(e.output()), "frames by Debian's ffprobe: " + e.output());
        assertEquals("", DebianFfmpeg.decodeErrors(e.output()));
      }
      assertTrue(UiTestSupport.onEdt(() -> entries.get(0).mediaSummary()).startsWith("320×240"));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
