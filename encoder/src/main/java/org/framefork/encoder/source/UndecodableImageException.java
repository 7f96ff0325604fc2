package org.framefork.encoder.source;

import org.framefork.encoder.probe.InputException;

/**
 * An image file of a sequence that FFmpeg cannot decode (truncated, damaged). Unlike a video, whose
 * chunk a retry decodes from the file's start, an image is decoded whole every time, the same way:
 * another attempt cannot mend it, so the chunk fails at once.
 */
public final class UndecodableImageException extends InputException {
  public UndecodableImageException(String message) {
    super(message);
  }

  /** Whether {@code failure}, or what it wraps, is an image that cannot be decoded. */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UndecodableImageException) {
        return true;
      }
    }
    return false;
  }
}
