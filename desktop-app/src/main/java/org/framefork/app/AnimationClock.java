package org.framefork.app;

import java.util.ArrayList;
import java.util.List;
import javax.swing.Timer;

/**
 * One Swing timer for everything that moves (the busy dot, the heartbeat graph, the lanes). Their
 * repaints land in the same event, so Swing paints them in one pass per tick instead of one pass per
 * timer, which keeps the UI thread's own work (and the X server's) small. EDT only.
 */
public final class AnimationClock {
  /** Ticks per second: enough to look continuous and to see a stall at once. */
  public static final int HZ = 30;

  private static final List<Listener> LISTENERS = new ArrayList<>();
  private static final Timer TIMER = new Timer(1000 / HZ, e -> tick());
  private static long ticks;

  /** Called on every tick with the tick's number. */
  public interface Listener {
    void tick(long tick);
  }

  private AnimationClock() {}

  public static void add(Listener l) {
    LISTENERS.add(l);
    if (!TIMER.isRunning()) {
      TIMER.start();
    }
  }

  public static void remove(Listener l) {
    LISTENERS.remove(l);
    if (LISTENERS.isEmpty()) {
      TIMER.stop(); // nothing on screen moves: no timer keeps the EDT awake
    }
  }

  private static void tick() {
    ticks++;
    for (Listener l : List.copyOf(LISTENERS)) {
      l.tick(ticks);
    }
  }
}
