package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A video being encoded is in the queue too: a second launch with it must not queue it again. */
class AlreadyInTheQueueTest {
  @Test
  void anEntryBeingEncodedCountsAsQueued() {
    Path clip = Path.of("clip.mp4");
    QueueModel model = new QueueModel();
    QueueEntry e = new QueueEntry(clip);
    model.add(e);
    assertTrue(model.contains(clip), "waiting");
    e.started(Path.of("clip-out.mkv").toAbsolutePath(), null);
    assertTrue(model.contains(clip), "encoding: adding it again would encode it twice");
    e.failed("it broke");
    assertFalse(model.contains(clip), "a failed one may be added again");
  }
}
