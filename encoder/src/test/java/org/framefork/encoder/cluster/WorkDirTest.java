package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed with kill -9 cannot remove its work folder: the next FrameFork JVM that starts a node removes it. */
class WorkDirTest {
  @TempDir Path tmp;

  @Test
  void aDeadJvmsWorkFolderIsRemovedALiveOnesIsKept() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
    Path dead = Files.createDirectories(tmp.resolve(ClusterEngine.WORK_PREFIX + gone.pid() + "-123/chunk-1"));
    Files.writeString(dead.resolve("segment.mkv"), "x");
    Path live = Files.createDirectories(tmp.resolve(ClusterEngine.WORK_PREFIX + ProcessHandle.current().pid() + "-456"));
    Path other = Files.createDirectories(tmp.resolve("framefork-ignite-notapid-789"));
    ClusterEngine.removeAbandoned(tmp);
    assertFalse(Files.exists(dead.getParent()), "the dead JVM's folder is left");
    assertTrue(Files.isDirectory(live), "a running JVM's folder was removed");
    assertTrue(Files.isDirectory(other), "a folder FrameFork cannot tell the owner of was removed");
  }
}
