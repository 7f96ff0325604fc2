package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same clip made several times in one JVM decodes to the same frames every time, whatever the
 * tests before it left behind: no run may depend on the state an earlier one left in the process
 * (static caches, reused buffers, or native memory that the encoder reads before writing).
 */
class RepeatedGenerationTest {
  /** 192 px is 12 macroblocks: not a multiple of 8, the width at which x264's AVX-512 code misread memory. */
  private static final String[] OPTIONS = {"--width", "192", "--height", "108", "--duration", "1.5",
      "--scene-length", "0.5", "--seed", "11"};

  /** A different byte for the C heap before each run: 0 is what a fresh process gets. */
  private static final int[] HEAP_BYTES = {0x00, 0x5A, 0xFF};

  @TempDir
  Path dir;

  @Test
  void threeGenerationsInOneJvmDecodeToTheSameFrames() throws Exception {
    IndependentDecoder.requireInstalled();
    String firstVideo = null;
    String firstAudio = null;
    for (int run = 0; run < HEAP_BYTES.length; run++) {
      NativeHeap.scribble(HEAP_BYTES[run]);
      Path clip = dir.resolve("run" + run + ".mp4");
      String[] args = new String[OPTIONS.length + 2];
      args[0] = "-o";
      args[1] = clip.toString();
      System.arraycopy(OPTIONS, 0, args, 2, OPTIONS.length);
      assertEquals(0, SampleGenerator.run(args));
      String video = IndependentDecoder.frameMd5(clip, "0:v");
      String audio = IndependentDecoder.frameMd5(clip, "0:a");
      assertEquals(45, video.lines().count(), "one framemd5 line per frame");
      if (run == 0) {
        firstVideo = video;
        firstAudio = audio;
        continue;
      }
      assertEquals(firstVideo, video, "run " + run + " decodes to other frames than run 0 (first differing frame: "
          + firstDifference(firstVideo, video) + ")");
      // Same machine, same FFmpeg: its AAC encoder repeats too.
      assertEquals(firstAudio, audio, "run " + run + " has other sound than run 0");
    }
  }

  /** The frame number of the first framemd5 line that differs, or -1. */
  static int firstDifference(String a, String b) {
    String[] x = a.split("\n");
    String[] y = b.split("\n");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return i;
      }
    }
    return x.length == y.length ? -1 : Math.min(x.length, y.length);
  }
}
