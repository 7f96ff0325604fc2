package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.source.SequenceOptions;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A picture queued by itself is one image on its row, not "0.0 s · 1 frames"; a sequence counts its
 * images, and one with gaps allowed its frames and the images they are from.
 */
class OneImageRowTest {
  @TempDir
  Path dir;

  @Test
  void aSinglePictureIsOneImage() throws Exception {
    Path png = dir.resolve("still.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", png.toString());
    assertEquals("320×240 · 1 image · png", summaryOf(png));

    Path shots = Files.createDirectories(dir.resolve("shots"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24", "-frames:v", "3", shots.resolve("f_%03d.png").toString());
    assertEquals("320×240 · 3 images · png", summaryOf(shots, SequenceOptions.defaults()));

    // With gaps allowed, the frames that hold the image before a gap are frames, not images.
    Path gaps = Files.createDirectories(dir.resolve("gaps"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24", "-frames:v", "6", gaps.resolve("f_%03d.png").toString());
    Files.delete(gaps.resolve("f_003.png"));
    Files.delete(gaps.resolve("f_004.png"));
    assertEquals("320×240 · 6 frames from 4 images · png", summaryOf(gaps, new SequenceOptions(null, null, true, null, null)));
  }

  private static String summaryOf(Path input) {
    return summaryOf(input, SequenceOptions.defaults());
  }

  private static String summaryOf(Path input, SequenceOptions options) {
    QueueEntry e = new QueueEntry(input);
    e.probed(ProbedSource.probe(input, options), null);
    return e.mediaSummary();
  }
}
