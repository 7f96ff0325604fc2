package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link AlphaOver}'s choice of alpha. */
class AlphaOverTest {
  /** EXR's colour is premultiplied by its alpha; PNG's and TIFF's (float TIFF's too) is not, nor an unknown codec's. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"exr, true", "tiff, false", "png, false", ", false"})
  void onlyExrAlphaIsPremultiplied(String codec, boolean premultiplied) {
    assertEquals(premultiplied, AlphaOver.premultiplied(codec));
  }
}
