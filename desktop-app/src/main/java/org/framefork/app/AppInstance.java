package org.framefork.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One window per data folder. Two windows on one queue file each wrote their own queue over the
 * other's and could both encode the same input; so the window that opens a data folder holds an OS
 * lock on {@code app.lock} in it for as long as it is open, and a later {@code framefork gui FILES}
 * on that folder hands its files to that window (through {@code inbox/}, which the window polls off
 * the UI thread) and ends. The OS drops the lock when the process ends, even by SIGKILL, so a lock
 * file left behind never blocks a later start.
 *
 * <p>The JDK takes POSIX record locks on Linux, which a process loses on closing <em>any</em>
 * descriptor of the file (see the encoder's JobLock). So this process opens the lock file once, to
 * lock it, and answers a second claim on the same folder from {@link #HELD}, never by opening it.
 *
 * <p>A hand-off is a file {@code inbox/NAME.json} (moved into place in one step) listing the
 * inputs; the window renames it {@code NAME.taken} as it reads it (so that a launch can no longer
 * take it back), queues them as it queues {@code gui}'s arguments, and answers in {@code
 * NAME.reply}, one line that the second launch prints.
 */
public final class AppInstance implements AutoCloseable {
  static final String LOCK_FILE = "app.lock";
  static final String INBOX = "inbox";
  private static final long POLL_MILLIS = 200;
  /** How long a claim waits for a window of this process that is closing. */
  private static final long RELEASE_MILLIS = 5_000;
  /** How long a second launch waits for the window's answer. */
  private static final long REPLY_MILLIS = 15_000;
  /**
   * How long a window may take to answer a hand-off it took and still be heard: the launch's wait,
   * less the inbox's poll, the answer's write and room to spare. An answer later than this, the
   * launch may have given up on.
   */
  public static final long ANSWER_MILLIS = REPLY_MILLIS - 3_000;
  /** How long a close waits for a hand-off being queued. */
  private static final long FINISH_MILLIS = 2_000;
  /** Answers no second launch waits for any more, and temporary files a crash left, are removed after this. */
  private static final long STALE_REPLY_MILLIS = 60_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The data folders (real paths) whose lock this process holds; also the monitor for claims. */
  private static final Set<Path> HELD = new HashSet<>();

  private final Path folder;
  private final FileChannel channel;
  private ScheduledExecutorService watcher;
  /**
   * When each hand-off ({@code NAME.json}) was written, by {@link #clock}: when the inbox's listing first
   * showed it, not its modified time, which is the file server's clock (one behind on NFS would make an
   * idle window's answer due at once); but one that was there before this window watched the inbox,
   * that long before by the file's own time against the server's (see {@link #ageOnDisk}). The inbox
   * thread's alone.
   */
  private final java.util.Map<String, Long> firstSeen = new java.util.HashMap<>();
  /** Whether the inbox has been listed: what its first listing shows was handed over before this window watched it. */
  private boolean listed;
  /** Milliseconds on a clock that only goes forward; a test sets its own before {@link #watch}. */
  private java.util.function.LongSupplier clock = () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  /** Makes the file in the inbox whose time is its clock's ({@link #serverTime}); a test sets its own. */
  private ClockFile clockFile = inbox -> Files.createTempFile(inbox, "clock-", ".tmp"); // a .tmp a crash leaves goes after a minute

  private AppInstance(Path folder, FileChannel channel) {
    this.folder = folder;
    this.channel = channel;
  }

  /**
   * Takes {@code folder} for this window (making it when missing); null when another window, in this
   * process or another, has it. A folder where no lock can be made is not refused: the window opens
   * unguarded, as before, and the log says why.
   */
  public static AppInstance claim(Path folder) {
    synchronized (HELD) {
      Path real;
      try {
        Files.createDirectories(folder);
        real = folder.toRealPath();
      } catch (IOException e) {
        AppLog.warn("cannot make the data folder " + folder + ": " + e.getMessage());
        return new AppInstance(folder, null);
      }
      // A window of this process that just closed lets the folder go once its queue is saved: a moment.
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RELEASE_MILLIS);
      while (HELD.contains(real) && System.nanoTime() < deadline) {
        try {
          HELD.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      if (HELD.contains(real)) {
        return null; // ours: opening the lock file again would drop the lock
      }
      FileChannel channel = null;
      try {
        channel = FileChannel.open(real.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          channel.close();
          return null;
        }
        HELD.add(real);
        sayWhoHolds(channel);
        return new AppInstance(real, channel);
      } catch (IOException e) {
        closeQuietly(channel);
        AppLog.warn("cannot lock " + real.resolve(LOCK_FILE) + " (" + e.getMessage() + "); a second window on this "
            + "data folder will not be noticed");
        return new AppInstance(real, null);
      }
    }
  }

  /**
   * Writes "HOST PID" into the held lock file, through its own channel (opening it again would drop
   * the lock): a launch that gets no answer, on another machine that shares the folder (a home over
   * NFS), says where the window may be. {@link #close} empties it.
   */
  private static void sayWhoHolds(FileChannel channel) {
    try {
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap((localHost() + " " + ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
    } catch (IOException e) {
      AppLog.warn("cannot write who holds the lock (" + e.getMessage() + "); a launch on another machine is not told");
    }
  }

  /**
   * What the lock file of {@code folder} says of the window that holds it, when that is another
   * machine: "; it may be open on host A (pid N)"; empty when it is this one or the file says nothing
   * that can be read (Windows keeps a locked file from other readers). Only a launch that got no answer
   * says it: a host name that changed (DHCP) must not refuse a launch on the same machine.
   */
  static String holderElsewhere(Path folder) {
    String[] holder;
    try {
      holder = Files.readString(folder.resolve(LOCK_FILE), StandardCharsets.UTF_8).strip().split(" ");
    } catch (IOException | RuntimeException e) {
      return "";
    }
    if (holder.length != 2 || holder[0].isEmpty() || holder[0].equals(localHost())) {
      return "";
    }
    return "; it may be open on host " + holder[0] + " (pid " + holder[1] + ")";
  }

  /**
   * This machine's name, as the system has it, without a look-up (InetAddress.getLocalHost can wait
   * seconds on DNS at every start): "unknown" where neither the kernel nor the environment says.
   */
  static String localHost() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
      String name = System.getenv(variable);
      if (name != null && !name.isBlank()) {
        return name.strip();
      }
    }
    return "unknown";
  }

  /** What a window does with a hand-off: queues its inputs and answers with the line the launch prints. */
  @FunctionalInterface
  public interface HandOffs {
    /**
     * Queues {@code inputs} and answers within {@code answerMillis} (what is left of the launch's
     * wait, less room for the answer's write; 0 when the launch has given up): an answer later than
     * that is not heard.
     */
    String take(List<Path> inputs, long answerMillis);
  }

  /** For a test: the clock that hand-offs' ages are counted by (milliseconds), set before {@link #watch}. */
  void clock(java.util.function.LongSupplier millis) {
    clock = millis;
  }

  /** Makes a file in the inbox ({@code inbox}) to read the time of its clock by. */
  interface ClockFile {
    Path make(Path inbox) throws IOException;
  }

  /** For a test: how the file that reads the inbox's clock is made, set before {@link #watch}. */
  void clockFile(ClockFile make) {
    clockFile = make;
  }

  /**
   * Starts taking the inputs that later launches hand over: {@code queue} runs on a thread of its
   * own (not the UI thread) with each hand-off's inputs, one hand-off after another.
   */
  public void watch(HandOffs queue) {
    if (channel == null || watcher != null) {
      return;
    }
    watcher = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().daemon().name("framefork-inbox").unstarted(r));
    watcher.scheduleWithFixedDelay(() -> takeHandOffs(queue), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void takeHandOffs(HandOffs queue) {
    Path inbox = folder.resolve(INBOX);
    if (!Files.isDirectory(inbox)) {
      return;
    }
    List<Path> names;
    try (Stream<Path> s = Files.list(inbox)) {
      names = s.sorted().toList();
    } catch (IOException e) {
      return;
    }
    long now = clock.getAsLong();
    firstSeen.keySet().retainAll(names.stream().map(p -> p.getFileName().toString()).toList());
    Long serverNow = null;
    boolean clockRead = false;
    for (Path p : names) {
      String name = p.getFileName().toString();
      if (name.endsWith(".json") && !firstSeen.containsKey(name)) {
        if (!listed && !clockRead) {
          serverNow = serverTime(inbox);
          clockRead = true;
        }
        // With no reading of the inbox's clock, one there before is dated as new, as one handed over later is:
        // its file's time against this machine's clock (an NFS server's behind) could make a waiting one given up.
        firstSeen.put(name, listed || serverNow == null ? now : now - ageOnDisk(p, serverNow));
      }
    }
    listed = true;
    for (Path p : names) {
      String name = p.getFileName().toString();
      try {
        if (name.endsWith(".json")) {
          take(p, queue, clock.getAsLong() - firstSeen.get(name));
        } else if ((name.endsWith(".reply") || name.endsWith(".tmp") || name.endsWith(".taken"))
            && System.currentTimeMillis() - Files.getLastModifiedTime(p).toMillis() > STALE_REPLY_MILLIS) {
          // An answer no launch waits for any more, or what a crash cut short: half of a write, a hand-off being queued.
          Files.deleteIfExists(p);
        }
      } catch (NoSuchFileException gone) {
        // withdrawn by its launch, or an answer read, since the listing: nothing to do
      } catch (IOException | RuntimeException e) {
        AppLog.warn("could not take " + p + " from the inbox: " + e.getMessage());
        try {
          Files.deleteIfExists(p); // a damaged one is not read again every 200 ms
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    }
  }

  /**
   * How long ago hand-off {@code p} was written, by its modified time against {@code serverNow}, the
   * time on the same clock (its file server's) now; 0 for one dated later, or that cannot be read.
   */
  private static long ageOnDisk(Path p, long serverNow) {
    try {
      return Math.max(0, serverNow - Files.getLastModifiedTime(p).toMillis());
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The time now by the clock that dates the files of {@code inbox}, its file server's (over NFS not
   * this machine's): the modified time of a file made there. Null where none can be made or read:
   * this machine's clock is no stand-in. A file that cannot be deleted leaves its reading as good.
   */
  private Long serverTime(Path inbox) {
    Path probe;
    try {
      probe = clockFile.make(inbox);
    } catch (IOException e) {
      return null;
    }
    try {
      return Files.getLastModifiedTime(probe).toMillis();
    } catch (IOException e) {
      return null;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // the time is read; a .tmp left behind goes after a minute
      }
    }
  }

  /**
   * Takes hand-off {@code p}: renames it {@code NAME.taken} first (a launch that gives up can no
   * longer withdraw it), queues its inputs, answers, and deletes it. Its answer is due within what is
   * left of the launch's wait, counted from when it was handed over ({@code ageMillis} ago, {@link #firstSeen}):
   * one queued behind a slow one gets only what is left, not a wait of its own. Nothing of the file
   * is read before the rename: a launch that withdraws it meanwhile is no error.
   */
  private static void take(Path p, HandOffs queue, long ageMillis) throws IOException {
    String base = p.getFileName().toString().substring(0, p.getFileName().toString().length() - ".json".length());
    Path taken = p.resolveSibling(base + ".taken");
    try {
      Files.move(p, taken, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // the launch withdrew it meanwhile
    }
    long age = Math.max(0, ageMillis);
    boolean interrupted = false;
    try {
      List<Path> inputs = List.of(JSON.readValue(taken.toFile(), String[].class)).stream().map(Path::of).toList();
      String answer = queue.take(inputs, answerMillis(age));
      // The answer is written even if this thread was interrupted meanwhile (a file channel would refuse).
      interrupted = Thread.interrupted();
      writeAtomically(p.resolveSibling(base + ".reply"), answer);
    } finally {
      // Gone only now that it is queued: at most once, even if no answer could be written; a damaged one is not read again.
      Files.deleteIfExists(taken);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How long a window may take to answer a hand-off written {@code ageMillis} ago and still be heard. */
  static long answerMillis(long ageMillis) {
    return Math.max(0, Math.min(ANSWER_MILLIS, REPLY_MILLIS - 3_000 - ageMillis));
  }

  /** What a hand-off's answer begins with when the window takes no inputs: the launch ends with 2. */
  static final String REFUSED = "refused: ";

  /** The answer of a window that takes no hand-offs ({@code why}: the launch's line). */
  public static String refusal(String why) {
    return REFUSED + why;
  }

  /** A second launch's line to print, and whether the window refused its inputs (exit 2). */
  public record Answer(String line, boolean refused) {}

  /**
   * Hands {@code inputs} (absolute paths; none: only say so) to the window that holds {@code folder}
   * and returns the line to print: what it queued, in its own words once it answers.
   */
  public static Answer handOff(Path folder, List<Path> inputs) {
    String line = handOffLine(folder, inputs);
    return line.startsWith(REFUSED) ? new Answer(line.substring(REFUSED.length()), true) : new Answer(line, false);
  }

  private static String handOffLine(Path folder, List<Path> inputs) {
    String open = "FrameFork is already open";
    Path inbox = folder.resolve(INBOX);
    String name = ProcessHandle.current().pid() + "-" + System.nanoTime();
    try {
      Files.createDirectories(inbox);
      writeAtomically(inbox.resolve(name + ".json"), JSON.writeValueAsString(inputs.stream().map(Path::toString).toList()));
    } catch (IOException e) {
      return open + ", but " + inbox + " cannot be written (" + e.getMessage() + "); add the videos in its window";
    }
    Path reply = inbox.resolve(name + ".reply");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_MILLIS);
    while (System.nanoTime() < deadline) {
      try {
        String answer = Files.readString(reply, StandardCharsets.UTF_8).strip();
        Files.deleteIfExists(reply);
        return answer.isEmpty() ? open : answer.startsWith(REFUSED) ? answer : open + ": " + answer;
      } catch (NoSuchFileException e) {
        sleep();
      } catch (IOException e) {
        break;
      }
    }
    return unanswered(folder, inputs, inbox.resolve(name + ".json"));
  }

  /**
   * The line of a launch whose hand-off ({@code handedOff}) got no answer in time. Where the lock
   * names another machine (a home shared over NFS), the hand-off is taken back, if that window has
   * not read it yet (then it is {@code NAME.taken}, being queued), as that machine may not reach these
   * paths: a refusal that says so.
   */
  static String unanswered(Path folder, List<Path> inputs, Path handedOff) {
    String open = "FrameFork is already open";
    String elsewhere = holderElsewhere(folder);
    if (!elsewhere.isEmpty()) {
      return withdrawn(handedOff)
          ? REFUSED + "FrameFork is open on " + folder + " and has not answered" + elsewhere
              + "; nothing was handed over: use another --data-dir"
          : open + ": it has taken " + (inputs.isEmpty() ? "the hand-off" : "the " + videos(inputs.size()))
              + " but not answered" + elsewhere;
    }
    return inputs.isEmpty() ? open
        : open + ": it has not answered yet; the " + videos(inputs.size()) + (inputs.size() == 1 ? " joins" : " join")
            + " its queue when it does";
  }

  /** Whether the hand-off file was still there to delete: the window had not read it (it renames it as it does). */
  private static boolean withdrawn(Path handedOff) {
    try {
      return Files.deleteIfExists(handedOff);
    } catch (IOException e) {
      return false;
    }
  }

  /** "1 video", "2 videos", "no videos". */
  public static String videos(int n) {
    return (n == 0 ? "no" : Integer.toString(n)) + (n == 1 ? " video" : " videos");
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for FrameFork's window to answer", e);
    }
  }

  public Path folder() {
    return folder;
  }

  /**
   * Stops taking hand-offs and lets the folder go: another window may open it now. A hand-off being
   * queued is let finish and answered (for up to {@link #FINISH_MILLIS}), never cut off: an interrupt
   * there left the launch without an answer, promising that its videos would be queued.
   */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdown(); // no further polls; the one running ends on its own
      try {
        if (!watcher.awaitTermination(FINISH_MILLIS, TimeUnit.MILLISECONDS)) {
          AppLog.warn("a hand-off was still being queued as " + folder + " was let go");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (HELD) {
      if (channel != null && channel.isOpen()) {
        try {
          channel.truncate(0); // no longer held by this process: a later launch's wait is not blamed on it
        } catch (IOException e) {
          // the next window writes its own line
        }
        closeQuietly(channel); // releases the lock
        HELD.remove(folder);
        HELD.notifyAll();
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // the OS releases the lock with the process
      }
    }
  }
}
