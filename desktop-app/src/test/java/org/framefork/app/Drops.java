package org.framefork.app;

import java.awt.Component;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.TransferHandler;

/** What a file manager drops (a Java file list, or X11's text/uri-list), and where in the window it lands. EDT. */
final class Drops {
  private Drops() {}

  /** A copy of a one-second 160×120 video (made once per build) as {@code dir/name}, for a test to queue. */
  static Path clip(Path dir, String name) {
    try {
      return java.nio.file.Files.copy(UiTestSupport.video("ui-160p-1s.mp4", 160, 120, 1, false), dir.resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The queue's list, where a drop on the queue lands. */
  static JComponent queueList(MainFrame frame) {
    return UiTestSupport.onEdt(() -> UiTestSupport.find(frame.queue(), "queueList", JComponent.class));
  }

  static Transferable files(Path... paths) {
    return new Only(DataFlavor.javaFileListFlavor, List.of(paths).stream().map(Path::toFile).toList());
  }

  /** A text/uri-list as X11 file managers send it (lines end in CRLF). */
  static Transferable uriList(String... lines) {
    try {
      return new Only(new DataFlavor("text/uri-list;class=java.lang.String"), String.join("\r\n", lines) + "\r\n");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The component whose handler takes a drop on {@code c}: as AWT picks it, the deepest one under the
   * pointer with an active drop target, {@code c} or the nearest that holds it; null for none.
   */
  static JComponent targetOf(Component c) {
    for (Component at = c; at != null; at = at.getParent()) {
      if (at instanceof JComponent j && j.getTransferHandler() != null && j.getDropTarget() != null && j.getDropTarget().isActive()) {
        return j;
      }
    }
    return null;
  }

  /** {@link #drop} on the EDT, from a test's thread. */
  static boolean dropNow(Component c, Transferable t) {
    return UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> drop(c, t));
  }

  /** Drops {@code t} on {@code c}; false where nothing takes it there. */
  static boolean drop(Component c, Transferable t) {
    JComponent target = targetOf(c);
    if (target == null) {
      return false;
    }
    TransferHandler.TransferSupport s = new TransferHandler.TransferSupport(target, t);
    return target.getTransferHandler().canImport(s) && target.getTransferHandler().importData(s);
  }

  /**
   * Files as Nautilus and Dolphin copy or drag them: the file list, and their paths as text. {@code
   * text} is that text (a paste into a field takes it).
   */
  static Transferable filesWithText(String text, Path... paths) {
    List<java.io.File> files = List.of(paths).stream().map(Path::toFile).toList();
    return new Transferable() {
      @Override
      public DataFlavor[] getTransferDataFlavors() {
        return new DataFlavor[] {DataFlavor.javaFileListFlavor, DataFlavor.stringFlavor};
      }

      @Override
      public boolean isDataFlavorSupported(DataFlavor f) {
        return List.of(getTransferDataFlavors()).contains(f);
      }

      @Override
      public Object getTransferData(DataFlavor f) throws UnsupportedFlavorException {
        if (DataFlavor.javaFileListFlavor.equals(f)) {
          return files;
        }
        if (DataFlavor.stringFlavor.equals(f)) {
          return text;
        }
        throw new UnsupportedFlavorException(f);
      }
    };
  }

  /**
   * Drops {@code t} on {@code c} as a drag from another program does: through the component's drop
   * target (Swing's drop handler, its TransferSupport a drop), not as a paste. True when it was taken.
   * EDT. {@link #drop} is what a paste hands the handler (Ctrl+V), no drop.
   */
  static boolean realDrop(Component c, Transferable t) {
    JComponent target = targetOf(c);
    if (target == null) {
      return false;
    }
    java.awt.dnd.DropTarget dt = target.getDropTarget();
    boolean[] taken = {false};
    java.awt.dnd.DropTargetDropEvent e = new java.awt.dnd.DropTargetDropEvent(dt.getDropTargetContext(), new java.awt.Point(2, 2),
        java.awt.dnd.DnDConstants.ACTION_COPY, java.awt.dnd.DnDConstants.ACTION_COPY_OR_MOVE) {
      @Override
      public Transferable getTransferable() {
        return t;
      }

      @Override
      public DataFlavor[] getCurrentDataFlavors() {
        return t.getTransferDataFlavors();
      }

      @Override
      public boolean isDataFlavorSupported(DataFlavor f) {
        return t.isDataFlavorSupported(f);
      }

      @Override
      public void acceptDrop(int action) {}

      @Override
      public void rejectDrop() {}

      @Override
      public void dropComplete(boolean success) {
        taken[0] = success;
      }
    };
    // The drag first, as AWT sends it: Swing's drop handler takes its component from it. Its flavors,
    // asked of a drop target context with no native drag behind it, are none; the drop's are t's.
    dt.dragEnter(new java.awt.dnd.DropTargetDragEvent(dt.getDropTargetContext(), new java.awt.Point(2, 2),
        java.awt.dnd.DnDConstants.ACTION_COPY, java.awt.dnd.DnDConstants.ACTION_COPY_OR_MOVE));
    dt.drop(e);
    return taken[0];
  }

  /**
   * Pastes {@code t} into {@code c} as Ctrl+V does: {@code t} on the system clipboard, then the action
   * {@code c}'s Ctrl+V key is bound to. EDT.
   */
  static void paste(JComponent c, Transferable t) {
    java.awt.Toolkit.getDefaultToolkit().getSystemClipboard().setContents(t, null);
    Object key = c.getInputMap().get(javax.swing.KeyStroke.getKeyStroke("ctrl V"));
    javax.swing.Action paste = key == null ? null : c.getActionMap().get(key);
    if (paste == null) {
      throw new AssertionError("Ctrl+V does nothing in " + c.getName());
    }
    paste.actionPerformed(new java.awt.event.ActionEvent(c, java.awt.event.ActionEvent.ACTION_PERFORMED, key.toString()));
  }

  /** {@link #realDrop} on the EDT, from a test's thread. */
  static boolean realDropNow(Component c, Transferable t) {
    return UiTestSupport.onEdt((java.util.concurrent.Callable<Boolean>) () -> realDrop(c, t));
  }

  /** A transfer with one flavor. */
  private record Only(DataFlavor flavor, Object data) implements Transferable {
    @Override
    public DataFlavor[] getTransferDataFlavors() {
      return new DataFlavor[] {flavor};
    }

    @Override
    public boolean isDataFlavorSupported(DataFlavor f) {
      return flavor.equals(f);
    }

    @Override
    public Object getTransferData(DataFlavor f) throws UnsupportedFlavorException {
      if (!flavor.equals(f)) {
        throw new UnsupportedFlavorException(f);
      }
      return data;
    }
  }
}
