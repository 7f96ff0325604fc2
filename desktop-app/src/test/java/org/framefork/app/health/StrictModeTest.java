package org.framefork.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.EventQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * StrictMode catches file I/O and long monitor waits on the UI thread, with the stack that names the
 * method that did it, and leaves the same work on other threads alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StrictModeTest {
  @TempDir Path dir;

  @Test
  void aFileReadOnTheUiThreadIsCaughtWithItsMethod() throws Exception {
    Path file = Files.write(dir.resolve("data.bin"), new byte[64 * 1024]);
    try (StrictMode strict = StrictMode.start(StrictMode.Penalty.LOG, StrictMode.DEFAULT_WAIT_THRESHOLD)) {
      EventQueue.invokeAndWait(() -> readOnUiThread(file));
      List<StrictMode.Violation> seen = awaitViolations(strict, 1);
      StrictMode.Violation v = seen.getFirst();
      assertEquals(StrictMode.Kind.FILE_READ, v.kind());
      assertTrue(v.target().endsWith("data.bin"), v.target());
      assertTrue(v.culprit().contains("StrictModeTest.readOnUiThread"), v.culprit() + "\n" + v.stackText());
      assertTrue(v.thread().startsWith("AWT-EventQueue-"), v.thread());
    }
  }

  @Test
  void aFileWriteAndALongWaitOnTheUiThreadAreCaught() throws Exception {
    try (StrictMode strict = StrictMode.start(StrictMode.Penalty.LOG, Duration.ofMillis(20))) {
      EventQueue.invokeAndWait(() -> writeAndWaitOnUiThread(dir.resolve("out.bin")));
      List<StrictMode.Violation> seen = awaitViolations(strict, 2);
      assertTrue(seen.stream().anyMatch(v -> v.kind() == StrictMode.Kind.FILE_WRITE), seen.toString());
      assertTrue(seen.stream().anyMatch(v -> v.kind() == StrictMode.Kind.MONITOR_WAIT
          && v.culprit().contains("writeAndWaitOnUiThread")), seen.toString());
    }
  }

  @Test
  void theSameWorkOffTheUiThreadIsNotAViolation() throws Exception {
    Path file = Files.write(dir.resolve("data.bin"), new byte[64 * 1024]);
    try (StrictMode strict = StrictMode.start(StrictMode.Penalty.LOG, StrictMode.DEFAULT_WAIT_THRESHOLD)) {
      Thread worker = new Thread(() -> readOnUiThread(file), "not-the-ui-thread");
      worker.start();
      worker.join();
      // A read on the UI thread afterwards proves that events were being delivered meanwhile.
      EventQueue.invokeAndWait(() -> readOnUiThread(file));
      List<StrictMode.Violation> seen = awaitViolations(strict, 1);
      assertTrue(seen.stream().allMatch(v -> v.thread().startsWith("AWT-EventQueue-")), seen.toString());
      assertFalse(seen.stream().anyMatch(v -> v.stack().stream().anyMatch(f -> f.contains("lambda$theSameWork")
          && !f.contains("$1"))), "only the UI thread's read: " + seen);
    }
  }

  /**
   * A lock the JDK takes on its own on the UI thread (the QA run's: AWT's event pump in
   * sun.awt.AppContext.get, waiting 27 ms for a HashMap another thread held) has no app code to
   * blame where a thread of the JDK's held it (here one of its "system" group); the same wait under
   * the app's own frame still is a violation.
   */
  @Test
  void aContendedLockOfTheJdkAloneIsNotAViolation() throws Exception {
    java.util.Vector<Object> jdkOwn = new java.util.Vector<>();
    // The UI thread calls the Vector's synchronized removeAllElements() through java.beans, with no frame of ours.
    Runnable jdkAlone = java.beans.EventHandler.create(Runnable.class, jdkOwn, "removeAllElements");
    Object appOwn = new Object();
    try (StrictMode strict = StrictMode.start(StrictMode.Penalty.LOG, Duration.ofMillis(20))) {
      holdWhile(jdkOwn, systemGroup(), "jdk-lock-holder", () -> EventQueue.invokeLater(jdkAlone));
      // An app thread holding a lock the JDK shares by design (SwingWorker's publish queue, here a
      // Vector) is no violation either: only AWT's tree lock held off the UI thread is the app's.
      holdWhile(jdkOwn, null, "framefork-publisher", () -> EventQueue.invokeLater(jdkAlone));
      holdWhile(appOwn, null, "lock-holder", () -> EventQueue.invokeLater(() -> lockOnUiThread(appOwn)));
      EventQueue.invokeAndWait(() -> { });
      List<StrictMode.Violation> seen = awaitViolations(strict, 1);
      assertTrue(seen.stream().anyMatch(v -> v.kind() == StrictMode.Kind.MONITOR_ENTER
          && v.culprit().contains("lockOnUiThread")), seen.toString());
      assertFalse(seen.stream().anyMatch(v -> v.stack().stream().noneMatch(f -> f.startsWith("org.framefork."))),
          "a stack of the JDK alone: " + seen);
    }
    assertFalse(StrictMode.blamesApp(List.of("sun.awt.AppContext.get:550", "sun.awt.SunToolkit.flushPendingEvents:501",
        "java.awt.EventQueue.getNextEvent:544", "java.awt.EventDispatchThread.run:90"), false));
    assertTrue(StrictMode.blamesApp(List.of("java.util.HashMap.get", "org.framefork.app.MainFrame.refresh:12"), false));
    assertTrue(StrictMode.blamesApp(List.of("sun.awt.AppContext.get:550"), true), "cut off: our frame may be below");
  }

  /**
   * The reviewer's case (review 47): an app thread adds to a container off the UI thread and so holds
   * AWT's tree lock (here while its layout manager hears of the new component), and the UI thread
   * waits for it inside Swing with no frame of the app's: the app thread that held it is to blame.
   */
  @Test
  void aLockAnAppThreadHeldBlamesThatThread() throws Exception {
    java.util.concurrent.CountDownLatch adding = new java.util.concurrent.CountDownLatch(1);
    javax.swing.JPanel panel = new javax.swing.JPanel(new java.awt.FlowLayout() {
      @Override
      public void addLayoutComponent(String name, java.awt.Component comp) {
        adding.countDown();
        try {
          Thread.sleep(150); // under the tree lock, as a slow add or layout is
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    // The UI thread calls Container.validate (which takes the tree lock) through java.beans: no frame of ours.
    Runnable swingAlone = java.beans.EventHandler.create(Runnable.class, panel, "validate");
    EventQueue.invokeAndWait(swingAlone); // the UI thread started, and the call's classes loaded
    try (StrictMode strict = StrictMode.start(StrictMode.Penalty.LOG, Duration.ofMillis(20))) {
      // First the same wait at the same place with a JDK thread holding the lock: logged, and it must
      // not use up the place for the app thread's wait that follows (review 51).
      holdWhile(panel.getTreeLock(), systemGroup(), "jdk-tree-holder", () -> EventQueue.invokeLater(swingAlone));
      EventQueue.invokeAndWait(() -> { });
      Thread app = new Thread(() -> panel.add("label", new javax.swing.JLabel("x")), "framefork-adder");
      app.start();
      adding.await();
      EventQueue.invokeLater(swingAlone);
      app.join();
      EventQueue.invokeAndWait(() -> { });
      List<StrictMode.Violation> seen = awaitViolations(strict, 1);
      assertTrue(seen.stream().anyMatch(v -> v.kind() == StrictMode.Kind.MONITOR_ENTER && "framefork-adder".equals(v.heldBy())
          && v.target().contains("AWTTreeLock") && v.culprit().equals("thread framefork-adder, which held the lock")
          && v.summary().endsWith("in thread framefork-adder, which held the lock")), seen.toString());
    }
    assertTrue(StrictMode.isAppThread("framefork-probe", "main"));
    assertTrue(StrictMode.isAppThread("Thread-3", "main"));
    assertFalse(StrictMode.isAppThread("AWT-EventQueue-0", "main"));
    assertFalse(StrictMode.isAppThread("AWT-XAWT", "system"));
    assertFalse(StrictMode.isAppThread("Java2D Disposer", "main"));
    assertFalse(StrictMode.isAppThread("anything", "system"));
  }

  private static ThreadGroup systemGroup() {
    ThreadGroup g = Thread.currentThread().getThreadGroup();
    while (g.getParent() != null) {
      g = g.getParent();
    }
    return g;
  }

  /** Holds {@code lock}'s monitor on thread {@code name} (of {@code group}; null: this one's) for 150 ms while {@code during} runs. */
  private static void holdWhile(Object lock, ThreadGroup group, String name, Runnable during) throws InterruptedException {
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    Thread holder = new Thread(group, () -> {
      synchronized (lock) {
        held.countDown();
        try {
          Thread.sleep(150);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, name);
    holder.start();
    held.await();
    during.run();
    holder.join();
  }

  private static void lockOnUiThread(Object lock) {
    synchronized (lock) {
      lock.hashCode();
    }
  }

  @Test
  void theJvmsOwnReadsAreNotViolations() {
    assertTrue(StrictMode.isJvmOwnIo("java.util.zip.ZipFile$Source.readFullyAt:1530"));
    assertTrue(StrictMode.isJvmOwnIo("jdk.internal.loader.URLClassPath$JarLoader.getResource"));
    assertTrue(StrictMode.isJvmOwnIo("java.security.Security.<clinit>:315"));
    assertTrue(StrictMode.isJvmOwnIo("sun.font.TrueTypeFont.readBlock:308"));
    assertFalse(StrictMode.isJvmOwnIo("java.nio.file.Files.readAllBytes"));
    assertEquals(StrictMode.Penalty.BEEP, StrictMode.Penalty.parse(" Beep "));
  }

  private static void readOnUiThread(Path file) {
    try {
      Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void writeAndWaitOnUiThread(Path file) {
    try {
      Files.write(file, new byte[4096]);
      Object lock = new Object();
      synchronized (lock) {
        lock.wait(60);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<StrictMode.Violation> awaitViolations(StrictMode strict, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (strict.count() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(1500); // one more flush: anything else that was recorded arrives too
    List<StrictMode.Violation> seen = strict.violations();
    assertTrue(seen.size() >= atLeast, "caught " + seen);
    return seen;
  }
}
