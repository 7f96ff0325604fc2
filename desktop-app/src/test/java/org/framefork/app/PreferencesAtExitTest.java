package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change handed to the preferences' writer reaches the node even when the app ends with
 * System.exit at once (a scripted run's end, StrictMode's death penalty): the writer did not finish.
 */
class PreferencesAtExitTest {
  /** The child JVM: one put into a node that takes half a second to take it, then System.exit. */
  public static void main(String[] args) {
    AppPreferences prefs = AppPreferences.of(new SlowPutNode(Path.of(args[0])), false);
    prefs.put("divider", "310");
    System.exit(0);
  }

  /** Writes what it was given to a file, after half a second. */
  private static final class SlowPutNode extends MemoryNode {
    private final Path file;

    SlowPutNode(Path file) {
      this.file = file;
    }

    @Override
    protected void putSpi(String key, String value) {
      try {
        Thread.sleep(500);
        Files.writeString(file, key + "=" + value);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      super.putSpi(key, value);
    }
  }

  @Test
  void aChangeHandedToTheWriterSurvivesSystemExit(@TempDir Path dir) throws Exception {
    Path written = dir.resolve("node.txt");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"), "-cp", System.getProperty("java.class.path"),
        PreferencesAtExitTest.class.getName(), written.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not end");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("child.log")));
    assertTrue(Files.exists(written), "the put was lost at exit: " + Files.readString(dir.resolve("child.log")));
    assertEquals("divider=310", Files.readString(written));
    String log = Files.readString(dir.resolve("child.log"));
    assertTrue(!log.contains("Error") && !log.contains("Shutdown in progress"), "the exit hook failed: " + log);
  }
}
