package org.framefork.encoder.probe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which language tags name a language: the probe's rows and the audio notes say only those. */
class LanguagesTest {
  @Test
  void undeterminedMissingAndBlankNameNone() {
    assertTrue(Languages.named("eng"));
    assertTrue(Languages.named("fra"));
    assertFalse(Languages.named("und"));
    assertFalse(Languages.named(null));
    assertFalse(Languages.named(""));
    assertFalse(Languages.named("  "));
  }
}
