package org.framefork.encoder.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.framefork.encoder.testing.ChildProcess;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encode without tail splits is the same bytes in every run, whatever memory the process
 * reused. 854 pixels is not a multiple of 128: there x264's AVX-512 macroblock-tree function read
 * memory it never wrote, and three runs under three {@code MALLOC_PERTURB_} values (glibc fills
 * freed and fresh heap blocks with that byte) gave three different files before the engine pinned
 * x264's instruction sets (see {@link X264InstructionSets}).
 */
class RepeatableEncodeTest {
  @TempDir Path tmp;

  @Test
  void outputsDoNotDependOnWhatTheHeapHeld() throws Exception {
    Path in = tmp.resolve("in.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=854x480:rate=30:duration=3", "-c:v", "libx264",
        "-preset", "ultrafast", "-crf", "12", "-g", "30", "-pix_fmt", "yuv420p", in.toString());
    byte[] first = encode(in, 0);
    for (int perturb : new int[] {85, 170}) {
      assertArrayEquals(first, encode(in, perturb), "the output under MALLOC_PERTURB_=" + perturb + " differs");
    }
    assertEquals(90, DebianFfmpeg.decodedFrames(tmp.resolve("out-0.mp4")));
  }

  private byte[] encode(Path in, int perturb) throws Exception {
    Path out = tmp.resolve("out-" + perturb + ".mp4");
    ChildProcess.run(List.of("env", "MALLOC_PERTURB_=" + perturb,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        "org.framefork.encoder.cli.Main", "encode", in.toString(), "-o", out.toString(),
        "--no-tail-split", "--workers", "2", "--preset", "veryfast"), Duration.ofSeconds(180)).requireSuccess();
    return Files.readAllBytes(out);
  }
}
