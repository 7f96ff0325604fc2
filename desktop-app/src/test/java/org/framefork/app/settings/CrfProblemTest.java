package org.framefork.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.swing.JFormattedTextField;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The CRF field's problem is judged by the spinner's own formatter, which decides what is committed:
 * review 47 found "23.7" committed as 23 while the line said "not 23.7; it stays 25", and " 30" or
 * "+30" put back without a word. What the spinner takes is no problem; what it puts back is said.
 */
class CrfProblemTest {
  @Test
  void whatTheSpinnerCommitsIsNoProblemAndWhatItPutsBackIsSaid() throws Exception {
    java.util.Locale was = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.US); // "23.7" and "1,5" read as they do in English
    try {
      check();
    } finally {
      java.util.Locale.setDefault(was);
    }
  }

  private static void check() throws Exception {
    SwingUtilities.invokeAndWait(() -> {
      // As review 47 saw the spinner: these it commits (23.7 as 23, 1,5 as 15, 3e1 as 3) ...
      for (String typed : new String[] {"23.7", "1,5", "3e1", "30"}) {
        Checked c = check(typed);
        assertEquals(true, c.committed, typed + ": the spinner takes it");
        assertNull(c.problem, typed + " committed " + c.value);
      }
      // ... and these it puts back, 25 staying.
      for (String typed : new String[] {"52", "99", "-1", "52 "}) {
        Checked c = check(typed);
        assertEquals(false, c.committed, typed + ": the spinner puts 25 back");
        assertEquals("Quality (CRF) takes 0 to 51 with h264, not " + typed.trim() + "; it stays 25", c.problem);
      }
      // No number to the spinner: quoted as typed, not called a number out of range (" 30" is not 30).
      for (String typed : new String[] {"abc", " 30", "+30"}) {
        Checked c = check(typed);
        assertEquals(false, c.committed, typed + ": the spinner puts 25 back");
        assertEquals("Quality (CRF) takes a number from 0 to 51 with h264; \"" + typed + "\" is none, so it stays 25", c.problem);
      }
      // Whatever else is typed: a problem exactly where the spinner does not commit it.
      for (String typed : new String[] {"30 ", "023", "51.9", "-0", "", "0x1f", "2 5", "٣٠"}) {
        Checked c = check(typed);
        assertEquals(!c.committed, c.problem != null, "'" + typed + "' committed " + c.committed + ": " + c.problem);
      }
    });
  }

  private record Checked(String problem, boolean committed, Object value) {}

  /** The problem said of {@code typed} in a CRF spinner at 25, and whether the spinner commits it. */
  private static Checked check(String typed) {
    SpinnerNumberModel model = new SpinnerNumberModel(25, 0, 51, 1);
    JSpinner spinner = new JSpinner(model);
    JFormattedTextField field = ((JSpinner.DefaultEditor) spinner.getEditor()).getTextField();
    field.setText(typed);
    String problem = SettingsPanel.crfProblem(field.getFormatter(), field.getText(), 0, 51, "h264", model.getNumber());
    boolean committed;
    try {
      field.commitEdit();
      committed = true;
    } catch (java.text.ParseException e) {
      committed = false;
    }
    return new Checked(problem, committed, model.getValue());
  }
}
