package org.framefork.encoder.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** File checksums: the work folder's segments, the overlay pictures a filter chain names. */
public final class Checksums {
  private Checksums() {}

  /** The SHA-256 of {@code file}'s bytes, as lowercase hex; UncheckedIOException when it cannot be read. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
  }

  /**
   * A cheap fingerprint of a large file that tells whether it is still the same file: its size and
   * the SHA-256 of its first and last 64 KiB (a container's header and its index or last packets,
   * which any re-encode or edit changes). Not its modification time: a copy of the same file is the
   * same input. UncheckedIOException when it cannot be read.
   */
  public static String fingerprint(Path file) {
    final int edge = 1 << 16;
    try (FileChannel ch = FileChannel.open(file)) {
      long size = ch.size();
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, edge));
      readFully(ch, buf, 0);
      md.update(buf.flip());
      if (size > edge) {
        buf.clear();
        readFully(ch, buf, Math.max(edge, size - edge));
        md.update(buf.flip());
      }
      return size + ":" + HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, position);
      if (n < 0) {
        break;
      }
      position += n;
    }
  }
}
