package org.framefork.app;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.extras.FlatAnimatedLafChange;
import com.formdev.flatlaf.themes.FlatMacDarkLaf;
import com.formdev.flatlaf.themes.FlatMacLightLaf;
import java.awt.Color;
import javax.swing.UIManager;

/** Light and dark FlatLaf themes, and the few colours of our own that follow them. */
public final class Theme {
  private Theme() {}

  /** Installs the look and feel; call on the EDT before the first component is made. */
  public static void install(boolean dark) {
    if (dark) {
      FlatMacDarkLaf.setup();
    } else {
      FlatMacLightLaf.setup();
    }
    UIManager.put("ScrollBar.showButtons", false);
    UIManager.put("TitlePane.unifiedBackground", true);
    UIManager.put("ProgressBar.arc", 6);
    UIManager.put("Component.focusWidth", 1);
  }

  /** Switches a running app: every window is updated, with FlatLaf's cross-fade. */
  public static void switchTo(boolean dark) {
    FlatAnimatedLafChange.showSnapshot();
    install(dark);
    FlatLaf.updateUI();
    FlatAnimatedLafChange.hideSnapshotWithAnimation();
  }

  public static boolean isDark() {
    return FlatLaf.isLafDark();
  }

  /** A distinct colour for each chunk: hues a golden angle apart, softer in the dark theme. */
  public static Color chunkColor(int chunk) {
    float hue = (float) ((chunk * 0.6180339887) % 1.0);
    return isDark() ? Color.getHSBColor(hue, 0.50f, 0.78f) : Color.getHSBColor(hue, 0.55f, 0.92f);
  }

  public static Color good() {
    return isDark() ? new Color(0x499C54) : new Color(0x59A869);
  }

  public static Color warning() {
    return isDark() ? new Color(0xF0A732) : new Color(0xE08A00);
  }

  public static Color bad() {
    return isDark() ? new Color(0xE06C6C) : new Color(0xD14A50);
  }

  public static Color color(String key, Color fallback) {
    Color c = UIManager.getColor(key);
    return c != null ? c : fallback;
  }

  public static Color foreground() {
    return color("Label.foreground", Color.DARK_GRAY);
  }

  public static Color dimForeground() {
    return color("Label.disabledForeground", Color.GRAY);
  }

  public static Color gridLine() {
    return color("Component.borderColor", Color.LIGHT_GRAY);
  }

  public static Color chartBackground() {
    return color("TextField.background", Color.WHITE);
  }
}
