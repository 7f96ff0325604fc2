package org.framefork.app.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * Each open of the presets makes a new dialog that listens to the app's preset library; closing it
 * stops that, so a session that opens the presets often does not keep (and reload at every change)
 * each dialog it closed.
 */
class PresetsDialogListenerTest {
  @Test
  void aClosedDialogNoLongerListensToTheLibrary() throws Exception {
    PresetLibrary library = PresetLibrary.load(null, true);
    int[] counts = new int[4];
    SwingUtilities.invokeAndWait(() -> {
      counts[0] = library.listenerCount();
      for (int open = 0; open < 3; open++) {
        PresetsDialog dialog = new PresetsDialog(null, library, () -> null, p -> {}, null);
        counts[1] = library.listenerCount();
        dialog.dispose();
        dialog.dispose(); // Close, then Escape: the second takes nothing more off
      }
      counts[2] = library.listenerCount();
    });
    assertEquals(counts[0] + 1, counts[1], "an open dialog listens");
    assertEquals(counts[0], counts[2], "three opened and closed: none left listening");
  }
}
