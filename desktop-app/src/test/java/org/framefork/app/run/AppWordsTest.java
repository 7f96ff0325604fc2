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

  /** The engine's sentence {@code engine} as the app says it: {@code app}, no option ("--") left in it. */
  private static void inTheApp(String engine, String app) {
    String line = failure(engine);
    assertEquals(app, line);
    assertFalse(line.contains("--"), line);
  }

  @Test
  void aGapSaysWhatToDoInTheApp() {
    inTheApp("/v/shots: numbers are missing from the sequence (3); add the images, or pass --allow-gaps to hold the "
        + "frame before each gap",
        "/v/shots: numbers are missing from the sequence (3); add the missing images, or tick Allow gaps to hold the "
        + "image before each gap; then press Retry");
    // The app has no --start-number: a jump too long to hold says what to do with the files instead.
    inTheApp("/v/shots: holding the frame before each gap would make 20000000 frames from 2 images (numbers 1 to "
        + "20000000); give the images a run of numbers, or --start-number past the jump",
        "/v/shots: holding the frame before each gap would make 20000000 frames from 2 images (numbers 1 to "
        + "20000000); renumber the images in one run, or move those past the jump to a folder of their own");
  }

  @Test
  void theFiltersAndTheRateAreTheSettingsToo() {
    assertEquals("/v/a.mp4: Filters scale=8:8 makes 8x8", failure("/v/a.mp4: --vf scale=8:8 makes 8x8"));
    assertEquals("Sequence fps 0 is no rate", failure("--fps 0 is no rate"));
  }
}
