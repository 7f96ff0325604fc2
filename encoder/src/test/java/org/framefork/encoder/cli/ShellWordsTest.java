package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quoted words are read back by a real shell as the words they were. */
class ShellWordsTest {
  @Test
  void wordsThatNeedNoQuotesStayAsTheyAre() {
    assertEquals("bench --quick --skip kernels,ui -o out/x.md --crf=23", ShellWords.join(
        List.of("bench", "--quick", "--skip", "kernels,ui", "-o", "out/x.md", "--crf=23")));
  }

  @Test
  void aShellReadsTheQuotedWordsBackAsTheyWere() throws Exception {
    List<String> words = List.of("--input", "my clip.mp4", "it's", "", "a\nb", "$HOME", "`x`", "*.mp4", "~", "a\\b", "\"q\"",
        "é;|&<>()!#");
    String line = ShellWords.join(words);
    Process p = new ProcessBuilder("sh", "-c", "for w in " + line + "; do printf '%s\\0' \"$w\"; done").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    List<String> back = new ArrayList<>(List.of(out.split("\0", -1)));
    back.removeLast();
    assertEquals(words, back, line);
  }
}
