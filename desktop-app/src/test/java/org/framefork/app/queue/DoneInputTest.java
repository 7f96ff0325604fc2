package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/** Which inputs the queue holds done: those its done jobs read, by fingerprint, not by time alone. */
class DoneInputTest {
  private static JobSettings settings(Path folder) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, folder,
        AudioMode.AUTO, "", "", null);
  }

  /**
   * A video done is done only while its input has the fingerprint its job read: a replacement copied
   * with its time kept (cp -p) is not; an image sequence's folder never is (its time does not change
   * when its frames are rendered again); nor an entry that kept no fingerprint (an earlier build's).
   */
  @Test
  void doneOnlyWhileTheInputIsTheSameFile() throws Exception {
    Path dir = Files.createTempDirectory("own-work-done");
    try {
      Path input = Files.write(dir.resolve("a.mp4"), bytes(300_000, 1));
      Path frames = Files.createDirectories(dir.resolve("frames"));
      Files.write(frames.resolve("f_0001.png"), bytes(100, 3));
      Path output = Files.write(dir.resolve("a-h264.mp4"), bytes(1000, 2));
      Path framesOut = Files.write(dir.resolve("frames-h264.mp4"), bytes(1000, 2));
      java.nio.file.attribute.FileTime before = java.nio.file.attribute.FileTime.fromMillis(
          Files.getLastModifiedTime(output).toMillis() - 60_000);
      Files.setLastModifiedTime(input, before);
      Files.setLastModifiedTime(frames, before);
      QueueModel model = new QueueModel();
      model.add(doneEntry(input, output, QueueModel.fingerprint(input)));
      model.add(doneEntry(frames, framesOut, QueueModel.fingerprint(frames)));
      assertTrue(model.done(input), "the same file, older than its output");
      assertFalse(model.done(frames), "a sequence is encoded again");
      assertNull(QueueModel.fingerprint(frames));

      Files.write(input, bytes(300_000, 7)); // another export, copied over it with its time kept
      Files.setLastModifiedTime(input, before);
      assertFalse(model.done(input), "a replacement with the old time");

      QueueModel older = new QueueModel();
      older.add(doneEntry(input, output, null));
      assertFalse(older.done(input), "no fingerprint kept");
      QueueEntry restored = QueueEntry.restore(model.entries().getFirst().saved());
      assertEquals(model.entries().getFirst().inputFingerprint(), restored.inputFingerprint(), "the queue file keeps it");
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static QueueEntry doneEntry(Path input, Path output, String fingerprint) {
    QueueEntry e = new QueueEntry(input);
    e.started(output, settings(output.getParent()));
    e.done(1000, 1.0, List.of(), List.of(), fingerprint);
    return e;
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }
}
