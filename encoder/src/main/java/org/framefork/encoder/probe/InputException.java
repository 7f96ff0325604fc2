package org.framefork.encoder.probe;

/**
 * Input a user gave that cannot be encoded: the message is one sentence that names the input, says
 * what is wrong and what to do.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
