package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Frame;
import java.awt.Rectangle;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javax.swing.JFileChooser;
import org.junit.jupiter.api.Test;

/**
 * What a crash kept: the window's place and the last "Add videos" folder reach the preferences file
 * while the window is open (the bounds were written only when it closed, the folder at the JVM's
 * sync 30 s later); a maximised window is saved as maximised, over the bounds it comes back to.
 */
class WindowPlaceTest {
  private static final String NODE = System.getProperty("framefork.prefs.node", "/org/framefork/app");

  /** The test JVM's preferences file of the app's node, as a crash would leave it. */
  private static String prefsFile() throws Exception {
    Path file = Path.of(System.getProperty("java.util.prefs.userRoot", System.getProperty("user.home")))
        .resolve(".java/.userPrefs" + NODE + "/prefs.xml");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static void waitForFile(String what, String... entries) throws Exception {
    long deadline = System.nanoTime() + 8_000_000_000L;
    while (true) {
      String text = prefsFile();
      if (List.of(entries).stream().allMatch(text::contains)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail(what + " not in the preferences file 8 s later:\n" + text);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void theWindowsPlaceAndTheAddFolderAreOnDiskWhileItIsOpen() throws Exception {
    Preferences node = Preferences.userRoot().node(NODE);
    List.of("x", "y", "w", "h", "maximized", "lastAddFolder").forEach(node::remove);
    node.flush();
    Path folder = UiTestSupport.emptyFolder("window-place-add");
    Path video = Files.copy(UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true), folder.resolve("added.mp4"));
    try (UiTestSupport.Launched app = UiTestSupport.launch()) {
      MainFrame frame = app.frame();
      // Put where it is asked until it stays: under Xvfb without a window manager, the X server's late
      // answer to the window's first (centred) placement can move it back once after a setBounds.
      java.awt.Rectangle asked = new java.awt.Rectangle(61, 41, 1001, 701);
      long until = System.nanoTime() + 20_000_000_000L;
      boolean stays = false;
      while (!stays && System.nanoTime() < until) {
        UiTestSupport.onEdt(() -> frame.setBounds(asked));
        Thread.sleep(300);
        stays = UiTestSupport.onEdt(() -> frame.getBounds().equals(asked));
      }
      assertTrue(stays, "the window stays at the place asked");
      waitForFile("the window's new bounds", "<entry key=\"x\" value=\"61\"/>", "<entry key=\"y\" value=\"41\"/>",
          "<entry key=\"w\" value=\"1001\"/>", "<entry key=\"h\" value=\"701\"/>", "<entry key=\"maximized\" value=\"false\"/>");

      javax.swing.SwingUtilities.invokeLater(() -> frame.queue().addFilesAction().actionPerformed(null)); // modal: not waited for
      UiTestSupport.waitUntil("the Add videos dialog is up", 20, () -> chooser() != null);
      UiTestSupport.onEdt(() -> {
        JFileChooser chooser = chooser();
        chooser.setSelectedFiles(new File[] {video.toFile()});
        chooser.approveSelection();
      });
      UiTestSupport.waitUntil("the video is queued", 20, () -> frame.queue().model().getSize() == 1);
      waitForFile("the Add videos folder", "<entry key=\"lastAddFolder\" value=\"" + folder + "\"/>");
      assertEquals(List.of(), app.frame().strictMode().violations(), "nothing written on the UI thread");
    }
  }

  /** The file chooser of the dialog that is up, or null. EDT. */
  private static JFileChooser chooser() {
    for (java.awt.Window w : java.awt.Window.getWindows()) {
      JFileChooser c = w.isShowing() ? chooserIn(w) : null;
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static JFileChooser chooserIn(java.awt.Container root) {
    for (java.awt.Component c : root.getComponents()) {
      if (c instanceof JFileChooser chooser) {
        return chooser;
      }
      JFileChooser inner = c instanceof java.awt.Container k ? chooserIn(k) : null;
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  @Test
  void aMaximisedWindowIsSavedAsMaximisedOverTheBoundsItComesBackTo() {
    Preferences node = Preferences.userRoot().node(NODE + "-window-place");
    AppPreferences prefs = AppPreferences.of(node, false);
    WindowPlace.save(prefs, new Rectangle(30, 20, 900, 650), Frame.NORMAL);
    assertEquals(Frame.NORMAL, WindowPlace.state(prefs));
    WindowPlace.save(prefs, new Rectangle(0, 0, 1920, 1040), Frame.MAXIMIZED_BOTH);
    assertEquals(Frame.MAXIMIZED_BOTH, WindowPlace.state(prefs));
    assertEquals(new Rectangle(30, 20, 900, 650), WindowPlace.bounds(prefs, 1280, 860), "unmaximised, it comes back there");
    WindowPlace.save(prefs, new Rectangle(0, 900, 160, 30), Frame.ICONIFIED);
    assertEquals(new Rectangle(30, 20, 900, 650), WindowPlace.bounds(prefs, 1280, 860), "a minimised window's place is not kept");
    // Minimised, some systems drop MAXIMIZED_BOTH from the state: that is not "no longer maximised".
    assertEquals(Frame.MAXIMIZED_BOTH, WindowPlace.state(prefs), "minimised, it comes back maximised");
    assertTrue(AppPreferences.awaitWritten(10_000));
    assertEquals("true", node.get("maximized", null), "the state is written through to the node");
    assertTrue(AppPreferences.of(node, true).getBoolean("maximized", false));
    WindowPlace.save(prefs, new Rectangle(30, 20, 900, 650), Frame.NORMAL);
    assertTrue(AppPreferences.awaitWritten(10_000));
    assertEquals("false", node.get("maximized", null));
  }

  /**
   * The saved place on a second monitor is kept (it was centred on the first: only the first screen
   * was asked); a place mostly off every screen opens centred; one partly off is moved onto its screen.
   */
  @Test
  void theSavedPlaceIsKeptOnAnyScreenItOverlaps() {
    Rectangle left = new Rectangle(0, 0, 1920, 1040);
    Rectangle right = new Rectangle(1920, 0, 2560, 1400);
    List<Rectangle> screens = List.of(left, right);
    Rectangle onRight = new Rectangle(2400, 100, 1280, 860);
    assertEquals(onRight, WindowPlace.onScreen(onRight, screens), "on the second monitor");
    assertEquals(right, WindowPlace.screenOf(onRight, screens));
    Rectangle aboveLeft = new Rectangle(-200, -100, 1280, 860); // a monitor unplugged above and left of the first
    assertEquals(new Rectangle(0, 0, 1280, 860), WindowPlace.onScreen(aboveLeft, screens), "moved onto the first");
    assertEquals(null, WindowPlace.onScreen(new Rectangle(1800, 900, 1280, 860), List.of(left)),
        "its corner on the screen, most of it off: centred");
    assertEquals(null, WindowPlace.onScreen(new Rectangle(5000, 0, 1280, 860), screens), "a monitor that is gone");
    assertEquals(new Rectangle(1920, 0, 2560, 1400), WindowPlace.onScreen(new Rectangle(1900, -50, 3000, 1500), screens),
        "larger than its screen: shrunk into it");
  }
}
