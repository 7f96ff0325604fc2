package org.framefork.encoder.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (a real SIGINT) to a real encoder process: it stops within 2 s, exits 130, writes nothing.
 * SIGTERM the same, with 143.
 */
class InterruptedProcessTest {
  @TempDir Path tmp;

  private Path input() {
    return testsrc(tmp.resolve("input.mp4"), "640x360", 6, 15);
  }

  /** Writes {@code file}: FFmpeg's testsrc2 of {@code size}, {@code seconds} at 30 fps, a keyframe every {@code gop} frames. */
  static Path testsrc(Path file, String size, int seconds, int gop) {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=30:duration=" + seconds, "-c:v", "libx264",
        "-preset", "ultrafast", "-g", Integer.toString(gop), "-pix_fmt", "yuv420p", file.toString());
    return file;
  }

  private Process start(Path in, Path out, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        "org.framefork.encoder.cli.Main", "encode", in.toString(), "-o", out.toString(),
        "--preset", "slow", "--chunk-frames", "15", "--workers", "2"));
    cmd.addAll(List.of(extra));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child-" + out.getFileName() + ".log").toFile())
        .start();
  }

  /** Sends SIGINT once the child has finished a chunk; returns seconds from the signal to its exit. */
  private double interrupt(Process p, Path work) throws Exception {
    return signal(p, work, "-INT");
  }

  /** Sends {@code signal} once the child has finished a chunk; returns seconds from the signal to its exit. */
  private double signal(Process p, Path work, String signal) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (records(work.resolve("chunks")) < 1 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "still encoding when interrupted");
    long t0 = System.nanoTime();
    new ProcessBuilder("kill", signal, Long.toString(p.pid())).start().waitFor();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ended");
    return (System.nanoTime() - t0) / 1e9;
  }

  @Test
  void sigintStopsWithinTwoSecondsExits130AndKeepsTheWorkFolder() throws Exception {
    Path in = input();
    Path out = tmp.resolve("out.mp4");
    Path work = tmp.resolve(".out.mp4.framefork-work");
    Process p = start(in, out);
    double seconds = interrupt(p, work);
    assertEquals(130, p.exitValue(), Files.readString(tmp.resolve("child-out.mp4.log")));
    assertTrue(seconds < 2.0, "stopped in " + seconds + " s");
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(tmp.resolve(".out.mp4.part")));
    assertTrue(records(work.resolve("chunks")) >= 1, "finished chunks kept for --resume");
  }

  @Test
  void sigtermCancelsTheSameWaySaysSoAndExits143() throws Exception {
    Path in = input();
    Path out = tmp.resolve("term.mp4");
    Path work = tmp.resolve(".term.mp4.framefork-work");
    Process p = start(in, out);
    double seconds = signal(p, work, "-TERM");
    String log = Files.readString(tmp.resolve("child-term.mp4.log"));
    assertEquals(143, p.exitValue(), log);
    assertTrue(seconds < 2.0, "stopped in " + seconds + " s");
    assertTrue(log.contains("framefork: terminated; cancelling input.mp4"), log);
    int kept = records(work.resolve("chunks"));
    assertTrue(log.contains("its " + kept + " finished chunk" + (kept == 1 ? " is" : "s are") + " kept in"), log);
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(tmp.resolve(".term.mp4.part")));
    assertTrue(records(work.resolve("chunks")) >= 1, "finished chunks kept for --resume");
  }

  @Test
  void sigintWithNoKeepRemovesTheWorkFolder() throws Exception {
    Path in = input();
    Path out = tmp.resolve("gone.mp4");
    Path work = tmp.resolve(".gone.mp4.framefork-work");
    Process p = start(in, out, "--no-keep");
    interrupt(p, work);
    assertEquals(130, p.exitValue());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(work), "work folder removed with --no-keep");
  }

  @Test
  void sigintWhileProbingSaysTheProbesAreKept() throws Exception {
    Path in = input();
    Path out = tmp.resolve("probing.mp4");
    Path work = tmp.resolve(".probing.mp4.framefork-work");
    Process p = start(in, out, "--target-quality", "ssim=0.97");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (count(work.resolve("chunks"), "\\d+\\.target\\.json") < 1 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "still probing when interrupted");
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process ended");
    String log = Files.readString(tmp.resolve("child-probing.mp4.log"));
    assertEquals(130, p.exitValue(), log);
    // What the folder holds when the process has gone decides the line: probed chunks, maybe a finished one.
    int finished = count(work.resolve("chunks"), "\\d+\\.json");
    int probed = count(work.resolve("chunks"), "\\d+\\.target\\.json") - finished;
    assertTrue(probed >= 1, "a probed chunk's search is kept: " + log);
    String probes = "the target-quality probes of " + probed + (finished > 0 ? " more" : "") + " chunk" + (probed == 1 ? "" : "s");
    assertTrue(log.contains(finished > 0 ? "finished chunk" + (finished == 1 ? "" : "s") + " and " + probes + " are kept in"
        : "no chunk had finished; its plan and " + probes + " are kept in"), log);
    assertFalse(Files.exists(out));
  }

  private static int count(Path chunks, String regex) {
    if (!Files.isDirectory(chunks)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(chunks)) {
      return (int) s.filter(f -> f.getFileName().toString().matches(regex)).count();
    } catch (Exception e) {
      return 0;
    }
  }

  private static int records(Path chunks) {
    if (!Files.isDirectory(chunks)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(chunks)) {
      return (int) s.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    } catch (Exception e) {
      return 0;
    }
  }
}
