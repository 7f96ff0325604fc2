package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AV1 encode run by a JVM as root, not through the launcher (which gives up CAP_SYS_NICE first):
 * SVT-AV1 made the thread that ran it SCHED_FIFO at priority 99, for good (and each thread of its
 * own with more than one). Sequential mode runs the chunks on the calling thread, which then reads
 * its own policy. Where the thread cannot become real-time anyway (not root, the launcher) it still
 * checks the encode and that the thread stays at the normal policy without CAP_SYS_NICE, which it
 * cannot then tell from a drop that did nothing; NoRealtimeTest checks the drop itself everywhere.
 */
class RealtimeThreadsTest {
  @TempDir Path dir;

  @Test
  void anAv1EncodeLeavesItsThreadAtTheNormalPolicy() throws Exception {
    Path out = dir.resolve("av1.mkv");
    boolean[] nice = new boolean[2];
    int[] policy = new int[1];
    AtomicReference<CliRun> ran = new AtomicReference<>();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = Thread.ofPlatform().name("rt-probe").start(() -> {
      try {
        nice[0] = hasSysNice();
        ran.set(CliRun.of("encode", TestMedia.get(TestMedia.H264_BFRAMES_AAC).toString(), "-o", out.toString(), "--codec",
            "av1", "--preset", "ultrafast", "--mode", "sequential", "--quiet"));
        policy[0] = policy();
        nice[1] = hasSysNice();
      } catch (Throwable e) {
        failed.set(e); // said below, as itself
      }
    });
    t.join();
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
    CliRun run = ran.get();
    assertEquals(0, run.code(), run::toString);
    assertEquals("av1", DebianFfmpeg.probe(out, "v:0", "stream=codec_name", false));
    System.out.println("the encode's thread had CAP_SYS_NICE: " + nice[0]);
    assertEquals(0, policy[0], "the encode's thread is SCHED_OTHER (0), not SCHED_FIFO (1)");
    assertFalse(nice[1], "the thread gave up CAP_SYS_NICE");
  }

  /** The calling thread's scheduling policy: /proc/thread-self/stat's 41st field (0 normal, 1 FIFO, 2 RR). */
  private static int policy() throws IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(after[41 - 3]);
  }

  /** Whether the calling thread has CAP_SYS_NICE (23) in its effective set. */
  private static boolean hasSysNice() throws IOException {
    String eff = Files.readAllLines(Path.of("/proc/thread-self/status")).stream().filter(l -> l.startsWith("CapEff:"))
        .findFirst().orElse("CapEff: 0").substring(7).strip();
    return ((Long.parseLong(eff, 16) >> 23) & 1) == 1;
  }
}
