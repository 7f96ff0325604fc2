package org.framefork.app;

import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.KeyStroke;

/** What every dialog of the app's own does alike. */
public final class Dialogs {
  private Dialogs() {}

  /** Escape closes {@code dialog} (disposes it), as its Close button does. */
  public static void closeOnEscape(JDialog dialog) {
    dialog.getRootPane().getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
        "closeDialog");
    dialog.getRootPane().getActionMap().put("closeDialog", new AbstractAction() {
      @Override
      public void actionPerformed(ActionEvent e) {
        dialog.dispose();
      }
    });
  }
}
