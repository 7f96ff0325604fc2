package org.framefork.app.script;

import java.util.List;

/**
 * What a scripted run writes with {@code --report}: the UI thread's latency while the job ran, the
 * watchdog's reports, and the job's own figures.
 *
 * @param output the file the job wrote; null when it did not finish (nothing was written)
 * @param message why the run did not finish; null when it did
 * @param uiWallSeconds from Start to the job's end reaching the UI thread
 * @param jobWallSeconds the engine's own wall time (probe to verify), 0 when the job failed
 * @param cluster the cluster's addresses when the job ran on one, else null
 * @param nodes a cluster job's machines as its report gives them (chunks, busy and idle time); empty otherwise
 */
public record ScriptedRunReport(
    String date,
    Machine machine,
    String input,
    String output,
    String mode,
    int workers,
    String codec,
    String preset,
    boolean onUiThread,
    String status,
    String message,
    long frames,
    double jobWallSeconds,
    double uiWallSeconds,
    double fps,
    double speedup,
    long outputBytes,
    Heartbeat heartbeat,
    Watchdog watchdog,
    Cpu cpu,
    StrictModeFigures strictMode,
    String cluster,
    List<org.framefork.encoder.report.NodeTiming> nodes) {

  public record Machine(String os, String arch, int cores, String java) {}

  /**
   * Heartbeats posted every {@code periodMs} while the job ran; {@code worst}: the latest ones, with
   * when they were posted (seconds after the job started), to tell a start-up hiccup from a pattern.
   */
  public record Heartbeat(double periodMs, int samples, double p50Ms, double p99Ms, double maxMs, int skippedFrames,
      List<org.framefork.app.health.HeartbeatMonitor.Late> worst) {}

  public record Watchdog(long thresholdMs, int events, List<Block> blocks) {}

  public record Block(String detectedAt, long blockedMs, List<String> stack) {}

  /**
   * StrictMode over the whole run, start-up included: {@code penalty} "off" when it did not run;
   * one violation per place in the code, {@code repeats} the further events at those places.
   */
  public record StrictModeFigures(String penalty, int violations, int repeats, List<Violation> list) {}

  public record Violation(String summary, List<String> stack) {}

  /**
   * Process CPU use in cores, sampled twice a second while the job ran, and the CPU time the UI
   * thread itself used meanwhile (its own work, as opposed to time spent waiting for a core).
   */
  public record Cpu(int cores, double meanCores, double peakCores, int samples, double uiThreadCpuSeconds) {}
}
