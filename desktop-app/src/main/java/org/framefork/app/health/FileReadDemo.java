package org.framefork.app.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The second wrong way, kept as a demonstration for StrictMode: a whole video read on the UI thread,
 * as a naive "show the file's checksum" handler would. On a local disk it takes milliseconds and no
 * watchdog notices; on a network share or a sleeping disk it is a freeze. StrictMode catches it
 * either way, with this method in the stack.
 */
public final class FileReadDemo {
  private FileReadDemo() {}

  /** Reads {@code file} to its end on the calling thread and returns how many bytes it had. */
  public static long readFileOnUiThread(Path file) {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }
}
