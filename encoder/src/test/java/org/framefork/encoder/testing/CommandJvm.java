package org.framefork.encoder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.cluster.ClusterEngine;

/**
 * A FrameFork command ({@code node}, {@code encode}) in a JVM of its own, as the cluster tests start
 * nodes and coordinators: the JVM's own java, the cluster's JVM options, its output in a log file.
 * Every wait is bounded; {@link #stopAll} ends what a test started.
 */
public final class CommandJvm {
  private CommandJvm() {}

  /** Starts {@code framefork ARGS} on this JVM's class path; stdout and stderr go to {@code log}. */
  public static Process start(Path log, List<String> jvm, List<String> args) throws IOException {
    return start(log, jvm, System.getProperty("java.class.path"), args);
  }

  /** Starts {@code framefork ARGS} on {@code classPath}; stdout and stderr go to {@code log}. */
  public static Process start(Path log, List<String> jvm, String classPath, List<String> args) throws IOException {
    return start(log, null, jvm, classPath, args);
  }

  /**
   * As above, in the working folder {@code dir} (null: this JVM's), where a relative path of {@code
   * args} is found as a user's shell would find it.
   */
  public static Process start(Path log, Path dir, List<String> jvm, String classPath, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
        "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1"));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(ClusterEngine.jvmOptions());
    cmd.addAll(jvm);
    cmd.addAll(List.of("-cp", classPath, "org.framefork.encoder.cli.Main"));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).directory(dir == null ? null : dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  /** Waits until {@code log} holds {@code text}; fails with the log when {@code p} exits first or time runs out. */
  public static void awaitLine(Path log, String text, Process p, long seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String s = Files.exists(log) ? Files.readString(log) : "";
      if (s.contains(text)) {
        return;
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(log.getFileName() + ": no '" + text + "' (" + (p.isAlive() ? "timed out" : "exited " + p.exitValue())
            + "):\n" + s);
      }
      Thread.sleep(100);
    }
  }

  /** SIGTERM to each (a node hands its chunks back and leaves), then SIGKILL to any still running after 20 s. */
  public static void stopAll(List<Process> all) throws InterruptedException {
    for (Process p : all) {
      p.destroy();
    }
    for (Process p : all) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
