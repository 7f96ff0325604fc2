package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.framefork.encoder.testing.DebianFfmpeg;

/** Opens the real app in the test JVM, generates inputs with Debian's ffmpeg, runs code on the EDT. */
final class UiTestSupport {
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final Path MEDIA = TARGET.resolve("test-media");

  private UiTestSupport() {}

  /** These tests drive a real window; without a display they fail (never skip) and say how to get one. */
  static void requireDisplay() {
    String display = System.getenv("DISPLAY");
    if (display == null || display.isBlank() || GraphicsEnvironment.isHeadless()) {
      fail("No X display (DISPLAY is " + (display == null ? "not set" : "'" + display + "'") + "): the desktop-app tests "
          + "open a real window. Run them under Xvfb: `xvfb-run -a mvn -pl desktop-app -am verify`, or start `Xvfb :99 &` "
          + "and `export DISPLAY=:99` first.");
    }
  }

  /**
   * Installs the EDT checker, then opens the app with {@code args} (no scripted exit). Without a
   * {@code --data-dir} among them the app gets an empty one of its own, so no test finds another's queue.
   */
  static Launched launch(String... args) {
    requireDisplay();
    EdtViolations checker = onEdt(EdtViolations::install);
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--data-dir")) {
      all.addAll(List.of("--data-dir", freshDataDir().toString()));
    }
    MainFrame frame = FrameForkApp.launch(AppArgs.parse(all.toArray(String[]::new)), null);
    return new Launched(frame, checker);
  }

  record Launched(MainFrame frame, EdtViolations edt) implements AutoCloseable {
    @Override
    public void close() {
      onEdt(() -> {
        frame.dispose();
        return null;
      });
      // The window's last preference changes reach the node before a test clears what it set there.
      assertTrue(AppPreferences.awaitWritten(10_000), "the preferences were not written in 10 s");
    }
  }

  static <T> T onEdt(Callable<T> c) {
    AtomicReference<T> out = new AtomicReference<>();
    AtomicReference<Exception> err = new AtomicReference<>();
    try {
      EventQueue.invokeAndWait(() -> {
        try {
          out.set(c.call());
        } catch (Exception e) {
          err.set(e);
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (err.get() != null) {
      throw new IllegalStateException(err.get());
    }
    return out.get();
  }

  static void onEdt(Runnable r) {
    onEdt(() -> {
      r.run();
      return null;
    });
  }

  /** Polls {@code condition} on the EDT every 50 ms until it holds; fails after {@code seconds}. */
  static void waitUntil(String what, double seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (!onEdt(condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + seconds + " s waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A testsrc2 video with keyframes every half second, made once per build. */
  static Path video(String name, int width, int height, double seconds, boolean audio) {
    Path out = MEDIA.resolve(name);
    if (Files.isRegularFile(out)) {
      return out;
    }
    try {
      Files.createDirectories(MEDIA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path tmp = MEDIA.resolve("tmp-" + name);
    List<String> a = new ArrayList<>(List.of("-f", "lavfi", "-i",
        String.format("testsrc2=size=%dx%d:rate=30:duration=%s", width, height, seconds)));
    if (audio) {
      a.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds, "-c:a", "aac"));
    }
    a.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "15", "-pix_fmt", "yuv420p", "-f", "mp4", tmp.toString()));
    DebianFfmpeg.ffmpeg(a.toArray(String[]::new));
    try {
      Files.move(tmp, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static int dataDirs;

  static synchronized Path freshDataDir() {
    return emptyFolder("app-data-" + ProcessHandle.current().pid() + "-" + (++dataDirs));
  }

  static Path emptyFolder(String name) {
    Path dir = TARGET.resolve("test-out").resolve(name);
    try {
      if (Files.exists(dir)) {
        try (var walk = Files.walk(dir)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Paints the window's content into a PNG (works at any Xvfb depth, with or without a window manager). */
  static Path screenshot(javax.swing.RootPaneContainer frame, String name) {
    BufferedImage image = onEdt(() -> {
      var root = frame.getRootPane();
      BufferedImage img = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
      var g = img.createGraphics();
      root.paint(g);
      g.dispose();
      return img;
    });
    Path out = TARGET.resolve("screenshots").resolve(name + ".png");
    try {
      Files.createDirectories(out.getParent());
      assertTrue(ImageIO.write(image, "png", out.toFile()), "no PNG writer");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The window's preview panel. EDT. */
  static org.framefork.app.preview.PreviewPanel previewOf(java.awt.Container root) {
    for (java.awt.Component c : root.getComponents()) {
      if (c instanceof org.framefork.app.preview.PreviewPanel p) {
        return p;
      }
      if (c instanceof java.awt.Container k && previewOf(k) instanceof org.framefork.app.preview.PreviewPanel p) {
        return p;
      }
    }
    return null;
  }

  /** The quit dialog while it shows, else null; on the EDT. */
  static javax.swing.JDialog quitDialog() {
    return java.util.Arrays.stream(java.awt.Window.getWindows())
        .filter(w -> w.isShowing() && w instanceof javax.swing.JDialog d && "Quit FrameFork".equals(d.getTitle()))
        .map(w -> (javax.swing.JDialog) w).findFirst().orElse(null);
  }

  /** The buttons showing under {@code c}, in order; on the EDT. */
  static List<javax.swing.AbstractButton> buttonsOf(java.awt.Container c) {
    List<javax.swing.AbstractButton> found = new ArrayList<>();
    for (java.awt.Component k : c.getComponents()) {
      if (k instanceof javax.swing.AbstractButton b && b.isShowing()) {
        found.add(b);
      } else if (k instanceof java.awt.Container sub) {
        found.addAll(buttonsOf(sub));
      }
    }
    return found;
  }

  /** Presses Retry for {@code entry}, as its button does with the entry selected. From the test's thread. */
  static void pressRetry(MainFrame frame, org.framefork.app.queue.QueueEntry entry) {
    javax.swing.Action retry = onEdt(() -> {
      frame.queue().select(entry);
      return frame.queue().entryActions().get(1);
    });
    org.junit.jupiter.api.Assertions.assertEquals("Retry", retry.getValue(javax.swing.Action.NAME));
    onEdt(() -> retry.actionPerformed(null));
  }

  /** The component named {@code name} under {@code root}, of type {@code type}; fails when there is none. EDT. */
  static <T extends java.awt.Component> T find(java.awt.Container root, String name, Class<T> type) {
    for (java.awt.Component c : root.getComponents()) {
      if (name.equals(c.getName()) && type.isInstance(c)) {
        return type.cast(c);
      }
      if (c instanceof java.awt.Container k) {
        try {
          return find(k, name, type);
        } catch (AssertionError notHere) {
          // look on
        }
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " named " + name + " in " + root.getClass().getSimpleName());
  }

  /**
   * Forgets the cluster setting a test gave (the tests share one preferences node): later tests,
   * which give no --cluster, would otherwise encode on a cluster that is gone.
   */
  static void forgetCluster() {
    java.util.prefs.Preferences.userRoot().node(System.getProperty("framefork.prefs.node", "/org/framefork/app"))
        .remove("clusterAddresses");
  }

  /** The command that runs the app in a JVM of its own with this test JVM's class path and test preferences. */
  static List<String> appCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Djava.awt.headless=false", "-Dframefork.prefs.node=/org/framefork/app-test",
        "-Dframefork.data.dir=" + TARGET.resolve("app-data")));
    if (System.getProperty("java.util.prefs.userRoot") != null) { // this JVM's preferences, not the user's shared ones
      cmd.add("-Djava.util.prefs.userRoot=" + System.getProperty("java.util.prefs.userRoot"));
    }
    // The jar's manifest opens what the cluster's library needs; from a class path, this JVM's argLine does.
    cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens")).toList());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FrameForkApp.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
