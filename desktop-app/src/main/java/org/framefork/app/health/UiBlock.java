package org.framefork.app.health;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One time the UI thread stopped answering for longer than the watchdog's threshold.
 *
 * @param blockedMillis how long it was blocked in all (known once it answered again)
 * @param stack the UI thread's stack when the watchdog caught it, innermost frame first
 */
public record UiBlock(Instant detectedAt, long blockedMillis, long thresholdMillis, String thread, StackTraceElement[] stack) {
  public String stackText() {
    return Arrays.stream(stack).map(e -> "\tat " + e).collect(Collectors.joining("\n"));
  }

  public String summary() {
    return String.format("The UI thread was blocked for %.1f s (watchdog threshold %.1f s)", blockedMillis / 1000.0,
        thresholdMillis / 1000.0);
  }
}
