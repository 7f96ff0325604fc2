package org.framefork.encoder.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbedSourceTest {
  @TempDir Path dir;

  /**
   * The audio file's shift is found once, when the source is probed, and kept for the joiner (it
   * decoded the file's start again): an MP3's LAME header says to skip its encoder delay, so its
   * first sample is heard at 25 ms (Debian's ffprobe: the stream starts there), and the file moves
   * 25 ms earlier, its sound to 0 with the first picture.
   */
  @Test
  void anAudioFilesShiftIsKeptWithTheSource() throws IOException {
    Path images = Files.createDirectories(dir.resolve("images"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=black:s=64x48:r=24:d=0.5", images.resolve("f_%03d.png").toString());
    Path mp3 = dir.resolve("tone.mp3");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=1:sample_rate=44100", "-c:a", "libmp3lame", mp3.toString());
    double heard = Double.parseDouble(DebianFfmpeg.probe(mp3, "a:0", "stream=start_time", false));
    assertEquals(0.025, heard, 0.001, "LAME's encoder delay");

    SequenceOptions options = new SequenceOptions(null, null, false, null, mp3);
    ProbedSource s = ProbedSource.probe(images.resolve("f_%03d.png"), options);
    assertEquals(-heard, s.audioShift(), 1e-4);
    assertEquals(s.audioFile().getFirst().startSeconds() + s.audioShift(), s.media().audio().getFirst().startSeconds(), 1e-9);

    ProbedSource video = ProbedSource.probe(TestMedia.get(TestMedia.SINGLE_FRAME), SequenceOptions.defaults());
    assertEquals(0, video.audioShift());
  }
}
