package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** At the window's minimum, a long refusal beside Start is cut with its whole text in the tooltip, the buttons stay in. */
class MessageBesideStartTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  void aLongRefusalKeepsAddVideosAndTheThemeToggleInTheWindow() throws Exception {
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      String missing = "/nonexistent/a/rather/long/folder/name/for/the/logo/picture/that/is/not/there/logo.png";
      UiTestSupport.onEdt(() -> {
        frame.setSize(800, 600);
        UiTestSupport.find(frame.settings(), "filters", JTextField.class).setText("overlay=" + missing + ":16:16");
        frame.startAction().actionPerformed(null);
        frame.validate();
      });
      String message = UiTestSupport.onEdt(frame::messageText);
      // The tests share one preferences node: the next test's app would open with this overlay.
      UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "filters", JTextField.class).setText(""));
      assertTrue(message.contains(missing), message);
      JLabel label = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.getContentPane(), "message", JLabel.class));
      assertEquals(message, UiTestSupport.onEdt(() -> label.getToolTipText()), "the whole sentence in the tooltip");
      int width = UiTestSupport.onEdt(() -> frame.getContentPane().getWidth());
      for (String name : List.of("addVideos", "darkToggle")) {
        Rectangle shown = UiTestSupport.onEdt(() -> {
          java.awt.Component c = UiTestSupport.find(frame.getContentPane(), name, javax.swing.AbstractButton.class);
          return SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), frame.getContentPane());
        });
        assertTrue(shown.x >= 0 && shown.x + shown.width <= width, name + " at " + shown + " in a pane " + width + " wide");
      }
      UiTestSupport.screenshot(frame, "message-beside-start-800x600");
      Rectangle text = UiTestSupport.onEdt(() -> label.getBounds());
      assertTrue(text.width < label.getFontMetrics(label.getFont()).stringWidth(message), "the label is cut, not widened");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
