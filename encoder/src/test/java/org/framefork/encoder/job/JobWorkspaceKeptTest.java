package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a work folder keeps for --resume is counted once, in one listing, and the same count says
 * whether a failed job keeps the folder and what its message says it keeps.
 */
class JobWorkspaceKeptTest {
  @TempDir Path dir;

  @Test
  void oneCountGivesTheFinishedChunksAndTheProbedUnfinishedOnes() throws IOException {
    Path chunks = Files.createDirectories(dir.resolve("chunks"));
    for (String name : new String[] {"00000.json", "00001.json", "00001.target.json", "00002.target.json", "00003.json.tmp",
        "00004.mkv"}) {
      Files.writeString(chunks.resolve(name), "{}");
    }
    JobWorkspace.Kept kept = JobWorkspace.kept(dir);
    assertEquals(new JobWorkspace.Kept(2, 1), kept, "00000 and 00001 finished; 00002 probed, unfinished");
    assertTrue(kept.any());
    assertEquals(2, JobWorkspace.finishedChunks(dir));
    assertEquals(1, JobWorkspace.probedUnfinishedChunks(dir));
    assertEquals(new JobWorkspace.Kept(0, 0), JobWorkspace.kept(dir.resolve("missing")));
    assertFalse(JobWorkspace.kept(dir.resolve("missing")).any());
  }

  @Test
  void theMessageSaysWhatTheCountFound() {
    IOException full = new IOException("No space left on device");
    assertEquals("No space left on device; free space, then run the same command with --resume (2 finished chunks and 1 "
        + "chunk's probes kept in " + dir + ")", new WorkKeptException(full, dir, new JobWorkspace.Kept(2, 1)).getMessage());
    WorkKeptException none = new WorkKeptException(full, dir, new JobWorkspace.Kept(0, 0));
    assertTrue(none.getMessage().endsWith("(no chunk had finished: its plan is kept in " + dir + ")"), none::getMessage);
    assertEquals(0, none.finishedChunks());
  }

  @Test
  void aRecordAFullDiskRefusesIsLeftOutAndNoOutputIsAnyLessFinished() throws IOException {
    Path output = Files.write(dir.resolve("out.mp4"), new byte[200_000]);
    Path mount = Files.createDirectory(dir.resolve("disk"));
    try (org.framefork.encoder.testing.Tmpfs disk = org.framefork.encoder.testing.Tmpfs.mount(mount, 64)) {
      JobWorkspace workspace = new JobWorkspace(mount);
      try {
        Files.write(mount.resolve("filler"), new byte[1 << 20]);
      } catch (IOException full) {
        // the disk is full now
      }
      workspace.writePublished(output, false); // no exception: the output is renamed into place all the same
      assertFalse(Files.exists(mount.resolve("published.json")));
      assertFalse(Files.exists(mount.resolve("published.json.tmp")), "nothing half-written stays");
      assertFalse(JobWorkspace.published(mount, output), "without its record, --resume refuses the output");
      Files.delete(mount.resolve("filler"));
      workspace.writePublished(output, false);
      assertTrue(JobWorkspace.published(mount, output));
      Files.write(output, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
      assertFalse(JobWorkspace.published(mount, output), "an output changed since is not the one recorded");
    }
  }
}
