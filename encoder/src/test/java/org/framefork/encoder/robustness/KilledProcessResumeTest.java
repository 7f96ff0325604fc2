package org.framefork.encoder.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real encoder process killed with SIGKILL mid-job, then resumed: only unfinished chunks run again. */
class KilledProcessResumeTest {
  @TempDir Path tmp;

  @Test
  void killMinusNineThenResumeReusesFinishedChunks() throws Exception {
    Path in = tmp.resolve("input.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=6", "-f", "lavfi", "-i", "sine=duration=6",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "15", "-pix_fmt", "yuv420p", "-c:a", "aac", in.toString());
    Path out = tmp.resolve("out.mp4");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        "org.framefork.encoder.cli.Main", "encode", in.toString(), "-o", out.toString(),
        "--preset", "slow", "--chunk-frames", "15", "--workers", "1", "--quiet"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    Path chunks = tmp.resolve(".out.mp4.framefork-work").resolve("chunks");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (records(chunks) < 2 && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(p.isAlive(), "the child was still encoding when killed: " + Files.readString(tmp.resolve("child.log")));
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
    p.waitFor(30, TimeUnit.SECONDS);
    int finishedBeforeKill = records(chunks);
    assertTrue(finishedBeforeKill >= 2);
    assertFalse(Files.exists(out), "nothing at the destination after the kill");

    JobOptions o = JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "slow", 1))
        .withSplit(SplitMode.FIXED, 0, 15)
        .withMode(ExecutionMode.PARALLEL, 1)
        .withResume(true);
    JobReport r = new EncodeJob(o, null).run();
    assertTrue(r.chunks().reused() >= finishedBeforeKill - 1 && r.chunks().reused() >= 1, "reused " + r.chunks().reused());
    assertEquals(12, r.chunks().count());
    assertEquals(180, DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.decodeErrors(out));
    assertTrue(r.verification().passed());
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
