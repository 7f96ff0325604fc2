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
