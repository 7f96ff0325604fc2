package org.framefork.app.queue;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.datatransfer.StringSelection;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

/** One entry's log: its settings, the job's events and its report, as text to select and copy. */
final class LogDialog extends JDialog {
  private LogDialog(Window owner, QueueEntry entry) {
    super(owner, "Log: " + entry.name(), ModalityType.MODELESS);
    JTextArea text = new JTextArea(String.join("\n", entry.logLines()));
    text.setName("logText");
    text.setEditable(false); // selectable and copyable, not editable
    text.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, text.getFont().getSize()));
    text.setCaretPosition(0);
    JButton copy = new JButton("Copy all");
    copy.setName("copyLog");
    copy.addActionListener(e -> Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(text.getText()), null));
    JButton close = new JButton("Close");
    close.addActionListener(e -> dispose());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    buttons.add(copy);
    buttons.add(close);
    JScrollPane scroll = new JScrollPane(text);
    scroll.setPreferredSize(com.formdev.flatlaf.util.UIScale.scale(new Dimension(760, 460)));
    JPanel content = new JPanel(new BorderLayout(0, 6));
    content.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
    content.add(scroll, BorderLayout.CENTER);
    content.add(buttons, BorderLayout.SOUTH);
    setContentPane(content);
    getRootPane().setDefaultButton(close);
    org.framefork.app.Dialogs.closeOnEscape(this);
    pack();
    setLocationRelativeTo(owner);
  }

  static LogDialog show(Window owner, QueueEntry entry) {
    LogDialog d = new LogDialog(owner, entry);
    d.setVisible(true);
    return d;
  }
}
