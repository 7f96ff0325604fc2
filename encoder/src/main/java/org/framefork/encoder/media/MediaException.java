package org.framefork.encoder.media;

/** A failure reported by FFmpeg, with its error code (negative AVERROR value, or 0 if none). */
public class MediaException extends RuntimeException {
  private final int code;

  public MediaException(String message, int code) {
    super(message);
    this.code = code;
  }

  public MediaException(String message) {
    this(message, 0);
  }

  public MediaException(String message, Throwable cause) {
    super(message, cause);
    this.code = 0;
  }

  public int code() {
    return code;
  }
}
