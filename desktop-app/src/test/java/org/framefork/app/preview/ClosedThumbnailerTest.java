package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A chunk that ends while the window closes asks a shut-down thumbnailer for its picture: no exception on the EDT. */
class ClosedThumbnailerTest {
  @Test
  void aRequestAfterShutdownIsDropped() {
    ChunkThumbnailer thumbnailer = new ChunkThumbnailer();
    thumbnailer.shutdown();
    ChunkThumbnailer.Request r = new ChunkThumbnailer.Request(1, Path.of("in.mp4"), Path.of("in.mp4"), null, null, 0, 0, 0, 0,
        160, 90);
    assertDoesNotThrow(() -> thumbnailer.request(r, t -> {}));
  }
}
