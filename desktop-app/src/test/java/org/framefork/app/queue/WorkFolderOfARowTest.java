package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/**
 * A stopped row's work folder comes from its output alone: the row and its tooltip ask on every
 * paint, and settings this build cannot turn into a job (a queue file of another build) must not
 * break the paint.
 */
class WorkFolderOfARowTest {
  private static final Path OUT = Path.of("/tmp/qa-app/out/clip-h264.mp4");

  private static QueueEntry stopped(JobSettings s) {
    return QueueEntry.restore(new QueueEntry.Saved(Path.of("/tmp/qa-app/media/clip.mp4"), QueueEntry.State.CANCELLED, OUT,
        0, 0, null, s, List.of(), List.of(), List.of()));
  }

  @Test
  void itIsTheEnginesWorkFolderOfTheOutput() {
    JobSettings s = new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4,
        OUT.getParent(), AudioMode.AUTO, "scale=1280:720", "", null);
    QueueEntry e = stopped(s);
    assertEquals(JobWorkspace.defaultFor(OUT), e.workFolder());
    assertEquals(s.toOptions(e.input(), OUT).workFolder(), e.workFolder(), "where the engine keeps it");
  }

  @Test
  void settingsThatMakeNoJobDoNotBreakTheRow() {
    // No codec and no container: what a queue file of another build can give.
    QueueEntry e = stopped(new JobSettings(null, null, 23, ExecutionMode.PARALLEL, 2, 0, null, OUT.getParent(),
        AudioMode.AUTO, "", "", null));
    assertEquals(JobWorkspace.defaultFor(OUT), e.workFolder());
    assertTrue(QueuePanel.tipOf(e).contains("clip.mp4"));
    assertTrue(e.detailText().startsWith("cancelled"), e.detailText());
  }
}
