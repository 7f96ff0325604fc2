package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueueModel;
import org.framefork.app.run.QueueRunner;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/**
 * A Retry that Start's checks refuse (Filters the engine cannot parse) leaves the entry failed, with
 * the failure its row says: it made the entry wait first, its failure gone, and then refused.
 */
class RefusedRetryStaysFailedTest {
  @Test
  void aRefusedRetryLeavesTheEntryFailed() {
    Path out = UiTestSupport.emptyFolder("refused-retry");
    QueueModel queue = new QueueModel();
    QueueEntry entry = new QueueEntry(out.resolve("clip.mp4"));
    queue.add(entry);
    entry.failed("clip.mp4: no such file");
    JobSettings bad = new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.SEQUENTIAL, 1, 0, Container.MP4, out,
        AudioMode.AUTO, "scael=640:-1", "", null);
    QueueRunner runner = new QueueRunner(queue, () -> bad, () -> false);

    String said = runner.start(entry);
    assertEquals("Filters: unknown filter 'scael'", said.substring(0, said.indexOf(" in ")), said);
    assertEquals(QueueEntry.State.FAILED, entry.state());
    assertEquals("clip.mp4: no such file", entry.failure());
    assertFalse(runner.isRunning());
  }
}
