package org.framefork.encoder.probe;

/** A stream's language tag as the container carries it: ISO 639-2 ("eng"), "und" (undetermined), or none. */
public final class Languages {
  private Languages() {}

  /** Whether {@code tag} names a language: it is neither missing, blank nor "und". */
  public static boolean named(String tag) {
    return tag != null && !tag.isBlank() && !tag.equals("und");
  }
}
