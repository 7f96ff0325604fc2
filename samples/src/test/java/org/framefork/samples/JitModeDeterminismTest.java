package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.framefork.encoder.testing.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same clip made in two fresh JVMs, one that only interprets and one that compiles every
 * method with C2 before its first call, decodes to the same frames: no pixel may depend on
 * whether, or how, the JIT compiled the code that made it.
 */
class JitModeDeterminismTest {
  /** Small and short (30 frames), as both JVMs are slow on purpose. */
  private static final List<String> OPTIONS = List.of("--width", "320", "--height", "180", "--duration", "1",
      "--scene-length", "0.5", "--seed", "3");
  private static final Duration LIMIT = Duration.ofSeconds(240);

  @TempDir
  Path dir;

  @Test
  void interpretedAndCompiledJvmsDecodeToTheSameFrames() throws Exception {
    IndependentDecoder.requireInstalled();
    Path interpreted = dir.resolve("xint.mp4");
    Path compiled = dir.resolve("xcomp.mp4");
    // Both at once: two cores, and each JVM is mostly one thread.
    CompletableFuture<ChildProcess> a = generate(interpreted, List.of("-Xint"));
    CompletableFuture<ChildProcess> b = generate(compiled, List.of("-Xcomp", "-XX:-TieredCompilation"));
    a.join().requireSuccess();
    b.join().requireSuccess();
    String video = IndependentDecoder.frameMd5(interpreted, "0:v");
    assertEquals(30, video.lines().count(), "one framemd5 line per frame");
    String other = IndependentDecoder.frameMd5(compiled, "0:v");
    assertEquals(video, other, "-Xint and -Xcomp decode to other frames (first differing frame: "
        + RepeatedGenerationTest.firstDifference(video, other) + ")");
    assertEquals(IndependentDecoder.frameMd5(interpreted, "0:a"), IndependentDecoder.frameMd5(compiled, "0:a"),
        "-Xint and -Xcomp have other sound");
    assertEquals(Files.readString(SampleSpec.sidecarFor(interpreted)).replace("xint.mp4", "CLIP"),
        Files.readString(SampleSpec.sidecarFor(compiled)).replace("xcomp.mp4", "CLIP"), "the sidecars differ");
  }

  /** Runs {@code framefork samples} in a JVM of its own, with this JVM's classpath and modules. */
  private static CompletableFuture<ChildProcess> generate(Path clip, List<String> jitOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jitOptions);
    command.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), SampleGenerator.class.getName(), "-o", clip.toString()));
    command.addAll(OPTIONS);
    return CompletableFuture.supplyAsync(() -> {
      try {
        return ChildProcess.run(command, LIMIT);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
