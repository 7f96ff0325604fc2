package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue file says in whose words an entry's lines are: this build's are the app's, and are read
 * back as they are; only a file of an earlier build, which kept the engine's, is put in the app's
 * words, its paths' file names (the input's, the output's, its work folder's and lock's) as they are.
 */
class RestoredWordsTest {
  private static final Path INPUT = Path.of("/v/My --fps 30 clip.mp4");
  private static final Path OUTPUT = Path.of("/o/My --fps 30 clip-h264.mp4");

  @Test
  void linesThisBuildSavedAreReadBackAsTheyAre(@TempDir Path dir) {
    QueueEntry e = new QueueEntry(INPUT);
    e.failed("My --fps 30 clip.mp4: cannot be read (moov atom not found)"); // MediaProber's: the file's name
    e.log("note: the user's text 'use --audio opus, or another container' (--vf drawtext)");
    QueueStore store = new QueueStore(dir.resolve("queue.json"));
    store.save(List.of(e.saved()));
    assertTrue(store.awaitWritten(10_000));
    QueueEntry.Saved back = new QueueStore(dir.resolve("queue.json")).load().entries().getFirst();
    assertEquals(QueueEntry.Saved.APP_WORDS, back.words());
    QueueEntry again = QueueEntry.restore(back);
    assertEquals(e.failure(), again.failure());
    assertEquals(e.logLines(), again.logLines());
    // and a second load too
    assertEquals(e.logLines(), QueueEntry.restore(again.saved()).logLines());
  }

  @Test
  void aFileOfAnEarlierBuildHasNoMarkAndIsPutInTheAppsWords(@TempDir Path dir) throws Exception {
    QueueEntry e = new QueueEntry(INPUT);
    e.failed("x");
    Path file = dir.resolve("queue.json");
    QueueStore store = new QueueStore(file);
    store.save(List.of(e.saved()));
    assertTrue(store.awaitWritten(10_000));
    String json = Files.readString(file);
    assertTrue(json.contains("\"words\" : 1"), json);
    Files.writeString(file, json.replace("\"words\" : 1", "\"words\" : null"));
    assertNull(new QueueStore(file).load().entries().getFirst().words(), "an earlier build wrote none");

    String lock = ".My --fps 30 clip-h264.mp4.framefork.lock";
    String work = ".My --fps 30 clip-h264.mp4.framefork-work";
    QueueEntry old = QueueEntry.restore(new QueueEntry.Saved(INPUT, QueueEntry.State.FAILED, OUTPUT, 0, 0,
        "My --fps 30 clip.mp4: cannot be read (boom); use --audio opus, or another container", null,
        List.of("12:00:00  failed; 3 finished chunks kept in " + work + " for Retry",
            "12:00:01  " + lock + ": held by another job; check --start-number"),
        List.of(), List.of(), null));
    assertEquals("My --fps 30 clip.mp4: cannot be read (boom); set Audio to opus, or choose another Format", old.failure());
    assertEquals(List.of("12:00:00  failed; 3 finished chunks kept in " + work + " for Retry",
        "12:00:01  " + lock + ": held by another job"), old.logLines());
  }
}
