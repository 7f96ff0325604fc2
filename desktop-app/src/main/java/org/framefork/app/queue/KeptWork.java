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

  /** The finished chunks in {@code dir}, else {@link #PLAN} or {@link #NOTHING}. */
  static int count(Path dir) {
    int finished = JobWorkspace.finishedChunks(dir);
    if (finished > 0) {
      return finished;
    }
    return JobWorkspace.hasPlan(dir) ? PLAN : NOTHING;
  }

  /**
   * Counts what the stopped {@code entry} keeps, off the UI thread, then stores it on the entry and
   * runs {@code then} on the UI thread. Nothing happens for an entry that is not stopped.
   */
  public static void countFor(QueueEntry entry, Runnable then) {
    Path dir = entry.workFolder();
    if (dir == null) {
      return;
    }
    COUNTER.execute(() -> {
      int kept = count(dir);
      int probed = kept == NOTHING ? 0 : JobWorkspace.probedUnfinishedChunks(dir);
      EventQueue.invokeLater(() -> {
        if (entry.kept(kept, probed)) {
          then.run();
        }
      });
    });
  }
}
