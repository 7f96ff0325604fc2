package org.framefork.app.queue;

import java.awt.EventQueue;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.job.JobWorkspace;

/**
 * What a stopped job left in its work folder for Resume, as the command line says it after a
 * Ctrl-C: finished chunks, the plan only, or nothing (a cancel while it probed or planned), and the
 * target-quality probes of chunks that had not finished (which Resume reuses). Counted
 * off the UI thread: the folder may be on a slow disk.
 */
public final class KeptWork {
  /** Nothing kept: no finished chunk and no plan. */
  public static final int NOTHING = -1;
  /** The plan only: no chunk had finished. */
  public static final int PLAN = 0;

  /**
   * One thread counts for every entry, in turn, and ends when idle: a restored queue of many stopped
   * jobs started a thread per entry, all reading the same disk at once.
   */
  private static final ExecutorService COUNTER = new ThreadPoolExecutor(0, 1, 2, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> Thread.ofPlatform().daemon().name("framefork-count-kept").unstarted(r));

  private KeptWork() {}

  /**
   * What a stopped job's work folder keeps: {@code kept}, its finished chunks, else {@link #PLAN} or
   * {@link #NOTHING}; {@code probed}, the chunks whose target-quality probes it keeps and that had not
   * finished (none where nothing is kept).
   */
  record Counted(int kept, int probed) {}

  /**
   * What the work folder {@code dir} keeps, from one listing of its chunks (the engine's {@link
   * JobWorkspace#kept}): listed once for the finished chunks and again for the probed ones, a chunk
   * that finished in between was counted in neither, or in both.
   */
  static Counted count(Path dir) {
    JobWorkspace.Kept held = JobWorkspace.kept(dir);
    if (held.finished() > 0) {
      return new Counted(held.finished(), held.probed());
    }
    return JobWorkspace.hasPlan(dir) ? new Counted(PLAN, held.probed()) : new Counted(NOTHING, 0);
  }

  /**
   * Counts what the stopped {@code entry} keeps, off the UI thread, then stores it on the entry and
   * runs {@code then} on the UI thread. Nothing happens for an entry that is not stopped.
   */
  public static void countFor(QueueEntry entry, Runnable then) {
    countFor(entry, then, () -> {});
  }

  /**
   * As {@link #countFor(QueueEntry, Runnable)}, then runs {@code after} on the UI thread in every
   * case, counted or not: what must come once the entry's line about its kept work is in its log.
   */
  public static void countFor(QueueEntry entry, Runnable then, Runnable after) {
    countFor(entry, then, after, KeptWork::count);
  }

  /**
   * As {@link #countFor(QueueEntry, Runnable, Runnable)}, counting with {@code counter}. A count that
   * fails (a drive or share gone: the listing throws {@link java.io.UncheckedIOException}) stores
   * nothing, and {@code after} runs all the same: the queue goes on, or stops, as it would have.
   */
  static void countFor(QueueEntry entry, Runnable then, Runnable after, java.util.function.Function<Path, Counted> counter) {
    Path dir = entry.workFolder();
    if (dir == null) {
      after.run();
      return;
    }
    COUNTER.execute(() -> {
      Counted counted = null;
      try {
        counted = counter.apply(dir);
      } catch (RuntimeException e) {
        // Not counted: the row says nothing of what is kept, and the queue is not held up by it.
      } finally {
        Counted c = counted;
        EventQueue.invokeLater(() -> {
          try {
            if (c != null && entry.kept(c.kept(), c.probed())) {
              then.run();
            }
          } finally {
            after.run();
          }
        });
      }
    });
  }
}
