package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/**
 * A stopped job's work folder that holds target-quality probes of chunks that had not finished
 * (which Retry and Resume reuse rather than probing again): the row says they are kept, as the
 * engine's line does ("its plan and 1 chunk's probes are kept"), where it said "its plan is kept".
 */
class KeptProbesRowTest {
  @Test
  void aFailedEntrysRowNamesTheProbesItsWorkFolderKeeps() throws Exception {
    UiTestSupport.requireDisplay();
    Path input = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path out = UiTestSupport.emptyFolder("kept-probes");
    Path probedOnly = workFolder(out.resolve("probed-h264.mp4"), List.of("00000.target.json"));
    Path finishedAndProbed = workFolder(out.resolve("both-h264.mp4"),
        List.of("00000.json", "00000.target.json", "00001.json", "00002.target.json", "00003.target.json"));
    String failure = "cannot write the output (write output: No space left on device); free space, then press Retry";
    JobSettings settings = new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, out,
        AudioMode.AUTO, "", "", null);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> {
        frame.queue().restore(List.of(
            new QueueEntry.Saved(input, QueueEntry.State.FAILED, out.resolve("probed-h264.mp4"), 0, 0, failure, settings,
                List.of(), List.of(), List.of(), true),
            new QueueEntry.Saved(input, QueueEntry.State.CANCELLED, out.resolve("both-h264.mp4"), 0, 0, null, settings,
                List.of(), List.of(), List.of())));
        return frame.queue().model().entries();
      });
      for (QueueEntry e : entries) {
        UiTestSupport.waitUntil("what is kept is counted", 10, () -> e.detailText().contains("Remove deletes"));
      }
      assertEquals(failure + "; no chunk had finished; its plan and 1 chunk's probes are kept in " + probedOnly.getFileName()
          + " for Retry (Remove deletes them)", UiTestSupport.onEdt(entries.getFirst()::detailText));
      assertEquals("cancelled; nothing at the destination; its 2 finished chunks and 2 chunks' probes are kept in "
          + finishedAndProbed.getFileName() + " for Resume (Remove deletes them)", UiTestSupport.onEdt(entries.getLast()::detailText));
      assertEquals("its 2 finished chunks and 2 chunks' probes are kept for Resume",
          UiTestSupport.onEdt(entries.getLast()::keptSentence));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      assertEquals(List.of(), frame.strictMode().violations(), "the folder is counted off the UI thread");
    }
  }

  /** The hidden work folder beside {@code output}: plan, settings and {@code chunkFiles} in its chunks folder. */
  private static Path workFolder(Path output, List<String> chunkFiles) throws java.io.IOException {
    Path work = JobWorkspace.defaultFor(output);
    Files.createDirectories(work.resolve("chunks"));
    Files.writeString(work.resolve("plan.json"), "{}");
    Files.writeString(work.resolve("settings.json"), "{}");
    for (String f : chunkFiles) {
      Files.writeString(work.resolve("chunks").resolve(f), "{}");
    }
    assertEquals(chunkFiles.stream().filter(f -> f.matches("\\d+\\.target\\.json"))
        .filter(f -> !chunkFiles.contains(f.replace(".target.json", ".json"))).count(),
        (long) JobWorkspace.probedUnfinishedChunks(work), "the engine's count of probed chunks that had not finished");
    return work;
  }
}
