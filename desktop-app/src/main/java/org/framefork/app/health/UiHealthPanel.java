package org.framefork.app.health;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Insets;
import java.awt.Window;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import com.formdev.flatlaf.util.UIScale;
import org.framefork.app.AppLog;
import org.framefork.app.Icons;
import org.framefork.app.SectionBorder;
import org.framefork.app.Theme;
import org.framefork.app.Wordings;

/**
 * The UI thread's health: a bouncing dot, the heartbeat graph, latency percentiles of the last ten
 * seconds, skipped frames, the watchdog's reports, StrictMode's violations, and two demos of what
 * not to do: the switch that runs a job on the UI thread (a freeze the watchdog catches) and the
 * button that reads a file there (I/O that StrictMode catches).
 */
public final class UiHealthPanel extends JPanel {
  private static final long WINDOW_NANOS = 10_000_000_000L;

  private final HeartbeatMonitor heartbeat;
  private final EdtWatchdog watchdog;
  private final JLabel p50 = tileValue();
  private final JLabel p99 = tileValue();
  private final JLabel max = tileValue();
  private final JLabel skipped = tileValue();
  private final JLabel blocks = tileValue();
  private final JLabel ioViolations = tileValue();
  private final StrictMode strictMode;
  private final Supplier<Path> demoFile;
  private final JButton readDemo = new JButton("Read a file on the UI thread");
  private final JCheckBox onUiThread = new JCheckBox("Run on the UI thread (demo)");
  /** The hint beside the dot, longest first: the longest that fits is shown. */
  private static final List<String> HINTS = List.of("heartbeat every 16 ms: how long each waits to run",
      "heartbeat every 16 ms", "heartbeat: 16 ms");
  private final JPanel banner = new JPanel(new BorderLayout(8, 0));
  private final JLabel bannerText = new JLabel();
  private final Timer refresher = new Timer(250, e -> refresh());
  private String lastBlockText = "";
  private String lastStackTitle;
  private String lastStackText;

  /**
   * {@code strictMode} is null when it is off; {@code demoFile} gives the file the read demo reads
   * (null: none yet).
   */
  public UiHealthPanel(HeartbeatMonitor heartbeat, EdtWatchdog watchdog, StrictMode strictMode, Supplier<Path> demoFile) {
    super(new BorderLayout(10, 6));
    this.heartbeat = heartbeat;
    this.watchdog = watchdog;
    this.strictMode = strictMode;
    this.demoFile = demoFile;
    setBorder(new SectionBorder(true, false, false, false, new Insets(6, 10, 8, 10)));

    add(header(), BorderLayout.NORTH);
    add(new HeartbeatGraph(heartbeat), BorderLayout.CENTER);

    JPanel tiles = new JPanel();
    tiles.setLayout(new BoxLayout(tiles, BoxLayout.X_AXIS));
    tiles.setName("uiThreadTiles");
    for (Component tile : List.of(tile(p50, "p50 (10 s)"), tile(p99, "p99 (10 s)"), tile(max, "max (10 s)"),
        tile(skipped, "skipped frames"), tile(blocks, "blocks > " + seconds(watchdog.thresholdMillis())),
        tile(ioViolations, "StrictMode"))) {
      if (tiles.getComponentCount() > 0) {
        tiles.add(Box.createHorizontalStrut(UIScale.scale(8)));
      }
      tiles.add(tile);
    }
    ioViolations.setName("strictModeCount");
    ioViolations.setToolTipText(strictMode == null ? "StrictMode is off (--strict-mode off)"
        : "File and socket I/O and monitor waits over " + StrictMode.DEFAULT_WAIT_THRESHOLD.toMillis()
            + " ms on the UI thread");
    add(tiles, BorderLayout.EAST);

    banner.setVisible(false);
    banner.setOpaque(false);
    bannerText.setIcon(Icons.get("warning"));
    banner.add(bannerText, BorderLayout.CENTER);
    JButton details = new JButton("Stack trace…");
    details.addActionListener(e -> showStack());
    banner.add(details, BorderLayout.EAST);
    add(banner, BorderLayout.SOUTH);

    watchdog.addListener(this::blockReported);
    if (strictMode != null) {
      strictMode.addListener(this::violationReported);
    }
    refresh();
  }

  /**
   * The strip above the graph: the title and the dot on the left, the demo switch and the read demo
   * on the right, always whole; the hint between them says as much as the room left allows (all of
   * it in its tooltip), so that nothing is cut or pushed out at the window's minimum width.
   */
  private JPanel header() {
    JPanel left = new JPanel();
    left.setLayout(new BoxLayout(left, BoxLayout.X_AXIS));
    JLabel title = new JLabel("UI thread");
    title.putClientProperty("FlatLaf.styleClass", "h4");
    left.add(title);
    left.add(Box.createHorizontalStrut(10));
    BusyIndicator dot = new BusyIndicator();
    dot.setMaximumSize(dot.getPreferredSize());
    left.add(dot);
    left.add(Box.createHorizontalStrut(10));
    FittingLabel hint = new FittingLabel(HINTS);
    hint.setName("heartbeatHint");
    hint.setToolTipText("A heartbeat is posted to the UI thread every 16 ms; the graph shows how long each waited to run");
    hint.putClientProperty("FlatLaf.styleClass", "small");
    hint.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");

    JPanel right = new JPanel();
    right.setLayout(new BoxLayout(right, BoxLayout.X_AXIS));
    onUiThread.setIcon(null);
    onUiThread.setName("onUiThread");
    onUiThread.setToolTipText("<html>A demo of what not to do. Off: each job runs in a SwingWorker and the window stays live.<br>"
        + "On: the next job runs directly on the event dispatch thread, as a naive app would;<br>"
        + "the window freezes until it ends and the watchdog reports the block.</html>");
    right.add(Box.createHorizontalStrut(8));
    right.add(new JLabel(Icons.get("warning")));
    right.add(Box.createHorizontalStrut(4));
    right.add(onUiThread);
    right.add(Box.createHorizontalStrut(8));
    readDemo.setName("readOnUiThread");
    readDemo.setToolTipText("<html>Reads the first video of the queue on the UI thread, as a naive handler would.<br>"
        + "Too quick for the watchdog on a local disk; StrictMode catches it all the same.</html>");
    readDemo.addActionListener(e -> runReadDemo());
    right.add(readDemo);

    JPanel header = new JPanel(new BorderLayout());
    header.add(left, BorderLayout.WEST);
    header.add(hint, BorderLayout.CENTER);
    header.add(right, BorderLayout.EAST);
    return header;
  }

  @Override
  public void addNotify() {
    super.addNotify();
    refresher.start();
  }

  @Override
  public void removeNotify() {
    refresher.stop(); // a disposed window leaves no timer behind to keep the EDT awake
    super.removeNotify();
  }

  /** The demo switch: when selected, the next job runs on the EDT. */
  public JCheckBox onUiThreadSwitch() {
    return onUiThread;
  }

  /** The second demo: reads the first queued video on the UI thread. */
  public JButton readDemoButton() {
    return readDemo;
  }

  public boolean runOnUiThread() {
    return onUiThread.isSelected();
  }

  /** The banner's text of the last block reported (a StrictMode violation may show since), else empty. */
  public String blockBannerText() {
    return lastBlockText;
  }

  private void blockReported(UiBlock block) {
    lastBlockText = block.summary() + ", at " + topFrame(block) + ".";
    showBanner(block.summary() + ", at " + topFrame(block) + ".", "UI thread block", block.summary() + "\nStack of "
        + block.thread() + " when the watchdog caught it (" + block.detectedAt() + "):\n" + block.stackText());
  }

  private void violationReported(StrictMode.Violation v) {
    showBanner("StrictMode: " + v.summary() + ".", "StrictMode violation",
        "StrictMode: " + v.summary() + "\nStack of " + v.thread() + " (" + v.at() + "):\n" + v.stackText());
  }

  private void showBanner(String text, String stackTitle, String stackText) {
    lastStackTitle = stackTitle;
    lastStackText = stackText;
    bannerText.setText(text);
    bannerText.setToolTipText("<html><pre>" + stackText.lines().limit(20).reduce("", (a, b) -> a + b + "\n")
        + "</pre></html>");
    banner.setVisible(true);
    refresh();
    revalidate();
  }

  /** The read demo: the first queued video, read whole right here on the UI thread. */
  private void runReadDemo() {
    Path file = demoFile.get();
    if (file == null) {
      showBanner("The read demo reads the first video of the queue: add one first.", "Read demo",
          "Add a video to the queue, then press the button again.");
      return;
    }
    long bytes = FileReadDemo.readFileOnUiThread(file);
    AppLog.info("read demo: " + bytes + " bytes of " + file + " read on the UI thread");
  }

  /** The number shown on the StrictMode tile: violations so far, or "off". */
  public String strictModeText() {
    return ioViolations.getText();
  }

  private static String topFrame(UiBlock block) {
    // The frame of ours nearest the top says more than a JDK or native frame would.
    for (StackTraceElement e : block.stack()) {
      if (e.getClassName().startsWith("org.framefork.")) {
        String cls = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1);
        return cls + "." + e.getMethodName();
      }
    }
    return block.stack().length > 0 ? block.stack()[0].getMethodName() : "an unknown place";
  }

  private void showStack() {
    if (lastStackText == null) {
      return;
    }
    Window owner = SwingUtilities.getWindowAncestor(this);
    JDialog dialog = new JDialog(owner, lastStackTitle, java.awt.Dialog.ModalityType.MODELESS);
    JTextArea text = new JTextArea(lastStackText);
    text.setEditable(false);
    text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, text.getFont().getSize()));
    text.setCaretPosition(0);
    JScrollPane scroll = new JScrollPane(text);
    scroll.setPreferredSize(new Dimension(760, 420));
    dialog.add(scroll);
    dialog.pack();
    dialog.setLocationRelativeTo(owner);
    dialog.setVisible(true);
  }

  private void refresh() {
    long now = System.nanoTime();
    LatencyStats s = heartbeat.stats(now - WINDOW_NANOS, now);
    p50.setText(ms(s.p50Ms()));
    p99.setText(ms(s.p99Ms()));
    max.setText(ms(s.maxMs()));
    paintLevel(p99, s.p99Ms());
    paintLevel(max, s.maxMs());
    skipped.setText(Integer.toString(heartbeat.skippedFramesTotal()));
    blocks.setText(Integer.toString(watchdog.blocks().size()));
    blocks.setForeground(watchdog.blocks().isEmpty() ? Theme.foreground() : Theme.bad());
    int violations = strictMode == null ? 0 : strictMode.count();
    ioViolations.setText(strictMode == null ? "off" : Integer.toString(violations));
    ioViolations.setForeground(violations == 0 ? Theme.foreground() : Theme.bad());
  }

  private static void paintLevel(JLabel l, double ms) {
    l.setForeground(ms <= 16 ? Theme.foreground() : ms <= 50 ? Theme.warning() : Theme.bad());
  }

  private static String ms(double v) {
    return v >= 1000 ? String.format("%.1f s", v / 1000) : v >= 10 ? String.format("%.0f ms", v) : String.format("%.1f ms", v);
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format("%.1f s", millis / 1000.0);
  }

  private static JLabel tileValue() {
    JLabel l = new JLabel("–", JLabel.CENTER);
    l.putClientProperty("FlatLaf.styleClass", "h3");
    return l;
  }

  /** The widest a tile's number gets (a latency over 100 ms; a second and more is "1.2 s"). */
  static final String WIDEST_VALUE = "999 ms";

  /**
   * A number over its caption, as wide as the wider of the two and its widest number, and as high as
   * both in their fonts, so that neither is cut at a larger UI scale ({@code -Dflatlaf.uiScale}).
   */
  private static Component tile(JLabel value, String caption) {
    JLabel c = new JLabel(caption, JLabel.CENTER);
    c.putClientProperty("FlatLaf.styleClass", "small");
    JPanel p = new JPanel(new BorderLayout()) {
      @Override
      public Dimension getPreferredSize() {
        FontMetrics fm = value.getFontMetrics(value.getFont());
        Insets in = value.getInsets();
        int valueW = fm.stringWidth(WIDEST_VALUE) + in.left + in.right;
        int w = Math.max(UIScale.scale(72), Math.max(valueW, c.getPreferredSize().width) + UIScale.scale(8));
        int h = Math.max(UIScale.scale(48), value.getPreferredSize().height + c.getPreferredSize().height);
        return new Dimension(w, h);
      }
    };
    p.setOpaque(false);
    p.add(value, BorderLayout.CENTER);
    p.add(c, BorderLayout.SOUTH);
    JPanel wrap = new JPanel(new FlowLayout(FlowLayout.CENTER, 0, 0));
    wrap.setOpaque(false);
    wrap.add(p);
    return wrap;
  }

  /**
   * Labels here change text several times a second; stopping their revalidation at this panel keeps
   * each change from laying out the whole window again on the UI thread.
   */
  @Override
  public boolean isValidateRoot() {
    return true;
  }

  /**
   * A label that shows the longest of its texts that fits its width, and asks only for the room of
   * the shortest: a layout gives it what is left, and it never shows a cut text.
   */
  static final class FittingLabel extends JLabel {
    private final List<String> texts;

    FittingLabel(List<String> texts) {
      super(texts.getFirst());
      this.texts = texts;
    }

    @Override
    public Dimension getPreferredSize() {
      Dimension d = super.getPreferredSize();
      FontMetrics fm = getFontMetrics(getFont());
      Insets in = getInsets();
      return new Dimension(fm.stringWidth(texts.getLast()) + in.left + in.right, d.height);
    }

    @Override
    public Dimension getMinimumSize() {
      return getPreferredSize();
    }

    @Override
    @SuppressWarnings("deprecation")
    public void reshape(int x, int y, int w, int h) {
      super.reshape(x, y, w, h);
      String fits = fitting(w);
      if (!fits.equals(getText())) {
        setText(fits);
      }
    }

    /** The longest text that fits {@code width} pixels; the shortest when none does. */
    String fitting(int width) {
      FontMetrics fm = getFontMetrics(getFont());
      Insets in = getInsets();
      return Wordings.longestFitting(texts, fm, width - in.left - in.right);
    }
  }
}
