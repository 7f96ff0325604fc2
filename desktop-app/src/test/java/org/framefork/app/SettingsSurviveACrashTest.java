package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A setting changed seconds before the app is killed with SIGKILL is there at the next start: the
 * change reaches the preferences file at once, not at java.util.prefs' next periodic sync.
 */
class SettingsSurviveACrashTest {
  private static final String CRF_37 = "<entry key=\"crf\" value=\"37\"/>";

  private static String saved(Path prefsFile) throws java.io.IOException {
    try {
      return Files.readString(prefsFile);
    } catch (java.nio.file.NoSuchFileException e) {
      return "(no file)";
    }
  }

  @Test
  void aChangeIsOnDiskSecondsLaterWithoutAQuit() throws Exception {
    UiTestSupport.requireDisplay();
    Path dir = UiTestSupport.emptyFolder("settings-crash");
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Path prefsRoot = Files.createDirectories(dir.resolve("prefs"));
    Path out = Files.createDirectories(dir.resolve("out"));
    // Preferences of its own (not the other tests'), and no periodic sync within the test's time: only the app's own write counts.
    // The command line's settings are not saved (they are that session's): the child sets these in its window.
    List<String> cmd = new java.util.ArrayList<>(UiTestSupport.appCommand("--data-dir", dataDir.toString()));
    cmd.set(cmd.indexOf(FrameForkApp.class.getName()), EditsInTheWindow.class.getName());
    cmd.addAll(cmd.indexOf(EditsInTheWindow.class.getName()) + 1, List.of("37", out.toString()));
    cmd.addAll(cmd.indexOf("-cp"), List.of("-Djava.util.prefs.userRoot=" + prefsRoot, "-Djava.util.prefs.syncInterval=3600"));
    Path log = dir.resolve("child.log");
    Process app = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path prefsFile = prefsRoot.resolve(".java/.userPrefs/org/framefork/app-test/prefs.xml");
    try {
      // The window is built once the queue file is written (the child's edits follow at once).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(dataDir.resolve("queue.json")) && app.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(dataDir.resolve("queue.json")), "the window did not come up: " + Files.readString(log));
      // A crash some seconds after the change (QA's was 13 s): by then the file must hold it. On a loaded machine the
      // write can take a moment, so the kill comes as soon as it is there, or after 10 s.
      long crashAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!saved(prefsFile).contains(CRF_37) && System.nanoTime() < crashAt) {
        Thread.sleep(50);
      }
      assertTrue(app.isAlive(), Files.readString(log));
    } finally {
      app.destroyForcibly(); // SIGKILL: no shutdown hook, no window closing, no sync at exit
      app.waitFor(30, TimeUnit.SECONDS);
    }
    String saved = saved(prefsFile);
    assertTrue(saved.contains(CRF_37), prefsFile + ":\n" + saved);
    assertTrue(saved.contains("<entry key=\"outputFolder\" value=\"" + out + "\"/>"), saved);
  }

  /** The app, given all but the first two arguments, with the CRF the first sets and the output folder the second. */
  static final class EditsInTheWindow {
    public static void main(String[] args) {
      MainFrame frame = FrameForkApp.launch(AppArgs.parse(java.util.Arrays.copyOfRange(args, 2, args.length)), null);
      UiTestSupport.onEdt(() -> {
        UiTestSupport.find(frame.settings(), "crf", javax.swing.JSpinner.class).setValue(Integer.parseInt(args[0]));
        UiTestSupport.find(frame.settings(), "outputFolder", javax.swing.JTextField.class).setText(args[1]);
      });
    }
  }
}
