package org.framefork.app;

import java.lang.System.Logger.Level;

/** The app's log: one line per event on stderr through System.Logger (java.util.logging by default). */
public final class AppLog {
  private static final System.Logger LOG = System.getLogger("org.framefork.app");

  private AppLog() {}

  public static void info(String message) {
    LOG.log(Level.INFO, message);
  }

  public static void warn(String message) {
    LOG.log(Level.WARNING, message);
  }

  public static void warn(String message, Throwable t) {
    LOG.log(Level.WARNING, message, t);
  }
}
