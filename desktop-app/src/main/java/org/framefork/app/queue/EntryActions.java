package org.framefork.app.queue;

import java.awt.Desktop;
import java.awt.EventQueue;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.swing.Action;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPopupMenu;
import javax.swing.SwingUtilities;

/**
 * What can be done with one entry of the queue: Resume a cancelled or interrupted job from its
 * finished chunks, Retry a failed one, open its output folder, show its log. On the header's
 * buttons and on the list's context menu; each applies to the one selected entry.
 */
public final class EntryActions {
  private final JList<QueueEntry> list;
  /** Runs this entry (alone on an idle queue; a failed one from the start); returns null, or why it could not start. */
  private Function<QueueEntry, String> startWith = e -> "The queue cannot start from here.";

  final Action resume = QueuePanel.action("Resume", "resume", "Continue the selected job from its finished chunks", this::resume);
  final Action retry = QueuePanel.action("Retry", "retry", "Encode the selected failed video again from the start", this::retry);
  final Action openFolder = QueuePanel.action("Open output folder", "folder", "Show the selected video's output folder", this::openFolder);
  final Action showLog = QueuePanel.action("Show log", "log", "The selected job's report and events", this::showLog);

  EntryActions(JList<QueueEntry> list) {
    this.list = list;
    list.addMouseListener(new MouseAdapter() {
      @Override
      public void mousePressed(MouseEvent e) {
        popup(e);
      }

      @Override
      public void mouseReleased(MouseEvent e) {
        popup(e);
      }
    });
    update();
  }

  void wire(Function<QueueEntry, String> startWith) {
    this.startWith = startWith;
  }

  List<Action> all() {
    return List.of(resume, retry, openFolder, showLog);
  }

  void update() {
    QueueEntry e = selected();
    resume.setEnabled(e != null && e.resumable());
    retry.setEnabled(e != null && e.state() == QueueEntry.State.FAILED);
    openFolder.setEnabled(e != null && folderOf(e) != null);
    showLog.setEnabled(e != null);
  }

  private QueueEntry selected() {
    List<QueueEntry> s = list.getSelectedValuesList();
    return s.size() == 1 ? s.get(0) : null;
  }

  private void resume() {
    QueueEntry e = selected();
    if (e != null && e.resumable()) {
      tell(startWith.apply(e));
    }
  }

  private void retry() {
    QueueEntry e = selected();
    if (e != null && e.state() == QueueEntry.State.FAILED) {
      tell(startWith.apply(e));
    }
  }

  private void tell(String problem) {
    if (problem != null) {
      JOptionPane.showMessageDialog(list, problem, "FrameFork", JOptionPane.INFORMATION_MESSAGE);
    }
  }

  /** The folder its output is (or will be) in. */
  private static Path folderOf(QueueEntry e) {
    if (e.output() != null) {
      return e.output().toAbsolutePath().getParent();
    }
    return e.settings() != null ? e.settings().outputFolder() : null;
  }

  private void openFolder() {
    QueueEntry e = selected();
    Path folder = e == null ? null : folderOf(e);
    if (folder == null) {
      return;
    }
    // The desktop's file manager starts in a process of its own: off the UI thread, and a failure comes back to it.
    Thread.ofPlatform().daemon().name("framefork-open-folder").start(() -> {
      String problem = null;
      try {
        if (!Files.isDirectory(folder)) {
          problem = folder + " does not exist (any more).";
        } else if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
          Desktop.getDesktop().open(folder.toFile());
        } else {
          problem = "This desktop cannot open folders from Java; the output folder is\n" + folder;
        }
      } catch (IOException | RuntimeException ex) {
        problem = "The output folder could not be opened (" + ex.getMessage() + "); it is\n" + folder;
      }
      String p = problem;
      if (p != null) {
        EventQueue.invokeLater(() -> tell(p));
      }
    });
  }

  private void showLog() {
    QueueEntry e = selected();
    if (e != null) {
      LogDialog.show(SwingUtilities.getWindowAncestor(list), e);
    }
  }

  private void popup(MouseEvent e) {
    if (!e.isPopupTrigger()) {
      return;
    }
    int i = list.locationToIndex(e.getPoint());
    if (i >= 0 && !list.isSelectedIndex(i)) {
      list.setSelectedIndex(i);
    }
    JPopupMenu menu = new JPopupMenu();
    all().forEach(menu::add);
    menu.show(list, e.getX(), e.getY());
  }
}
