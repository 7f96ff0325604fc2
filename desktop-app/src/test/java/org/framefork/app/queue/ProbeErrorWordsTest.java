package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why an added file cannot be read names it as it is: a file "My --fps 30 clip.mp4" is not "My Sequence fps 30 clip.mp4". */
class ProbeErrorWordsTest {
  @TempDir
  Path dir;

  @Test
  void anUnreadableFileKeepsItsName() throws Exception {
    Path empty = Files.createFile(Files.createDirectories(dir.resolve("--depth 10 takes")).resolve("My --fps 30 clip.mp4"));
    QueueEntry entry = new QueueEntry(empty);
    CompletableFuture<String> error = new CompletableFuture<>();
    MediaProber prober = new MediaProber();
    try {
      prober.probe(entry, false, (read, why) -> {
        assertNull(read);
        error.complete(why);
      });
      String why = error.get(30, TimeUnit.SECONDS);
      assertTrue(why.startsWith(entry.input() + ": "), why);
    } finally {
      prober.shutdown();
    }
  }
}
