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
 * files pasted on the queue's list. A paste of a web address, or one that cannot be read, says why
 * beside Start, as a paste.
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
        pastesThatBringNoFile(frame, filters);
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
   * A paste into a field of what names no file here (a web address in a uri-list) leaves the field as
   * it was and says why beside Start, as a drop does; one that cannot be read says so as a paste, and
   * what to do in the field (it was "The drop could not be read ...; add the videos with Add videos").
   */
  private static void pastesThatBringNoFile(MainFrame frame, JTextField filters) {
    String url = "https://example.com/logo.png";
    UiTestSupport.onEdt(() -> {
      filters.setText("overlay=");
      filters.setCaretPosition(filters.getText().length());
      Drops.paste(filters, Drops.uriList(url));
    });
    assertEquals("overlay=", UiTestSupport.onEdt(() -> filters.getText()), "a web address is no path");
    assertEquals("Nothing to paste: " + url + ": not a file on this computer; save it here first, then paste the file",
        UiTestSupport.onEdt(frame::messageText));
    UiTestSupport.onEdt(() -> Drops.paste(filters, unreadable()));
    assertEquals("overlay=", UiTestSupport.onEdt(() -> filters.getText()));
    assertEquals("The paste could not be read (the program that copied it has quit); type the path into the field instead",
        UiTestSupport.onEdt(frame::messageText));
    UiTestSupport.onEdt(() -> filters.setText(""));
  }

  /** A uri-list whose program has gone by the time it is read. */
  private static java.awt.datatransfer.Transferable unreadable() {
    return new java.awt.datatransfer.Transferable() {
      @Override
      public java.awt.datatransfer.DataFlavor[] getTransferDataFlavors() {
        try {
          return new java.awt.datatransfer.DataFlavor[] {new java.awt.datatransfer.DataFlavor("text/uri-list;class=java.lang.String")};
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public boolean isDataFlavorSupported(java.awt.datatransfer.DataFlavor f) {
        return List.of(getTransferDataFlavors()).contains(f);
      }

      @Override
      public Object getTransferData(java.awt.datatransfer.DataFlavor f) throws java.io.IOException {
        throw new java.io.IOException("the program that copied it has quit");
      }
    };
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
