package org.framefork.encoder.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.io.FileTrees;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM while a coordinator joins the cluster: they end the command at once, with 130
 * or 143. The encode command lets them cancel a running job, and a join is none: without this they
 * would wait for Ignite's blocking join to give up (up to {@link ClusterEngine#JOIN_TIMEOUT_MS}).
 * Each signal first goes to the handler that was there (which records it), and those handlers come
 * back when the join ends.
 */
final class JoinSignals implements AutoCloseable {
  private final List<Runnable> restore = new ArrayList<>();

  private JoinSignals() {}

  /** Until {@link #close}, a signal removes {@code work} (the joining node's folder) and exits. */
  static JoinSignals exitOnSignal(Path work) {
    JoinSignals s = new JoinSignals();
    s.exitOn("INT", work);
    s.exitOn("TERM", work);
    return s;
  }

  private void exitOn(String name, Path work) {
    try {
      Signal signal = new Signal(name);
      SignalHandler[] before = new SignalHandler[1];
      before[0] = Signal.handle(signal, s -> {
        System.err.println("framefork: " + (s.getNumber() == 2 ? "interrupted" : "terminated") + " while joining the cluster");
        FileTrees.deleteBestEffort(work);
        try {
          before[0].handle(s); // the command's guard records it (the JVM's own handler exits here)
        } catch (RuntimeException notAJavaHandler) {
          // SIG_DFL or SIG_IGN: exiting below is what the default would do
        }
        Runtime.getRuntime().exit(128 + s.getNumber());
      });
      restore.add(() -> Signal.handle(signal, before[0]));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // no such signal here, or the JVM keeps it (-Xrs): the join ends on its own timeout
    }
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}
