package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/**
 * Which work folder at an entry's output is its own (what it kept, or a resume the engine refused),
 * which its start over or Remove may delete; a Retry continues only from work that is still there.
 */
class OwnWorkTest {
  private static final Path INPUT = Path.of("/videos/trip.mp4").toAbsolutePath();
  private static final Path OUT = Path.of("/out/trip-h264.mp4").toAbsolutePath();

  private static JobSettings settings() {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, OUT.getParent(),
        AudioMode.AUTO, "", "", null);
  }

  private static QueueEntry ran() {
    QueueEntry e = new QueueEntry(INPUT);
    e.started(OUT, settings());
    return e;
  }

  /** A plain failure's output may hold another job's work folder (a Ctrl-C'd command line's given -o): not its own. */
  @Test
  void aPlainFailureOwnsNoWorkFolderAtItsOutput() {
    QueueEntry e = ran();
    e.failed("a codec's error");
    assertNull(e.ownOutput());
    assertNull(e.staleWorkFolder());
    e.retry();
    assertNull(e.ownOutput(), "its Retry does not take a folder there for its own");
    assertNull(QueueEntry.restore(e.saved()).ownOutput());
  }

  /** A resume the engine refused left the folder, its own: Retry's start over and Remove may delete it, also after a restart. */
  @Test
  void aRefusedResumeOwnsItsStaleFolder() {
    QueueEntry e = ran();
    e.failedRefusingWork("the source changed since its work was kept; press Retry to start it over");
    assertFalse(e.continuable());
    assertEquals(JobWorkspace.defaultFor(OUT), e.staleWorkFolder());
    QueueEntry restored = QueueEntry.restore(e.saved());
    assertEquals(JobWorkspace.defaultFor(OUT), restored.staleWorkFolder(), "the queue file keeps it");
    restored.retry();
    assertEquals(OUT, restored.ownOutput());
    restored.started(OUT, settings());
    restored.failed("a codec's error");
    assertNull(restored.ownOutput(), "its next job's start over deleted it");
  }

  /**
   * A resume that failed after its work folder opened (a codec's crash) had it deleted by the engine:
   * counted, nothing is kept, and Retry starts it over rather than saying it continues.
   */
  @Test
  void retryStartsOverWhereTheKeptWorkIsGone() {
    QueueEntry e = ran();
    e.failedKeepingWork("cannot read the source (I/O error)");
    assertTrue(e.kept(KeptWork.NOTHING, 0));
    e.retry();
    assertFalse(e.continuable(), "nothing to continue from");
    assertNull(e.settings(), "the settings at the next Start");
    assertTrue(e.logLines().getLast().endsWith("retry: encoded again from the start"), e.logLines()::toString);
    assertEquals(OUT, e.ownOutput(), "a folder left there is its own");

    QueueEntry kept = ran();
    kept.failedKeepingWork("cannot read the source (I/O error)");
    assertTrue(kept.kept(2, 0));
    kept.retry();
    assertTrue(kept.continuable());
    assertTrue(kept.logLines().getLast().endsWith("retry: continues from the work kept in " + JobWorkspace.defaultFor(OUT)
        .getFileName()), kept.logLines()::toString);
  }

}
