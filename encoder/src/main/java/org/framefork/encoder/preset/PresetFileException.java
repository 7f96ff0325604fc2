package org.framefork.encoder.preset;

/** A preset file that cannot be used; the message is one line that names the file and says what to do. */
public final class PresetFileException extends RuntimeException {
  public PresetFileException(String message) {
    super(message);
  }
}
