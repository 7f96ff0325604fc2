package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.source.SequenceOptions;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a row shows of its input once it is read again: the source as its job's engine read it fills an
 * entry the queue could not read when it was added, a read that fails afterwards keeps it, and an image
 * sequence keeps what the queue read of it (the frames that hold the image before a gap).
 */
class SourceReadAgainTest {
  @TempDir
  Path dir;

  @Test
  void theJobsReadFillsAnEntryTheQueueCouldNotRead() throws Exception {
    Path clip = dir.resolve("clip.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-c:v", "libx264", "-preset",
        "veryfast", "-pix_fmt", "yuv420p", clip.toString());
    QueueEntry e = new QueueEntry(clip);
    e.probed(null, clip + ": cannot be read"); // added while still empty
    assertEquals(QueueEntry.State.FAILED, e.state());
    assertEquals("", e.mediaSummary(), "nothing read yet");

    e.started(dir.resolve("clip-h264.mp4"), null); // Retry started it before its read again came back
    MediaInfo media = ProbedSource.probe(clip, SequenceOptions.defaults()).media();
    e.sourceRead(media); // the engine's JobPlanned
    assertEquals("320×240 · 2.0 s · 50 frames · h264", e.mediaSummary(), "what its job read");

    e.probed(null, clip + ": cannot be read"); // the read again, beaten by the job's start, failed
    assertEquals("320×240 · 2.0 s · 50 frames · h264", e.mediaSummary(), "a failed read keeps what was read before");
    assertEquals(QueueEntry.State.ENCODING, e.state(), "a running job is not failed by a read");
  }

  @Test
  void anImageSequenceKeepsItsHeldFramesWhenItsJobReadsIt() throws Exception {
    Path gaps = Files.createDirectories(dir.resolve("gaps"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24", "-frames:v", "6", gaps.resolve("f_%03d.png").toString());
    Files.delete(gaps.resolve("f_003.png"));
    Files.delete(gaps.resolve("f_004.png"));
    SequenceOptions allowGaps = new SequenceOptions(null, null, true, null, null);
    QueueEntry e = new QueueEntry(gaps);
    e.probed(ProbedSource.probe(gaps, allowGaps), null);
    assertEquals("320×240 · 6 frames from 4 images · png", e.mediaSummary());

    e.started(dir.resolve("gaps-h264.mp4"), null);
    e.sourceRead(ProbedSource.probe(gaps, allowGaps).media());
    assertEquals("320×240 · 6 frames from 4 images · png", e.mediaSummary(), "the held frames are no images");
  }
}
