package org.framefork.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A path or the filters are kept as they are only where they stand whole in the engine's sentence:
 * a short one inside a word of a rule's phrase leaves that phrase to be put in the settings' words.
 * Each filter is kept as the engine writes it too, as its checks name one filter alone.
 */
class WholeWordsKeptTest {
  private static final Path INPUT = Path.of("/v/a.mp4");

  @Test
  void filtersInsideAWordLeaveTheRulesPhrase() {
    // "col", typed as a filter (the engine refuses it: kept as typed), stands inside "colour".
    assertEquals("/v/a.mp4: the video's alpha channel (argb) was dropped from its pictures",
        JobSettings.inSettingsWords("/v/a.mp4: the video's alpha channel (argb) was dropped from its pictures (--alpha-over COLOUR "
            + "composites them over a colour instead)", INPUT, null, "col"));
    // whole, it is kept: at the line's start, after a space, before a colon
    assertEquals("eq: a temporal filter (Filters)", JobSettings.inSettingsWords("eq: a temporal --vf filter", INPUT, null, "eq"));
    assertEquals("Filters eq: bad",
        JobSettings.inSettingsWords("--vf eq: bad", INPUT, null, "eq"));
  }

  @Test
  void eachFilterIsKeptAsTheEngineWritesIt() {
    String typed = "scale=640:-1,overlay=My --fps 30 logo.png:-16:16";
    String overlay = org.framefork.encoder.encode.filter.FilterChain.parse(typed).filters().get(1).text();
    assertEquals("Filters " + overlay + ": the 10x10 picture at (0, 0)",
        JobSettings.inSettingsWords("--vf " + overlay + ": the 10x10 picture at (0, 0)", INPUT, null, typed));
  }

  @Test
  void aFolderNamedAsAPlainWordLeavesTheRulesPhrase() {
    // A sequence's folder "images": its bare name kept "add the images, or pass --allow-gaps" as it was.
    Path images = Path.of("/home/u/images");
    assertEquals("/home/u/images: numbers are missing from the sequence (3); add the missing images, or tick Allow gaps to "
        + "hold the image before each gap; then press Retry",
        JobSettings.inSettingsWords("/home/u/images: numbers are missing from the sequence (3); add the images, or pass "
            + "--allow-gaps to hold the frame before each gap", images, Path.of("/home/u/images.mp4"), null));
    // a name that is no plain word is still kept alone
    assertEquals("My --fps 30 clip.mp4: bad",
        JobSettings.inSettingsWords("My --fps 30 clip.mp4: bad", Path.of("/v/My --fps 30 clip.mp4"), null, null));
  }

  @Test
  void aBoundaryIsTheLinesEndsOrWhatIsNoWord() {
    assertEquals(true, JobSettings.bounded("eq", 0, 2));
    assertEquals(true, JobSettings.bounded("'eq', x", 1, 3));
    assertEquals(false, JobSettings.bounded("sequences", 1, 3));
    assertEquals(false, JobSettings.bounded("--alpha-over", 2, 7), "a word's '-' joins it");
    assertEquals(true, JobSettings.bounded("x/v/y", 1, 3), "a path's own slash is its boundary");
  }
}
