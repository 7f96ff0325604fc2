package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A text/uri-list that an X11 source ends with a NUL (after the last line, or on it) names its files all the same. */
class UriListNulTest {
  @Test
  void aTrailingNulIsLeftOut() {
    for (String list : List.of("file:///videos/a.mp4\r\nfile:///videos/b%20c.mp4\r\n\0",
        "file:///videos/a.mp4\r\nfile:///videos/b%20c.mp4\0", "file:///videos/a.mp4\r\nfile:///videos/b%20c.mp4\r\n\0\0")) {
      DroppedFiles d = DroppedFiles.fromUriList(list);
      assertEquals(List.of(Path.of("/videos/a.mp4"), Path.of("/videos/b c.mp4")), d.files(), list);
      assertEquals(List.of(), d.problems(), list);
    }
  }
}
