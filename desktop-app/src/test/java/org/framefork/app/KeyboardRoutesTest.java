package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.swing.AbstractButton;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JList;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.KeyStroke;
import javax.swing.MenuElement;
import javax.swing.MenuSelectionManager;
import org.framefork.app.presets.PresetPrompts;
import org.framefork.app.presets.PresetsDialog;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * Everything the mouse reaches has a keyboard route: each menu item its own mnemonic, the queue's
 * buttons (Resume, Retry, Open output folder, Show log among them) are reached by Tab, Shift+F10
 * and the context-menu key open the entry's menu on the selected row, and Escape closes the
 * presets dialog, which has a Close button too.
 */
class KeyboardRoutesTest {
  @Test
  void menusQueueButtonsEntryMenuAndPresetsWorkFromTheKeyboard() throws Exception {
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      List<String> problems = new ArrayList<>(UiTestSupport.onEdt(() -> mnemonics(frame)));
      UiTestSupport.onEdt(() -> {
        for (AbstractButton b : buttons(frame.queue())) {
          if (!b.isFocusable()) {
            problems.add("the queue's '" + b.getAction().getValue(Action.NAME) + "' is not focusable");
          }
          if (b.isRequestFocusEnabled()) {
            problems.add("a click on the queue's '" + b.getAction().getValue(Action.NAME) + "' takes the focus");
          }
        }
      });
      QueueEntry failed = QueueEntry.restore(new QueueEntry.Saved(Path.of("/videos/b.mov").toAbsolutePath(),
          QueueEntry.State.FAILED, null, 0, 0, "not a video", null, List.of(), List.of(), List.of()));
      UiTestSupport.onEdt(() -> {
        frame.queue().model().add(QueueEntry.restore(new QueueEntry.Saved(Path.of("/videos/a.mov").toAbsolutePath(),
            QueueEntry.State.WAITING, null, 0, 0, null, null, List.of(), List.of(), List.of())));
        frame.queue().model().add(failed);
        frame.queue().select(failed);
      });
      for (KeyStroke key : List.of(KeyStroke.getKeyStroke(KeyEvent.VK_F10, KeyEvent.SHIFT_DOWN_MASK),
          KeyStroke.getKeyStroke(KeyEvent.VK_CONTEXT_MENU, 0))) {
        problems.addAll(UiTestSupport.onEdt(() -> entryMenuBy(frame, key)));
        screen(frame, "entry-menu-by-" + KeyEvent.getKeyText(key.getKeyCode()).replace(' ', '-'));
        UiTestSupport.onEdt(() -> MenuSelectionManager.defaultManager().clearSelectedPath());
      }
      problems.addAll(clickMoveUp(frame, failed));
      PresetsDialog dialog = UiTestSupport.onEdt(() -> frame.settings().openPresets(PresetPrompts.SWING));
      UiTestSupport.onEdt(() -> {
        assertNotNull(UiTestSupport.find(dialog.getContentPane(), "closePresets", javax.swing.JButton.class), "a Close button");
        press(dialog.getRootPane(), JComponent.WHEN_IN_FOCUSED_WINDOW, KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0));
      });
      UiTestSupport.waitUntil("Escape closes the presets", 5, () -> !dialog.isShowing());
      PresetsDialog again = UiTestSupport.onEdt(() -> frame.settings().openPresets(PresetPrompts.SWING));
      UiTestSupport.onEdt(() -> UiTestSupport.find(again.getContentPane(), "closePresets", javax.swing.JButton.class).doClick());
      UiTestSupport.waitUntil("Close closes the presets", 5, () -> !again.isShowing());
      problems.addAll(UiTestSupport.onEdt(() -> deleteGoesOnToTheNextRow(frame)));
      assertEquals(List.of(), problems);
    }
  }

  /**
   * A real click (Robot) on Move up with the focus on the list moves {@code selected} up and leaves
   * the focus on the list, where Alt+Up and Alt+Down are bound.
   */
  private static List<String> clickMoveUp(MainFrame frame, QueueEntry selected) throws Exception {
    JList<?> list = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.queue(), "queueList", JList.class));
    UiTestSupport.onEdt(() -> {
      frame.toFront();
      list.requestFocusInWindow();
    });
    UiTestSupport.waitUntil("the list has the focus", 5, () -> list.isFocusOwner());
    java.awt.Point at = UiTestSupport.onEdt(() -> {
      AbstractButton up = buttons(frame.queue()).stream()
          .filter(b -> "Move up".equals(b.getAction().getValue(Action.NAME))).findFirst().orElseThrow();
      java.awt.Point p = up.getLocationOnScreen();
      return new java.awt.Point(p.x + up.getWidth() / 2, p.y + up.getHeight() / 2);
    });
    java.awt.Robot robot = new java.awt.Robot();
    robot.setAutoDelay(50);
    robot.mouseMove(at.x, at.y);
    robot.mousePress(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
    robot.mouseRelease(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
    UiTestSupport.waitUntil("Move up moves the entry", 5, () -> frame.queue().model().getElementAt(0) == selected);
    robot.waitForIdle();
    java.awt.Component owner = UiTestSupport.onEdt(
        () -> java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner());
    String on = owner instanceof AbstractButton b && b.getAction() != null ? "'" + b.getAction().getValue(Action.NAME) + "'"
        : String.valueOf(owner);
    return owner == list ? List.of() : List.of("after a click on Move up the focus is on " + on + ", not the list");
  }

  /** The screen where the window is, with the menu (a window of its own) over it, to target/screenshots. */
  private static void screen(MainFrame frame, String name) throws Exception {
    Thread.sleep(300);
    java.awt.Rectangle at = UiTestSupport.onEdt(() -> new java.awt.Rectangle(frame.getLocationOnScreen(), frame.getSize()));
    UiScaled.save(new java.awt.Robot().createScreenCapture(at), name);
  }

  /** The menu bar's items without a mnemonic, or with one another item of their menu has. EDT. */
  private static List<String> mnemonics(MainFrame frame) {
    List<String> problems = new ArrayList<>();
    for (int m = 0; m < frame.getJMenuBar().getMenuCount(); m++) {
      JMenu menu = frame.getJMenuBar().getMenu(m);
      if (menu.getMnemonic() == 0) {
        problems.add("the menu '" + menu.getText() + "' has no mnemonic");
      }
      Set<Integer> taken = new HashSet<>();
      for (Component c : menu.getMenuComponents()) {
        if (c instanceof JMenuItem item && (item.getMnemonic() == 0 || !taken.add(item.getMnemonic()))) {
          problems.add(menu.getText() + " > '" + item.getText() + "' has " + (item.getMnemonic() == 0 ? "no mnemonic"
              : "the mnemonic of another item"));
        }
      }
    }
    return problems;
  }

  /** Presses {@code key} on the queue's list: the entry's menu should open on the selected row. EDT. */
  private static List<String> entryMenuBy(MainFrame frame, KeyStroke key) {
    List<String> problems = new ArrayList<>();
    JList<?> list = UiTestSupport.find(frame.queue(), "queueList", JList.class);
    if (!press(list, JComponent.WHEN_FOCUSED, key)) {
      return List.of(key + " is bound to nothing on the queue");
    }
    MenuElement[] path = MenuSelectionManager.defaultManager().getSelectedPath();
    if (path.length == 0 || !(path[0] instanceof JPopupMenu menu) || !menu.isShowing()) {
      return List.of(key + " opened no menu");
    }
    List<String> items = new ArrayList<>();
    for (MenuElement e : menu.getSubElements()) {
      JMenuItem item = (JMenuItem) e;
      items.add(item.getText() + (item.getMnemonic() == 0 ? " (no mnemonic)" : "") + (item.isEnabled() ? "" : " (off)"));
    }
    if (!items.equals(List.of("Resume (off)", "Retry", "Open output folder (off)", "Show log", "Remove"))) {
      problems.add(key + " opened " + items);
    }
    java.awt.Rectangle row = list.getCellBounds(1, 1);
    java.awt.Point at = javax.swing.SwingUtilities.convertPoint(menu, 0, 0, list);
    if (!row.contains(at)) {
      problems.add(key + ": the menu is at " + at + ", the selected row " + row);
    }
    if (path.length < 2) {
      problems.add(key + ": no item selected in the menu (the arrows and Enter would not work)");
    }
    return problems;
  }

  /**
   * Delete on the list removes the selected row and selects the one after it (the last, where the
   * removed one ended the list), so that Delete pressed again goes on; the QA run found nothing
   * selected. EDT.
   */
  private static List<String> deleteGoesOnToTheNextRow(MainFrame frame) {
    List<String> problems = new ArrayList<>();
    JList<?> list = UiTestSupport.find(frame.queue(), "queueList", JList.class);
    var model = frame.queue().model();
    List<QueueEntry> rows = new ArrayList<>();
    for (String n : List.of("c.mov", "d.mov")) {
      QueueEntry e = QueueEntry.restore(new QueueEntry.Saved(Path.of("/videos", n).toAbsolutePath(), QueueEntry.State.WAITING,
          null, 0, 0, null, null, List.of(), List.of(), List.of()));
      model.add(e);
      rows.add(e);
    }
    int at = model.getSize() - 3;
    QueueEntry removed = model.getElementAt(at);
    frame.queue().select(removed);
    KeyStroke delete = KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0);
    press(list, JComponent.WHEN_FOCUSED, delete);
    if (list.getSelectedValue() != rows.get(0)) {
      problems.add("after Delete removed row " + at + " the selection is " + list.getSelectedValuesList() + ", not c.mov");
    }
    press(list, JComponent.WHEN_FOCUSED, delete);
    press(list, JComponent.WHEN_FOCUSED, delete);
    for (int i = 0; i < model.getSize(); i++) {
      if (rows.contains(model.getElementAt(i)) || model.getElementAt(i) == removed) {
        problems.add("Delete pressed three times left " + model.getElementAt(i).name());
      }
    }
    if (model.getSize() > 0 && list.getSelectedIndex() != model.getSize() - 1) {
      problems.add("after Delete removed the last row the selection is " + list.getSelectedIndex() + ", not the new last row");
    }
    return problems;
  }

  /** Runs what {@code key} is bound to on {@code c} in its {@code condition} map; false when nothing. */
  private static boolean press(JComponent c, int condition, KeyStroke key) {
    Object name = c.getInputMap(condition).get(key);
    Action a = name == null ? null : c.getActionMap().get(name);
    if (a == null) {
      return false;
    }
    a.actionPerformed(new ActionEvent(c, ActionEvent.ACTION_PERFORMED, String.valueOf(name)));
    return true;
  }

  private static List<AbstractButton> buttons(Container root) {
    List<AbstractButton> all = new ArrayList<>();
    for (Component c : root.getComponents()) {
      if (c instanceof AbstractButton b && b.getAction() != null) {
        all.add(b);
      } else if (c instanceof Container k && !(c instanceof JList)) {
        all.addAll(buttons(k));
      }
    }
    return all;
  }
}
