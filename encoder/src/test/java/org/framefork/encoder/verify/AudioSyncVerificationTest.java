package org.framefork.encoder.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio sync is measured on what is heard: an MP4's edit list has the decoder drop AAC's 1024
 * priming samples, Matroska has them decoded, so the same synced sound starts 21 ms apart by
 * decoded samples. Files made by Debian's ffmpeg, which keeps sync when it remuxes.
 */
class AudioSyncVerificationTest {
  @TempDir static Path tmp;
  static Path source;
  static MediaInfo info;

  @BeforeAll
  static void source() {
    source = tmp.resolve("f60.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=60:d=2", "-f", "lavfi", "-i", "sine=d=2:sample_rate=48000",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", source.toString());
    info = Prober.probe(source);
  }

  private static Verification verify(Path out) {
    return Verifier.verify(info, out, true, 0, new PictureFormat(8, null, true));
  }

  @Test
  void aacCopiedIntoMatroskaIsInSync() {
    Path mkv = tmp.resolve("copy.mkv");
    DebianFfmpeg.ffmpeg("-i", source.toString(), "-c", "copy", mkv.toString());
    Verification v = verify(mkv);
    assertTrue(v.passed(), v.problems()::toString);
    assertTrue(v.audioDriftSeconds() < 0.002, "drift " + v.audioDriftSeconds());
  }

  @Test
  void aacEncodedToOpusInMatroskaIsInSync() {
    // Opus's priming is declared (CodecDelay) and dropped; Debian ffmpeg's own file is 7 ms off
    // (it shifts the video by the pre-skip), within a frame.
    Path mkv = tmp.resolve("opus.mkv");
    DebianFfmpeg.ffmpeg("-i", source.toString(), "-c:v", "copy", "-c:a", "libopus", mkv.toString());
    Verification v = verify(mkv);
    assertTrue(v.passed(), v.problems()::toString);
    assertTrue(v.audioDriftSeconds() < 0.008, "drift " + v.audioDriftSeconds());
  }

  @Test
  void audioShiftedByTwoFramesFails() {
    for (String ext : new String[] {"mkv", "mp4"}) {
      Path late = tmp.resolve("late." + ext);
      DebianFfmpeg.ffmpeg("-i", source.toString(), "-itsoffset", "0.034", "-i", source.toString(),
          "-map", "0:v", "-map", "1:a", "-c", "copy", late.toString());
      Verification v = verify(late);
      assertFalse(v.passed(), ext + " passed with drift " + v.audioDriftSeconds());
      assertTrue(v.problems().stream().anyMatch(p -> p.startsWith("audio drifts 3")), v.problems()::toString);
    }
  }
}
