package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.job.LockHolder;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two inputs of one name from two cards ({@code card1/GOPR0001.MP4}, {@code card2/GOPR0001.MP4})
 * into one output folder: while the first's output is taken in any way (its cancelled job's work
 * folder, its queue entry, a running job's lock), the second gets another output.
 */
class SameNamedInputsTest {
  @TempDir
  Path root;

  private Path inA;
  private Path inB;
  private Path out;

  private void cards() throws Exception {
    inA = Files.writeString(Files.createDirectories(root.resolve("card1")).resolve("GOPR0001.MP4"), "x");
    inB = Files.writeString(Files.createDirectories(root.resolve("card2")).resolve("GOPR0001.MP4"), "x");
    out = Files.createDirectories(root.resolve("out"));
  }

  @Test
  void aCancelledJobsWorkFolderTakesItsName() throws Exception {
    cards();
    Path outA = OutputNames.forInput(inA, out, VideoCodec.H264, Container.MP4, Set.of());
    Files.createDirectories(JobWorkspace.defaultFor(outA).resolve("chunks")); // what the cancel kept; no output file
    Path outB = OutputNames.forInput(inB, out, VideoCodec.H264, Container.MP4, Set.of());
    assertEquals(out.resolve("GOPR0001-h264-2.mp4"), outB);
    assertNotEquals(JobWorkspace.defaultFor(outA), JobWorkspace.defaultFor(outB));
  }

  @Test
  void aStoppedEntryHoldsItsOutputWithNoWorkFolder() throws Exception {
    cards();
    Path outA = out.resolve("GOPR0001-h264.mp4");
    JobSettings s = new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, out,
        AudioMode.AUTO, "", "", null);
    QueueEntry a = QueueEntry.restore(new QueueEntry.Saved(inA, QueueEntry.State.CANCELLED, outA, 0, 0, null, s, List.of(),
        List.of(), List.of()));
    QueueEntry b = new QueueEntry(inB);
    Set<Path> held = OutputNames.heldBy(List.of(a, b), b);
    assertEquals(Set.of(outA.toAbsolutePath().normalize()), held);
    assertEquals(out.resolve("GOPR0001-h264-2.mp4"), OutputNames.forInput(inB, out, VideoCodec.H264, Container.MP4, held));
    // The entry's own output is not held against it: it starts again under its name.
    assertEquals(outA, OutputNames.forInput(inA, out, VideoCodec.H264, Container.MP4, OutputNames.heldBy(List.of(a, b), a)));
  }

  @Test
  void aRunningJobsLockTakesItsName() throws Exception {
    cards();
    Path outA = out.resolve("GOPR0001-h264.mp4");
    // Another process's job writing outA takes its name while it runs.
    try (LockHolder.Held job = LockHolder.hold(outA)) {
      assertEquals(out.resolve("GOPR0001-h264-2.mp4"), OutputNames.forInput(inB, out, VideoCodec.H264, Container.MP4,
          Set.of()));
      job.kill();
    }
    // The lock file a killed job left (no lock on it) takes nothing.
    assertEquals(1, countLockFiles(), "the killed job's lock file stays");
    assertEquals(outA, OutputNames.forInput(inB, out, VideoCodec.H264, Container.MP4, Set.of()));
  }

  /** The lock files beside the outputs: a job's while it runs, a killed job's after it. */
  private long countLockFiles() throws IOException {
    try (var files = Files.list(out)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".lock")).count();
    }
  }
}
