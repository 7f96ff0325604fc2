package org.framefork.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A long line (a log line of the engine's, a damaged file's name) with a short path kept at each turn
 * ("/", the folder of a file at the root) is put in the settings' words in time that grows with its
 * length: each kept string is looked for again only once the text before it is done. A guard with a
 * generous bound, no timing claim: 400,000 characters took a minute when each was looked for again
 * from each place (in its square).
 */
class LongLineWordsTest {
  @Test
  void aLongLineIsSaidInItsLengthsTime() {
    String line = "/x".repeat(150_000) + " (--fps) --fps 2";
    String said = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> JobSettings.inSettingsWords(line, Path.of("/a.mp4"), Path.of("/b.mp4"), "scale=2:2"));
    assertEquals("/x".repeat(150_000) + " (--fps) Sequence fps 2", said);
  }
}
