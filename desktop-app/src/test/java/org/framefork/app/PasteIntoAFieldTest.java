package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.datatransfer.StringSelection;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JTextField;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A paste into a text field is the field's, as before the window took drops anywhere: text, a file
 * copied in a file manager (its list with its path as text: an overlay's picture for Filters), and
 * files copied with no text beside them (a Java file list alone, an X11 text/uri-list: their paths),
 * go into the field and queue nothing. The same file list dropped on the field is queued, and so are
 * files pasted on the queue's list.
 */
class PasteIntoAFieldTest {
  @Test
  void aPasteGoesIntoTheFieldAndOnlyADropQueues() throws Exception {
    Path dir = UiTestSupport.emptyFolder("paste-into-field");
    Path logo = Drops.clip(dir, "logo.mp4"); // any file: a copied file is a file list, whatever it holds
    Path spaced = Drops.clip(dir, "b b.mp4");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JTextField filters = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "filters", JTextField.class));
      JTextField output = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "outputFolder", JTextField.class));
      String outputBefore = UiTestSupport.onEdt(() -> output.getText());
      int before = UiTestSupport.onEdt(() -> frame.queue().model().getSize());
      try {
        UiTestSupport.onEdt(() -> filters.setText(""));
        assertTrue(UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> Drops.drop(filters, new StringSelection("scale=320:-1,"))), "a paste of text");
        assertTrue(UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> Drops.drop(filters, Drops.filesWithText(logo.toString(), logo))),
            "a paste of a copied file");
        assertEquals("scale=320:-1," + logo, UiTestSupport.onEdt(() -> filters.getText()));
        pastesWithNoText(filters, output, logo, spaced, dir);
        Thread.sleep(500); // a queued add is listed off the UI thread: give it time to show
        assertEquals(before, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()), "a paste queues nothing");
        UiTestSupport.onEdt(() -> filters.setText("scale=320:-1," + logo));

        assertTrue(UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> Drops.realDrop(filters, Drops.filesWithText(logo.toString(), logo))), "a drop");
        UiTestSupport.waitUntil("the dropped file is queued", 10, () -> frame.queue().model().getSize() == before + 1);
        assertEquals(logo, UiTestSupport.onEdt(() -> frame.queue().model().entries().getLast().input()));
        assertEquals("scale=320:-1," + logo, UiTestSupport.onEdt(() -> filters.getText()), "a drop leaves the field as it was");

        JComponent list = Drops.queueList(frame);
        UiTestSupport.onEdt(() -> Drops.paste(list, Drops.files(spaced)));
        UiTestSupport.waitUntil("the file pasted on the queue is queued", 10, () -> frame.queue().model().getSize() == before + 2);
        assertEquals(spaced, UiTestSupport.onEdt(() -> frame.queue().model().entries().getLast().input()));
        assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      } finally {
        UiTestSupport.onEdt(() -> {
          filters.setText(""); // the tests share one preferences node
          output.setText(outputBefore);
        });
      }
    }
  }

  /**
   * Files copied with no text beside them, pasted with Ctrl+V through the clipboard: into a field they
   * are its text, their paths (they were queued). EDT work from the test's thread.
   */
  private static void pastesWithNoText(JTextField filters, JTextField output, Path a, Path b, Path folder) {
    UiTestSupport.onEdt(() -> {
      filters.setText("");
      Drops.paste(filters, Drops.files(a, b));
    });
    assertEquals(a + " " + b, UiTestSupport.onEdt(() -> filters.getText()), "a file list pasted into Filters");
    UiTestSupport.onEdt(() -> {
      filters.setText("overlay=");
      filters.setCaretPosition(filters.getText().length());
      Drops.paste(filters, Drops.uriList(a.toUri().toString()));
    });
    assertEquals("overlay=" + a, UiTestSupport.onEdt(() -> filters.getText()), "a uri-list pasted into Filters");
    UiTestSupport.onEdt(() -> {
      output.selectAll();
      Drops.paste(output, Drops.files(folder));
    });
    assertEquals(folder.toString(), UiTestSupport.onEdt(() -> output.getText()), "a copied folder pasted into Output folder");
  }
}
