package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.framefork.encoder.probe.InputException;
import org.junit.jupiter.api.Test;

/**
 * A job's failure in the app's words: the engine's sentences name command-line options, which the app
 * has as settings ("Audio", "Format", "Allow gaps").
 */
class AppWordsTest {
  private static String failure(String engine) {
    return ((JobOutcome.Failed) EncodeWorker.outcomeOf(new InputException(engine))).message();
  }

  @Test
  void theAudioClashNamesTheSettings() {
    assertEquals("/v/clip.mp4: its aac audio cannot be copied into webm; set Audio to opus, or choose another Format",
        failure("/v/clip.mp4: its aac audio cannot be copied into webm; use --audio opus, or another container"));
    assertEquals("/v/clip.mkv: its dts audio cannot be copied into mp4; set Audio to aac or opus, or choose another Format",
        failure("/v/clip.mkv: its dts audio cannot be copied into mp4; use --audio aac or opus, or another container"));
    assertEquals("webm cannot hold AAC audio; set Audio to opus, or choose another Format",
        failure("webm cannot hold AAC audio; use --audio opus or another container"));
  }

  @Test
  void aGapSaysWhatToDoInTheApp() {
    String line = failure("/v/shots: numbers are missing from the sequence (3); add the images, or pass --allow-gaps to hold the "
        + "frame before each gap");
    assertEquals("/v/shots: numbers are missing from the sequence (3); add the missing images, or tick Allow gaps to hold the "
        + "image before each gap; then press Retry", line);
    assertFalse(line.contains("--"), line);
  }

  @Test
  void theFiltersAndTheRateAreTheSettingsToo() {
    assertEquals("/v/a.mp4: Filters scale=8:8 makes 8x8", failure("/v/a.mp4: --vf scale=8:8 makes 8x8"));
    assertEquals("Sequence fps 0 is no rate", failure("--fps 0 is no rate"));
  }
}
