package org.framefork.app.health;

import java.awt.EventQueue;
import java.awt.Toolkit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.framefork.app.AppLog;

/**
 * Android's StrictMode for Swing: JFR event streaming watches the event dispatch thread for file and
 * socket reads and writes and for monitor waits and contended locks above a threshold, the work that
 * becomes a freeze on a slow disk or network before any watchdog sees it. Each violation is logged
 * with its stack (the place in our code that did it) and handed to listeners on the EDT; the
 * penalty decides what else happens.
 *
 * <p>JFR delivers events about a second after they happen, so a violation is reported after the
 * fact, like Android's penaltyLog. What the JVM reads on its own is not a violation: classes and
 * resources out of jars or class-path folders, the JDK's own configuration files (its conf/ folder:
 * security, XML, fonts), what a class initialiser reads once, and the glyph tables the font
 * rasteriser reads from font files while text is painted, which no app can move off the UI thread.
 * Nor is the log's write to stderr, nor what the JDK does on its own on the UI thread, with no frame of
 * FrameFork's code on the stack (AWT's event pump waiting for a lock of its own, say): as Android's
 * StrictMode blames the app's call site, there is none to blame. A place in the code that does the
 * same I/O again and again is reported once, with its count.
 *
 * <p>A contended lock the UI thread waits for with only the JDK's code on its stack is still the app's
 * when one of the app's threads held it: {@code Container.add} or {@code validate} off the UI thread
 * holds AWT's tree lock, which the UI thread then waits for inside Swing. Such a wait blames the
 * thread that held the lock (JFR's {@code previousOwner}). A wait with neither (the JDK waiting for
 * itself) is logged only, whatever the penalty: never a beep nor the app's end.
 */
public final class StrictMode implements AutoCloseable {
  /** What a violation does besides being counted and logged, as Android's penalties. */
  public enum Penalty {
    /** Logged with its stack (penaltyLog). */
    LOG,
    /** Logged, and the system beep sounds (a development aid, as penaltyFlashScreen). */
    BEEP,
    /** Logged, then the app ends with exit code 3 (penaltyDeath), for development runs. */
    DEATH;

    public static Penalty parse(String s) {
      for (Penalty p : values()) {
        if (p.name().equalsIgnoreCase(s.trim())) {
          return p;
        }
      }
      throw new IllegalArgumentException("--strict-mode takes log, beep, death or off, not '" + s + "'");
    }
  }

  /** The kinds of work that do not belong on the UI thread, with the JFR event that records each. */
  public enum Kind {
    FILE_READ("jdk.FileRead", "file read"),
    FILE_WRITE("jdk.FileWrite", "file write"),
    SOCKET_READ("jdk.SocketRead", "socket read"),
    SOCKET_WRITE("jdk.SocketWrite", "socket write"),
    MONITOR_WAIT("jdk.JavaMonitorWait", "monitor wait"),
    MONITOR_ENTER("jdk.JavaMonitorEnter", "contended lock");

    final String event;
    final String words;

    Kind(String event, String words) {
      this.event = event;
      this.words = words;
    }

    static Kind of(String eventName) {
      for (Kind k : values()) {
        if (k.event.equals(eventName)) {
          return k;
        }
      }
      throw new IllegalArgumentException(eventName);
    }

    /** Waits cost only above the threshold; any I/O on the UI thread is a violation. */
    boolean isWait() {
      return this == MONITOR_WAIT || this == MONITOR_ENTER;
    }
  }

  /** One violation: what, on what, for how long, and the stack that did it (innermost first). */
  public record Violation(Kind kind, String target, Duration duration, Instant at, String thread,
      List<String> stack, String heldBy) {
    public Violation {
      stack = List.copyOf(stack);
    }

    /**
     * The innermost frame of FrameFork's own code: where to look; with none, the app's thread that
     * held the lock waited for ({@link #heldBy}).
     */
    public String culprit() {
      return stack.stream().filter(f -> f.startsWith(APP_CODE)).findFirst()
          .orElse(heldBy != null ? "thread " + heldBy + ", which held the lock"
              : stack.isEmpty() ? "an unknown place" : stack.getFirst());
    }

    public String summary() {
      String held = heldBy != null && !culprit().startsWith("thread ") ? " (held by thread " + heldBy + ")" : "";
      return String.format(Locale.ROOT, "%s on the UI thread (%s, %.1f ms) in %s%s", kind.words, target,
          duration.toNanos() / 1e6, culprit(), held);
    }

    public String stackText() {
      StringBuilder sb = new StringBuilder();
      for (String f : stack) {
        sb.append("\tat ").append(f).append('\n');
      }
      return sb.toString();
    }
  }

  /** Default threshold for monitor waits and contended locks on the UI thread. */
  public static final Duration DEFAULT_WAIT_THRESHOLD = Duration.ofMillis(20);

  private final RecordingStream stream = new RecordingStream();
  private final Penalty penalty;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger repeats = new AtomicInteger();
  private final Set<String> places = ConcurrentHashMap.newKeySet();
  /** The places where the JDK waited for itself, logged once each and kept apart from {@link #places}. */
  private final Set<String> jdkPlaces = ConcurrentHashMap.newKeySet();
  private final List<Violation> violations = new ArrayList<>(); // guarded by itself
  private final List<Consumer<Violation>> listeners = new ArrayList<>(); // EDT-confined

  private StrictMode(Penalty penalty, Duration waitThreshold) {
    this.penalty = penalty;
    for (Kind k : Kind.values()) {
      // I/O events of every length (the filter below keeps the UI thread's); waits from the threshold.
      stream.enable(k.event).withStackTrace().withThreshold(k.isWait() ? waitThreshold : Duration.ZERO);
      stream.onEvent(k.event, this::seen);
    }
    // Deliver soon after the fact: JFR's default flush is a second.
    stream.setMaxAge(Duration.ofSeconds(10));
  }

  /** Starts watching in the background; {@link #close()} stops. */
  public static StrictMode start(Penalty penalty, Duration waitThreshold) {
    StrictMode mode = new StrictMode(penalty, waitThreshold);
    mode.stream.startAsync();
    return mode;
  }

  /** Called on the EDT for each violation, after it is logged. */
  public void addListener(Consumer<Violation> onViolation) {
    listeners.add(onViolation);
  }

  /** Violations so far, one per place in the code, from any thread. */
  public int count() {
    return count.get();
  }

  /** Events at places already reported (a read loop gives one violation and many repeats). */
  public int repeats() {
    return repeats.get();
  }

  public List<Violation> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  public Penalty penalty() {
    return penalty;
  }

  @Override
  public void close() {
    stream.close();
  }

  private void seen(RecordedEvent event) {
    RecordedThread thread = event.getThread();
    if (thread == null || !isUiThread(thread.getJavaName()) || event.getStackTrace() == null) {
      return;
    }
    List<String> stack = new ArrayList<>();
    for (RecordedFrame f : event.getStackTrace().getFrames()) {
      if (f.isJavaFrame()) {
        stack.add(f.getMethod().getType().getName() + "." + f.getMethod().getName()
            + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : ""));
      }
    }
    Kind kind = Kind.of(event.getEventType().getName());
    // Only the tree lock is the app's to answer for when one of its threads held it (Swing off the UI
    // thread); SwingWorker's publish queue or RepaintManager are locks the JDK shares by design.
    String heldBy = kind == Kind.MONITOR_ENTER && isTreeLock(event) ? appHolder(event) : null;
    boolean apps = blamesApp(stack, event.getStackTrace().isTruncated()) || heldBy != null;
    if (stack.stream().anyMatch(StrictMode::isJvmOwnIo) || isConsole(event) || isClassPathResource(event)
        || !apps && !kind.isWait()) {
      return;
    }
    Violation v = new Violation(kind, target(kind, event), event.getDuration(), event.getStartTime(),
        thread.getJavaName(), stack, heldBy);
    if (!apps) { // the JDK waiting for itself: logged once a place, never counted, never a penalty
      if (jdkPlaces.add(kind + " " + stack)) {
        AppLog.info("StrictMode: the JDK's own " + v.summary() + ", no code of the app's to blame\n" + v.stackText());
      }
      return;
    }
    if (!places.add(kind + " " + stack)) {
      repeats.incrementAndGet(); // the same place again (a loop of reads): reported once
      return;
    }
    count.incrementAndGet();
    synchronized (violations) {
      violations.add(v);
    }
    AppLog.warn("StrictMode: " + v.summary() + "\n" + v.stackText());
    switch (penalty) {
      case LOG -> { }
      case BEEP -> Toolkit.getDefaultToolkit().beep();
      case DEATH -> {
        System.err.println("framefork gui: StrictMode (death): " + v.summary());
        Runtime.getRuntime().halt(3);
      }
    }
    EventQueue.invokeLater(() -> listeners.forEach(l -> l.accept(v)));
  }

  /** The class path's folders: a resource read from one (an icon, say) is what a jar read is in a build. */
  private static final List<String> CLASS_PATH_FOLDERS = java.util.Arrays
      .stream(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator))
      .filter(e -> !e.isEmpty() && new java.io.File(e).isDirectory())
      .map(e -> new java.io.File(e).getAbsolutePath() + java.io.File.separator).toList();

  /** The JDK's own files (its conf/ and lib/ folders), which it reads once, lazily, wherever first needed. */
  private static final String JAVA_HOME = new java.io.File(System.getProperty("java.home", "/nonexistent"))
      .getAbsolutePath() + java.io.File.separator;

  private static boolean isClassPathResource(RecordedEvent e) {
    String path = e.getEventType().getName().equals(Kind.FILE_READ.event) ? e.getString("path") : null;
    return path != null && (path.startsWith(JAVA_HOME) || CLASS_PATH_FOLDERS.stream().anyMatch(path::startsWith));
  }

  /** A write to stdout or stderr (the log): a stream with no path. */
  private static boolean isConsole(RecordedEvent e) {
    return e.getEventType().getName().equals(Kind.FILE_WRITE.event) && e.getString("path") == null;
  }

  /**
   * Whether a stack (innermost first) is the app's to answer for: it has a frame of FrameFork's code,
   * or was cut off by JFR's stack depth before showing all of them. A stack of the JDK alone (the
   * event pump's {@code sun.awt.AppContext.get} waiting for a lock another thread holds) is not.
   */
  static boolean blamesApp(List<String> stack, boolean truncated) {
    return truncated || stack.stream().anyMatch(f -> f.startsWith(APP_CODE));
  }

  /** Whether a contended-lock event waited for AWT's tree lock (a component's add, remove, validate). */
  private static boolean isTreeLock(RecordedEvent e) {
    return e.hasField("monitorClass") && e.getClass("monitorClass") != null
        && "java.awt.Component$AWTTreeLock".equals(e.getClass("monitorClass").getName());
  }

  /** The name of the app's thread that held the lock a contended-lock event waited for; null for none or the JDK's. */
  private static String appHolder(RecordedEvent e) {
    RecordedThread owner = e.hasField("previousOwner") ? e.getThread("previousOwner") : null;
    if (owner == null) {
      return null;
    }
    String group = owner.getThreadGroup() == null ? null : owner.getThreadGroup().getName();
    return isAppThread(owner.getJavaName(), group) ? owner.getJavaName() : null;
  }

  /** Threads of the JDK and AWT (by the start of their names) that are not the app's, whatever group they run in. */
  private static final List<String> JDK_THREADS = List.of("AWT-", "Java2D", "TimerQueue", "Swing-Shell", "Image Fetcher",
      "Image Animator", "JFR", "process reaper", "Common-Cleaner", "Reference Handler", "Finalizer", "Signal Dispatcher",
      "Attach Listener", "Notification Thread", "DestroyJavaVM");

  /**
   * Whether thread {@code name} (of thread group {@code group}) is one of the app's: not the UI
   * thread, not in the JDK's "system" group, and not one of the JDK's or AWT's own threads.
   */
  static boolean isAppThread(String name, String group) {
    return name != null && !"system".equals(group) && !isUiThread(name) && JDK_THREADS.stream().noneMatch(name::startsWith);
  }

  /** The package prefix of FrameFork's own code, as {@link Violation#culprit} looks for it. */
  private static final String APP_CODE = "org.framefork.";

  /** The event dispatch thread's name; AWT numbers a replacement after an uncaught exception. */
  static boolean isUiThread(String name) {
    return name != null && name.startsWith("AWT-EventQueue-");
  }

  /**
   * The JVM's own I/O, not the app's: a class or resource out of a jar, a class initialiser's
   * one-time read, the font rasteriser's glyph tables.
   */
  static boolean isJvmOwnIo(String frame) {
    return frame.startsWith("java.util.zip.ZipFile") || frame.startsWith("java.util.jar.JarFile")
        || frame.startsWith("jdk.internal.loader.") || frame.startsWith("java.lang.ClassLoader.")
        || frame.startsWith("sun.net.www.protocol.jar.") || frame.contains(".<clinit>")
        || frame.startsWith("sun.font.") || frame.startsWith("sun.awt.FontConfiguration");
  }

  private static String target(Kind kind, RecordedEvent e) {
    return switch (kind) {
      case FILE_READ, FILE_WRITE -> e.hasField("path") && e.getString("path") != null ? e.getString("path") : "a file";
      case SOCKET_READ, SOCKET_WRITE -> e.getString("host") + ":" + e.getInt("port");
      case MONITOR_WAIT, MONITOR_ENTER -> e.getClass("monitorClass") != null ? e.getClass("monitorClass").getName()
          : "a monitor";
    };
  }
}
