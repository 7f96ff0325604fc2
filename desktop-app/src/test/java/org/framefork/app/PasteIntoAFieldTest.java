package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.datatransfer.StringSelection;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JTextField;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A paste into a text field is the field's, as before the window took drops anywhere: text, and a
 * file copied in a file manager (its list with its path as text: an overlay's picture for Filters),
 * go into the field and queue nothing. The same file list dropped on the field is queued.
 */
class PasteIntoAFieldTest {
  @Test
  void aPasteGoesIntoTheFieldAndOnlyADropQueues() throws Exception {
    Path dir = UiTestSupport.emptyFolder("paste-into-field");
    Path logo = Drops.clip(dir, "logo.mp4"); // any file: a copied file is a file list, whatever it holds
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JTextField filters = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "filters", JTextField.class));
      int before = UiTestSupport.onEdt(() -> frame.queue().model().getSize());
      try {
        UiTestSupport.onEdt(() -> filters.setText(""));
        assertTrue(UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> Drops.drop(filters, new StringSelection("scale=320:-1,"))), "a paste of text");
        assertTrue(UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> Drops.drop(filters, Drops.filesWithText(logo.toString(), logo))),
            "a paste of a copied file");
        assertEquals("scale=320:-1," + logo, UiTestSupport.onEdt(() -> filters.getText()));
        Thread.sleep(500); // a queued add is listed off the UI thread: give it time to show
        assertEquals(before, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()), "a paste queues nothing");

        assertTrue(UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> Drops.realDrop(filters, Drops.filesWithText(logo.toString(), logo))), "a drop");
        UiTestSupport.waitUntil("the dropped file is queued", 10, () -> frame.queue().model().getSize() == before + 1);
        assertEquals(logo, UiTestSupport.onEdt(() -> frame.queue().model().entries().getLast().input()));
        assertEquals("scale=320:-1," + logo, UiTestSupport.onEdt(() -> filters.getText()), "a drop leaves the field as it was");
        assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      } finally {
        UiTestSupport.onEdt(() -> filters.setText("")); // the tests share one preferences node
      }
    }
  }
}
