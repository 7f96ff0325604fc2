package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_flush;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avformat.avio_write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.junit.jupiter.api.Test;

/**
 * A full disk, as FFmpeg and Java report it, is told apart from other failures: a chunk is then not
 * tried again and a failed join does not blame the source. Linux's /dev/full fails every write with
 * ENOSPC, the error a full disk gives.
 */
class OutOfSpaceTest {
  private static final Path FULL = Path.of("/dev/full");

  @Test
  void ffmpegsWriteToAFullDeviceIsOutOfSpace() {
    AVIOContext pb = new AVIOContext(null);
    Ffmpeg.check(avio_open(pb, Ffmpeg.url(FULL), AVIO_FLAG_WRITE), "open");
    try {
      avio_write(pb, new byte[1 << 16], 1 << 16);
      avio_flush(pb);
      int error = pb.error();
      MediaException e = assertThrows(MediaException.class, () -> Ffmpeg.check(error, "write output"));
      assertTrue(Ffmpeg.isOutOfSpace(e), e.getMessage());
      assertTrue(Ffmpeg.isOutOfSpace(new RuntimeException("chunk 2", e)), "found under a wrapper");
    } finally {
      avio_closep(pb);
    }
  }

  @Test
  void javasWriteToAFullDeviceIsOutOfSpace() {
    IOException e = assertThrows(IOException.class, () -> Files.write(FULL, new byte[1 << 16]));
    assertTrue(Ffmpeg.isOutOfSpace(new UncheckedIOException(e)), e.getMessage());
  }

  @Test
  void otherFailuresAreNot() {
    MediaException missing = assertThrows(MediaException.class,
        () -> Ffmpeg.check(avio_open(new AVIOContext(null), Ffmpeg.url(Path.of("/nonexistent/x.mp4")), AVIO_FLAG_WRITE),
            "create"));
    assertFalse(Ffmpeg.isOutOfSpace(missing), missing.getMessage());
    assertFalse(Ffmpeg.isOutOfSpace(new MediaException("invalid data", -1094995529)));
    assertFalse(Ffmpeg.isOutOfSpace(new UncheckedIOException(new IOException("Permission denied"))));
    assertEquals(-28, assertThrows(MediaException.class, () -> Ffmpeg.check(-28, "x")).code());
  }
}
