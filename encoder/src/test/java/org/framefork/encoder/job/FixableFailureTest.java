package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.source.UndecodableImageException;
import org.junit.jupiter.api.Test;

/**
 * Which failures keep a job's work folder for {@code --resume}: a full disk (a real one: Linux's
 * /dev/full fails every write with ENOSPC) and other I/O errors, not a bad input nor an output that
 * fails verification; and which of the work-kept settings keep it then.
 */
class FixableFailureTest {
  @Test
  void aFullDiskAndOtherIoErrorsAreFixable() {
    IOException full = assertThrows(IOException.class, () -> Files.write(Path.of("/dev/full"), new byte[1 << 16]));
    assertTrue(FixableFailure.is(new UncheckedIOException(full)), full.getMessage());
    assertTrue(FixableFailure.is(new ChunkFailedException(2, 1, new MediaException("finish: No space left on device", -28))));
    assertTrue(FixableFailure.is(new MediaException("cannot write the output (write output: File too large)",
        new MediaException("write output: File too large", -27))));
    assertTrue(FixableFailure.is(new UncheckedIOException(new IOException("Read-only file system"))));
  }

  @Test
  void aBadInputOrAWrongOutputIsNot() {
    assertFalse(FixableFailure.is(new InputException("in.mp4: changed while it was being encoded")));
    assertFalse(FixableFailure.is(new ChunkFailedException(3, 1, new UndecodableImageException("frame_0004.png: cannot be decoded"))));
    assertFalse(FixableFailure.is(new MediaException("the output failed verification: 10 frames missing")));
    assertFalse(FixableFailure.is(new ChunkFailedException(1, 3, new MediaException("decode: Invalid data found", -1094995529))));
    assertFalse(FixableFailure.is(new JobCancelledException()));
    // FFmpeg's demuxers answer some damaged inputs with EIO.
    assertFalse(FixableFailure.is(new ChunkFailedException(0, 3, new MediaException("read: I/O error", -5))));
  }

  /**
   * Exceptions that extend IOException but tell no disk's refusal: JavaCV's (a damaged audio
   * stream, a codec's error, wrapped as the audio transcoder does) and Jackson's (a file that is no
   * JSON); the JDK's file-system errors are.
   */
  @Test
  void onlyTheJdksFileErrorsAreFixableNotEveryIoException() throws Exception {
    assertFalse(FixableFailure.is(new MediaException("in.mp4: audio stream 1 could not be encoded (avcodec_open2() error -22)",
        new org.bytedeco.javacv.FrameRecorder.Exception("avcodec_open2() error -22: Could not open audio codec."))));
    assertFalse(FixableFailure.is(new MediaException("in.mp4: audio stream 1 could not be encoded (grabSamples failed)",
        new org.bytedeco.javacv.FrameGrabber.Exception("avcodec_send_packet() error -1094995529"))));
    com.fasterxml.jackson.core.JsonProcessingException json = assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
        () -> new com.fasterxml.jackson.databind.ObjectMapper().readTree("{not json"));
    assertFalse(FixableFailure.is(new UncheckedIOException("cannot read plan.json", json)));
    assertFalse(FixableFailure.is(new UncheckedIOException(new IOException("Stream closed"))));

    Path missing = Path.of("/nonexistent-framefork-dir/x");
    IOException move = assertThrows(IOException.class, () -> Files.move(Path.of("/dev/null"), missing));
    assertTrue(move instanceof java.nio.file.FileSystemException, move.toString());
    assertTrue(FixableFailure.is(new UncheckedIOException(move)));
    assertTrue(FixableFailure.is(new UncheckedIOException(new java.nio.file.AccessDeniedException("/out/x.mp4"))));
    // A disk full under JavaCV's words is still a full disk.
    assertTrue(FixableFailure.is(new MediaException("write", new org.bytedeco.javacv.FrameRecorder.Exception(
        "av_write_frame() error: No space left on device"))));
  }

  @Test
  void theCommandLinesDefaultKeepsAfterAFixableFailureTheAppsAndNoKeepDoNot() {
    assertTrue(WorkKept.FOR_RESUME.keeps(false, true));
    assertFalse(WorkKept.FOR_RESUME.keeps(false, false));
    assertTrue(WorkKept.FOR_RESUME.keeps(true, false));
    assertFalse(WorkKept.ON_CANCEL.keeps(false, true));
    assertTrue(WorkKept.ON_CANCEL.keeps(true, false));
    assertFalse(WorkKept.NEVER.keeps(false, true));
    assertFalse(WorkKept.NEVER.keeps(true, false));
    assertTrue(WorkKept.ALWAYS.keeps(false, false));
  }
}
