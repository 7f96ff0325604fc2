package org.framefork.app;

import com.formdev.flatlaf.util.UIScale;
import java.awt.EventQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a check on the EDT with FlatLaf's UI scale at {@code scale}, as {@code -Dflatlaf.uiScale}
 * sets it at start-up (FlatLaf's zoom factor, the theme installed again so that its fonts follow),
 * and puts the scale back after, for the tests that run next in this JVM.
 */
public final class UiScaled {
  private UiScaled() {}

  /** What {@code check} found wrong at {@code scale}, in words; it runs on the EDT. */
  public static List<String> check(float scale, Supplier<List<String>> check) throws Exception {
    float was = UIScale.getZoomFactor();
    List<String> problems = new ArrayList<>();
    try {
      EventQueue.invokeAndWait(() -> {
        UIScale.setZoomFactor(scale);
        Theme.install(false);
        problems.addAll(check.get());
      });
    } finally {
      EventQueue.invokeAndWait(() -> {
        UIScale.setZoomFactor(was);
        Theme.install(false);
      });
    }
    return problems;
  }

  /** Writes {@code image} to target/screenshots/{@code name}.png. */
  public static void save(java.awt.image.BufferedImage image, String name) {
    try {
      java.nio.file.Path shot = java.nio.file.Path.of("target", "screenshots", name + ".png");
      java.nio.file.Files.createDirectories(shot.getParent());
      javax.imageio.ImageIO.write(image, "png", shot.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
