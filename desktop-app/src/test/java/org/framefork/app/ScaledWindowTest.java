package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * At {@code -Dflatlaf.uiScale=1.5} the window's default size and its minimum are 1.5 times their
 * logical 1280x860 and 800x600 (they were physical pixels, so the window was smaller than its own
 * minimum in logical terms), within the screen. FlatLaf reads the scale once per JVM: the window
 * opens in a JVM of its own, with preferences of its own (no saved size).
 */
class ScaledWindowTest {
  /** Opens the window in this JVM and prints "minimum WxH size WxH screen WxH", then exits. */
  public static void main(String[] args) throws Exception {
    MainFrame frame = FrameForkApp.launch(AppArgs.parse(args), null);
    EventQueue.invokeAndWait(() -> {
      Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
      System.out.println("minimum " + text(frame.getMinimumSize()) + " size " + text(frame.getSize()) + " screen "
          + screen.width + "x" + screen.height);
    });
    System.exit(0);
  }

  private static String text(Dimension d) {
    return d.width + "x" + d.height;
  }

  @Test
  void theDefaultSizeAndTheMinimumFollowTheUiScale() throws Exception {
    UiTestSupport.requireDisplay();
    Path dir = UiTestSupport.emptyFolder("scaled-window");
    Path prefsRoot = Files.createDirectories(dir.resolve("prefs"));
    List<String> cmd = new ArrayList<>(UiTestSupport.appCommand("--data-dir", dir.resolve("data").toString(), "--light"));
    int main = cmd.indexOf(FrameForkApp.class.getName());
    cmd.set(main, ScaledWindowTest.class.getName());
    cmd.addAll(cmd.indexOf("-cp"), List.of("-Dflatlaf.uiScale=1.5", "-Djava.util.prefs.userRoot=" + prefsRoot));
    Path log = dir.resolve("child.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the window did not come up");
    String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("minimum ")).findFirst()
        .orElseThrow(() -> new AssertionError(String.join("\n", readLog(log))));
    String[] f = line.split(" ");
    int[] screen = size(f[5]);
    assertEquals(Math.min(1200, screen[0]) + "x" + Math.min(900, screen[1]), f[1], line);
    assertEquals(Math.min(1920, screen[0]) + "x" + Math.min(1290, screen[1]), f[3], line);
  }

  private static int[] size(String wxh) {
    String[] p = wxh.split("x");
    return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
  }

  private static List<String> readLog(Path log) {
    try {
      return Files.readAllLines(log);
    } catch (java.io.IOException e) {
      return List.of(e.toString());
    }
  }
}
