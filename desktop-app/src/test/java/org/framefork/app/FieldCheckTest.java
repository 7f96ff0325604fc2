package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.FocusEvent;
import java.nio.file.Path;
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
          filters.setText("scale=640:-2"); // as FFmpeg users write it: -1 here
          filters.postActionEvent();
        });
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        assertNull(UiTestSupport.onEdt(() -> filters.getClientProperty("JComponent.outline")));

        String atStart = startSays(frame, () -> target.setText("vmaf=120"));
        assertTrue(atStart.contains("vmaf"), atStart);
        saidUntilFixed(frame, target, atStart, "");
        assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      } finally {
        UiTestSupport.onEdt(() -> {
          filters.setText(""); // the tests share one preferences node
          target.setText("");
        });
      }
    }
  }

  /**
   * Leaving a right Sequence fps says nothing of the other picture settings (Bit depth 10 with a tone
   * map, which Start refuses): the fps field is not outlined for them, and a wrong fps still is.
   */
  @Test
  void theFpsFieldIsCheckedForItsOwnProblemOnly() throws Exception {
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JTextField rate = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "sequenceRate", JTextField.class));
      javax.swing.JComboBox<?> depth = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "depth", javax.swing.JComboBox.class));
      javax.swing.JComboBox<?> toneMap = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "toneMap", javax.swing.JComboBox.class));
      try {
        String atStart = startSays(frame, () -> {
          depth.setSelectedItem("10");
          toneMap.setSelectedItem("hable");
          rate.setText("25");
        });
        assertTrue(atStart.startsWith("Tone map writes 8-bit SDR"), atStart); // Start keeps the full check
        UiTestSupport.onEdt(() -> leave(rate));
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        assertNull(UiTestSupport.onEdt(() -> rate.getClientProperty("JComponent.outline")));

        String wrongRate = startSays(frame, () -> {
          depth.setSelectedItem("auto");
          rate.setText("fast");
        });
        assertTrue(wrongRate.contains("Sequence fps"), wrongRate);
        saidUntilFixed(frame, rate, wrongRate, "24");
      } finally {
        UiTestSupport.onEdt(() -> {
          rate.setText("");
          depth.setSelectedItem("auto");
          toneMap.setSelectedItem("off");
        });
      }
    }
  }

  /**
   * Leaving Filters looks at no disk on the UI thread: an overlay whose picture is not there is said
   * by Start, not when the field is left. An output folder that is no path (on Windows, a name with
   * a colon; here a NUL) is said beside Start when a field is left, not thrown in the focus listener.
   */
  @Test
  void leavingFiltersReadsNoDiskAndSaysAnOutputFolderThatIsNoPath() throws Exception {
    Path missing = Path.of("/nonexistent-framefork/logo.png");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JTextField filters = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "filters", JTextField.class));
      JTextField output = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "outputFolder", JTextField.class));
      String folderBefore = UiTestSupport.onEdt(() -> output.getText());
      try {
        String atStart = startSays(frame, () -> filters.setText("overlay=" + missing + ":16:16"));
        assertTrue(atStart.contains("no such picture"), atStart);
        UiTestSupport.onEdt(() -> leave(filters));
        assertEquals("", UiTestSupport.onEdt(frame::messageText), "the field looked for the overlay's picture");
        assertNull(UiTestSupport.onEdt(() -> filters.getClientProperty("JComponent.outline")));

        UiTestSupport.onEdt(() -> {
          filters.setText("");
          withoutSaving(output, () -> output.setText("/tmp/out\0put")); // the preferences take no NUL
          leave(filters);
        });
        String said = UiTestSupport.onEdt(frame::messageText);
        assertTrue(said.startsWith("Output folder /tmp/out") && said.contains("choose one with Browse"), said);
      } finally {
        UiTestSupport.onEdt(() -> {
          withoutSaving(output, () -> output.setText(folderBefore));
          filters.setText(""); // the tests share one preferences node
        });
      }
    }
  }

  /**
   * A CRF out of the codec's range, typed and left with Tab, goes back to the value before, as a
   * spinner does, and the line beside Start says the range (the QA run's 99 went back to 35
   * without a word); a CRF in range clears it.
   */
  @Test
  void aCrfOutOfRangeSaysTheRange() throws Exception {
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      javax.swing.JSpinner crf = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "crf", javax.swing.JSpinner.class));
      javax.swing.JFormattedTextField text = UiTestSupport.onEdt(() -> ((javax.swing.JSpinner.DefaultEditor) crf.getEditor()).getTextField());
      javax.swing.JComboBox<?> codec = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "codec", javax.swing.JComboBox.class));
      Object before = UiTestSupport.onEdt(crf::getValue);
      Object codecBefore = UiTestSupport.onEdt(codec::getSelectedItem);
      try {
        UiTestSupport.onEdt(() -> {
          codec.setSelectedItem(org.framefork.encoder.encode.VideoCodec.H264);
          frame.toFront();
        });
        Object kept = UiTestSupport.onEdt(crf::getValue);
        typeAndLeave(text, "99");
        assertEquals("Quality (CRF) takes 0 to 51 with h264, not 99; it stays " + kept + ".", UiTestSupport.onEdt(frame::messageText));
        assertEquals(kept, UiTestSupport.onEdt(crf::getValue), "put back, as a spinner does");
        assertEquals("error", UiTestSupport.onEdt(() -> text.getClientProperty("JComponent.outline")));
        typeAndLeave(text, "30");
        assertEquals(30, UiTestSupport.onEdt(crf::getValue));
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        assertNull(UiTestSupport.onEdt(() -> text.getClientProperty("JComponent.outline")));
        // A CRF in range set with the arrows, or by a codec change, clears the outline and the line too.
        outlinedBy99(frame, text);
        UiTestSupport.onEdt(() -> crf.setValue(crf.getPreviousValue())); // what the down arrow does
        assertNull(UiTestSupport.onEdt(() -> text.getClientProperty("JComponent.outline")), "the arrow's CRF is in range");
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        outlinedBy99(frame, text);
        UiTestSupport.onEdt(() -> codec.setSelectedItem(org.framefork.encoder.encode.VideoCodec.H265));
        assertNull(UiTestSupport.onEdt(() -> text.getClientProperty("JComponent.outline")), "the codec's default CRF");
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        // What the spinner takes is no problem: 23.7 is 23, not "not 23.7; it stays ...".
        typeAndLeave(text, "23.7");
        assertEquals(23, UiTestSupport.onEdt(crf::getValue));
        assertEquals("", UiTestSupport.onEdt(frame::messageText));
        assertNull(UiTestSupport.onEdt(() -> text.getClientProperty("JComponent.outline")));
      } finally {
        UiTestSupport.onEdt(() -> { // the tests share one preferences node
          codec.setSelectedItem(codecBefore);
          crf.setValue(before);
        });
      }
    }
  }

  /** Types 99 into the CRF field and leaves it: outlined, and said beside Start. */
  private static void outlinedBy99(MainFrame frame, javax.swing.JFormattedTextField text) {
    typeAndLeave(text, "99");
    assertEquals("error", UiTestSupport.onEdt(() -> text.getClientProperty("JComponent.outline")));
    assertTrue(UiTestSupport.onEdt(frame::messageText).contains("not 99"), UiTestSupport.onEdt(frame::messageText));
  }

  /** Gives the field the focus, types {@code value} into it and leaves it with Tab. */
  private static void typeAndLeave(javax.swing.JFormattedTextField text, String value) {
    UiTestSupport.onEdt(() -> text.requestFocusInWindow());
    UiTestSupport.waitUntil("the CRF field has the focus", 5, text::isFocusOwner);
    typeAndTab(text, value);
    UiTestSupport.waitUntil("the CRF field is left", 5, () -> !text.isFocusOwner());
  }

  /** Types {@code value} into the field (as keys would leave it) and moves the focus on, as Tab does. */
  private static void typeAndTab(javax.swing.JFormattedTextField text, String value) {
    UiTestSupport.onEdt(() -> {
      text.setText(value);
      java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().focusNextComponent(text);
    });
  }

  /** Runs {@code edit} of {@code field} with its document's listeners (the settings' saving) taken off. */
  private static void withoutSaving(JTextField field, Runnable edit) {
    javax.swing.text.AbstractDocument doc = (javax.swing.text.AbstractDocument) field.getDocument();
    javax.swing.event.DocumentListener[] listeners = doc.getDocumentListeners();
    for (javax.swing.event.DocumentListener l : listeners) {
      doc.removeDocumentListener(l);
    }
    try {
      edit.run();
    } finally {
      for (javax.swing.event.DocumentListener l : listeners) {
        doc.addDocumentListener(l);
      }
    }
  }

  /**
   * Leaving {@code field} says {@code atStart} beside Start and outlines the field as an error; set to
   * {@code fixed} and left again, both go.
   */
  private static void saidUntilFixed(MainFrame frame, JTextField field, String atStart, String fixed) {
    UiTestSupport.onEdt(() -> leave(field));
    assertEquals(atStart, UiTestSupport.onEdt(frame::messageText));
    assertEquals("error", UiTestSupport.onEdt(() -> field.getClientProperty("JComponent.outline")));
    UiTestSupport.onEdt(() -> {
      field.setText(fixed);
      leave(field);
    });
    assertEquals("", UiTestSupport.onEdt(frame::messageText));
    assertNull(UiTestSupport.onEdt(() -> field.getClientProperty("JComponent.outline")));
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
