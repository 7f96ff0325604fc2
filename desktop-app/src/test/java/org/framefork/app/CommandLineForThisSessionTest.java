package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import org.junit.jupiter.api.Test;

/**
 * The command line's settings are this session's: an edit in the window saves the settings, but a
 * setting the command line gave keeps its remembered value, unless it was changed in the window too.
 */
class CommandLineForThisSessionTest {
  private static final List<String> KEYS = List.of("outputFolder", "codec", "crf", "workers", "filters");

  @Test
  void anEditInTheWindowKeepsTheRememberedValuesOfTheCommandLinesSettings() throws Exception {
    Preferences node = Preferences.userRoot().node(System.getProperty("framefork.prefs.node", "/org/framefork/app"));
    assertEquals(true, AppPreferences.awaitWritten(10_000));
    Map<String, String> old = new HashMap<>();
    KEYS.forEach(k -> old.put(k, node.get(k, null)));
    Path stored = UiTestSupport.emptyFolder("session-stored");
    Path given = UiTestSupport.emptyFolder("session-given");
    try {
      node.put("outputFolder", stored.toString());
      node.put("codec", "h264");
      node.put("crf", "30");
      node.put("workers", "1");
      node.put("filters", "");
      node.flush();
      try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--output-dir", given.toString(), "--codec", "h265",
          "--workers", "2")) {
        var settings = app.frame().settings();
        assertEquals(given.toAbsolutePath().toString(),
            UiTestSupport.onEdt(() -> UiTestSupport.find(settings, "outputFolder", JTextField.class).getText()));
        UiTestSupport.onEdt(() -> UiTestSupport.find(settings, "filters", JTextField.class).setText("scale=-1:120"));
        UiTestSupport.onEdt(() -> UiTestSupport.find(settings, "workers", JSpinner.class).setValue(3));
      }
      AppPreferences saved = AppPreferences.open(true);
      assertEquals("scale=-1:120", saved.get("filters", null), "the edit is saved");
      assertEquals(stored.toString(), saved.get("outputFolder", null), "--output-dir is this session's");
      assertEquals("h264", saved.get("codec", null), "--codec is this session's");
      assertEquals("30", saved.get("crf", null), "so is the CRF that --codec reset");
      assertEquals("3", saved.get("workers", null), "--workers changed in the window is the user's");
      // The next session, given no options, opens with the remembered folder.
      try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
        assertEquals(stored.toString(), UiTestSupport.onEdt(
            () -> UiTestSupport.find(app.frame().settings(), "outputFolder", JTextField.class).getText()));
      }
    } finally {
      AppPreferences.awaitWritten(10_000);
      old.forEach((k, v) -> {
        if (v == null) {
          node.remove(k);
        } else {
          node.put(k, v);
        }
      });
      node.flush();
      Files.deleteIfExists(given);
    }
  }
}
