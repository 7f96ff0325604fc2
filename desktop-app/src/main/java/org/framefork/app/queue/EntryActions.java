package org.framefork.app.queue;

import java.awt.Desktop;
import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPopupMenu;
import javax.swing.KeyStroke;
import javax.swing.MenuElement;
import javax.swing.MenuSelectionManager;
import javax.swing.SwingUtilities;

/**
 * What can be done with one entry of the queue: Resume a cancelled or interrupted job from its
 * finished chunks, Retry a failed one (from the chunks it kept after a full disk or an I/O error,
 * else from the start), open its output folder, show its log. On the header's
 * buttons and on the list's context menu (a right click, or Shift+F10 or the context-menu key on
 * the selected row), with the queue's Remove last; each applies to the one selected entry.
 */
public final class EntryActions {
  private final JList<QueueEntry> list;
  /**
   * Runs this entry (alone on an idle queue; a failed one from the start, or from the work it kept);
   * returns null, or why it could not start.
   */
  private Function<QueueEntry, String> startWith = e -> "The queue cannot start from here.";
  /** The queue's Remove, last on the menu (as Delete does it from the keyboard); null: none. */
  private Action remove;

  final Action resume = QueuePanel.action("Resume", "resume", "Continue the selected job from its finished chunks", this::resume);
  final Action retry = QueuePanel.action("Retry", "retry",
      "Encode the selected failed video again: from the chunks its job kept (a full disk), else from the start", this::retry);
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
    Action byKey = new AbstractAction("entryMenu") {
      @Override
      public void actionPerformed(ActionEvent e) {
        menuOnSelectedRow();
      }
    };
    list.getActionMap().put("entryMenu", byKey);
    for (KeyStroke k : List.of(KeyStroke.getKeyStroke(KeyEvent.VK_F10, KeyEvent.SHIFT_DOWN_MASK),
        KeyStroke.getKeyStroke(KeyEvent.VK_CONTEXT_MENU, 0))) {
      list.getInputMap(JComponent.WHEN_FOCUSED).put(k, "entryMenu");
    }
    update();
  }

  void wire(Function<QueueEntry, String> startWith) {
    this.startWith = startWith;
  }

  /** Puts the queue's {@code remove} on the menu too, after a separator: Delete's action, within reach of a right click. */
  void removeOnMenu(Action remove) {
    this.remove = remove;
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
    menu().show(list, e.getX(), e.getY());
  }

  /**
   * The menu from the keyboard: under the selected row's start (the lead row where several are
   * selected, the first where none is), its first item that can be used selected so that the arrows
   * and Enter work.
   */
  private void menuOnSelectedRow() {
    if (list.getModel().getSize() == 0) {
      return;
    }
    int i = list.getLeadSelectionIndex();
    if (i < 0 || i >= list.getModel().getSize()) {
      i = Math.max(0, list.getSelectedIndex());
    }
    if (!list.isSelectedIndex(i)) {
      list.setSelectedIndex(i);
    }
    list.ensureIndexIsVisible(i);
    Rectangle row = list.getCellBounds(i, i);
    JPopupMenu menu = menu();
    menu.show(list, row.x + row.height / 2, row.y + row.height / 2);
    MenuElement first = java.util.Arrays.stream(menu.getSubElements()).filter(e -> e.getComponent().isEnabled()).findFirst()
        .orElse(null);
    MenuSelectionManager.defaultManager().setSelectedPath(first == null ? new MenuElement[] {menu}
        : new MenuElement[] {menu, first});
  }

  /** The entry's menu, each item with its mnemonic. */
  private JPopupMenu menu() {
    JPopupMenu menu = new JPopupMenu();
    menu.setName("entryMenu");
    int[] mnemonics = {KeyEvent.VK_R, KeyEvent.VK_T, KeyEvent.VK_O, KeyEvent.VK_L};
    List<Action> actions = all();
    for (int k = 0; k < actions.size(); k++) {
      JMenuItem item = menu.add(actions.get(k));
      item.setMnemonic(mnemonics[k]);
    }
    if (remove != null) {
      menu.addSeparator();
      menu.add(remove).setMnemonic(KeyEvent.VK_M);
    }
    return menu;
  }
}
