package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stopped job's work folder keeps, as the row says it: the counts the engine's line gives, and
 * from one listing of its chunks, so that a chunk finishing while it is counted is counted once.
 */
class KeptWorkTest {
  @Test
  void theCountsAreTheEnginesLines(@TempDir Path root) throws Exception {
    assertEquals(new KeptWork.Counted(KeptWork.NOTHING, 0), KeptWork.count(root.resolve("gone")), "no folder");
    Path probesNoPlan = folder(root.resolve("probes-no-plan"), false, List.of("00000.target.json"));
    assertEquals(new KeptWork.Counted(KeptWork.NOTHING, 0), KeptWork.count(probesNoPlan), "no plan: nothing --resume takes");
    assertEquals(new KeptWork.Counted(KeptWork.PLAN, 0), KeptWork.count(folder(root.resolve("plan"), true, List.of())));
    assertEquals(new KeptWork.Counted(KeptWork.PLAN, 1),
        KeptWork.count(folder(root.resolve("plan-probes"), true, List.of("00000.target.json"))));
    assertEquals(new KeptWork.Counted(2, 2), KeptWork.count(folder(root.resolve("both"), true,
        List.of("00000.json", "00000.target.json", "00001.json", "00002.target.json", "00003.target.json"))));
  }

  /**
   * Chunk 1, probed, finishes and un-finishes over and over (its record moved in and out of the
   * chunks folder) while the folder is counted: it is always one finished chunk or one probed one.
   * Listed twice (finished, then probed), the count was 1 + 0 or 2 + 1 whenever it changed between.
   * Both states are seen (it is counted until they are), and the mover did not fail: a test that saw
   * only one of them, or none moved, tested nothing.
   */
  @Test
  void aChunkFinishingWhileCountedIsCountedOnce(@TempDir Path root) throws Exception {
    Path dir = folder(root.resolve("work"), true, List.of("00000.json", "00001.target.json"));
    Path record = dir.resolve("chunks/00001.json");
    Path aside = Files.writeString(dir.resolve("00001.json.aside"), "{}");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread toggler = Thread.ofPlatform().daemon().start(() -> {
      try {
        while (!stop.get()) {
          Files.move(aside, record, StandardCopyOption.ATOMIC_MOVE);
          Files.move(record, aside, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (Throwable e) {
        failed.set(e);
      }
    });
    Map<String, Integer> seen = new TreeMap<>();
    List<String> both = List.of("1 finished + 1 probed", "2 finished + 0 probed");
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      for (int i = 0; (i < 4000 || !seen.keySet().containsAll(both)) && System.nanoTime() < deadline && toggler.isAlive(); i++) {
        KeptWork.Counted c = KeptWork.count(dir);
        seen.merge(c.kept() + " finished + " + c.probed() + " probed", 1, Integer::sum);
      }
    } finally {
      stop.set(true);
      toggler.join();
    }
    assertNull(failed.get(), () -> "the chunk's record could not be moved: " + failed.get());
    assertTrue(seen.keySet().containsAll(both), () -> "both states of chunk 1 counted: " + seen);
    seen.keySet().removeAll(both);
    assertEquals(Map.of(), seen, "counts of a folder that always holds 2 chunks, each finished or probed");
  }

  /** A work folder: its plan and settings where {@code plan}, and {@code chunkFiles} in its chunks folder. */
  /** A listing that throws (a share gone) stores nothing, and what comes after the count runs all the same. */
  @Test
  void aCountThatFailsStillRunsWhatComesAfter() throws Exception {
    Path out = Path.of("/out/trip-h264.mp4").toAbsolutePath();
    QueueEntry e = new QueueEntry(Path.of("/videos/trip.mp4"));
    e.started(out, new org.framefork.app.settings.JobSettings(org.framefork.encoder.encode.VideoCodec.H264, "medium", 23,
        org.framefork.encoder.plan.ExecutionMode.PARALLEL, 2, 0, org.framefork.encoder.encode.Container.MP4, out.getParent(),
        org.framefork.encoder.encode.AudioMode.AUTO, "", "", null));
    e.cancelled();
    AtomicBoolean then = new AtomicBoolean();
    java.util.concurrent.CountDownLatch after = new java.util.concurrent.CountDownLatch(1);
    KeptWork.countFor(e, () -> then.set(true), after::countDown, dir -> {
      throw new java.io.UncheckedIOException(new java.io.IOException(dir + ": Input/output error"));
    });
    assertTrue(after.await(10, java.util.concurrent.TimeUnit.SECONDS), "after ran");
    java.awt.EventQueue.invokeAndWait(() -> {});
    assertFalse(then.get());
    assertEquals("", e.keptSentence(), "nothing counted");
  }

  private static Path folder(Path work, boolean plan, List<String> chunkFiles) throws java.io.IOException {
    Files.createDirectories(work.resolve("chunks"));
    if (plan) {
      Files.writeString(work.resolve("plan.json"), "{}");
      Files.writeString(work.resolve("settings.json"), "{}");
    }
    for (String f : chunkFiles) {
      Files.writeString(work.resolve("chunks").resolve(f), "{}");
    }
    return work;
  }
}
