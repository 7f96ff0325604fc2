package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.FocusEvent;
import java.util.List;
import javax.swing.JTextField;
import org.junit.jupiter.api.Test;

/**
 * A setting Start would refuse is refused when its field is left or Enter is pressed in it: the field
 * outlined as an error, Start's own sentence on the line beside Start; both go once it is fixed.
 */
class FieldCheckTest {
  @Test
  void aBadFieldIsSaidWhenItIsLeft() throws Exception {
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JTextField filters = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "filters", JTextField.class));
      JTextField target = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "targetQuality", JTextField.class));
      try {
        for (String bad : List.of("scael=640:-1", "denoise=99")) {
          String atStart = startSays(frame, () -> filters.setText(bad));
          UiTestSupport.onEdt(filters::postActionEvent); // Enter
          assertEquals(atStart, UiTestSupport.onEdt(frame::messageText), bad);
          assertEquals("error", UiTestSupport.onEdt(() -> filters.getClientProperty("JComponent.outline")), bad);
        }
        UiTestSupport.onEdt(() -> {
          filters.setText("scale=320:-1");
          filters.postActionEvent();
        });
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        assertNull(UiTestSupport.onEdt(() -> filters.getClientProperty("JComponent.outline")));

        String atStart = startSays(frame, () -> target.setText("vmaf=120"));
        UiTestSupport.onEdt(() -> leave(target));
        assertTrue(atStart.contains("vmaf"), atStart);
        assertEquals(atStart, UiTestSupport.onEdt(frame::messageText));
        assertEquals("error", UiTestSupport.onEdt(() -> target.getClientProperty("JComponent.outline")));
        UiTestSupport.onEdt(() -> {
          target.setText("");
          leave(target);
        });
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        assertNull(UiTestSupport.onEdt(() -> target.getClientProperty("JComponent.outline")));
        assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      } finally {
        UiTestSupport.onEdt(() -> {
          filters.setText(""); // the tests share one preferences node
          target.setText("");
        });
      }
    }
  }

  /** The field loses the focus, as a click elsewhere makes it (a FOCUS_LOST event of a field without it is dropped). */
  private static void leave(JTextField field) {
    for (java.awt.event.FocusListener l : field.getFocusListeners()) {
      l.focusLost(new FocusEvent(field, FocusEvent.FOCUS_LOST));
    }
  }

  /** What Start says with {@code set} done, the line then cleared. */
  private static String startSays(MainFrame frame, Runnable set) {
    return UiTestSupport.onEdt(() -> {
      set.run();
      frame.startAction().actionPerformed(null);
      String said = frame.messageText();
      UiTestSupport.find(frame.getContentPane(), "message", javax.swing.JLabel.class).setText(""); // for the field to say it
      return said;
    });
  }
}
