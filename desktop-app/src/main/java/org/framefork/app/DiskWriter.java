package org.framefork.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A thread for one kind of the app's file writes (the queue, the presets), so that none happens on
 * the UI thread: writes run in the order given, and the thread ends when idle (it is not a daemon,
 * so a write under way finishes before the JVM exits).
 */
public final class DiskWriter {
  private final ExecutorService thread;

  public DiskWriter(String name) {
    thread = new ThreadPoolExecutor(0, 1, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> new Thread(r, name));
  }

  public void execute(Runnable write) {
    thread.execute(write);
  }

  /** Waits until every write given so far is done (a quit, a test); false after {@code millis}. */
  public boolean awaitIdle(long millis) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    thread.execute(() -> done.complete(null));
    try {
      done.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
