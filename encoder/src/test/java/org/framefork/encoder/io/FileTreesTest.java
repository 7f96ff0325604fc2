package org.framefork.encoder.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A best-effort delete takes a whole tree, a lone file, or nothing, and never throws. */
class FileTreesTest {
  @TempDir
  Path dir;

  @Test
  void aTreeGoesWholeAndItsNeighbourStays() throws IOException {
    Path root = Files.createDirectories(dir.resolve("work/chunks/deep"));
    Files.writeString(root.resolve("00001.mp4"), "x");
    Files.writeString(dir.resolve("work/plan.json"), "{}");
    Path neighbour = Files.writeString(dir.resolve("work-2"), "kept");
    FileTrees.deleteBestEffort(dir.resolve("work"));
    assertFalse(Files.exists(dir.resolve("work")));
    assertTrue(Files.exists(neighbour), "only the tree named goes");
  }

  @Test
  void aFileOrNothingIsNoError() throws IOException {
    Path file = Files.writeString(dir.resolve("one.txt"), "x");
    FileTrees.deleteBestEffort(file);
    assertFalse(Files.exists(file));
    FileTrees.deleteBestEffort(dir.resolve("never-made"));
    FileTrees.deleteBestEffort(null);
  }
}
