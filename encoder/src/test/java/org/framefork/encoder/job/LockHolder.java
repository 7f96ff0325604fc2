package org.framefork.encoder.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.probe.InputException;

/**
 * A second process, as another FrameFork job would be: takes the job lock of the output {@code
 * args[0]} and says so ("taken", or "busy" with exit 3), then holds it until its stdin ends. For
 * {@link JobLockProcessesTest}, and for the app's tests of a job that another process runs
 * ({@link #hold}).
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (JobLock lock = JobLock.take(Path.of(args[0]))) {
      System.out.println("taken");
      System.out.flush();
      System.in.read(); // until the test closes our stdin
    } catch (InputException e) {
      System.out.println("busy");
      System.exit(3);
    }
  }

  /** Starts a second JVM that takes the job lock of {@code output}; its first line says whether it did. */
  static Process start(Path output) throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
        output.toString());
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** A second JVM that holds the job lock of an output, as a job writing it would; close lets go. */
  public static final class Held implements AutoCloseable {
    private final Process process;

    private Held(Process process) {
      this.process = process;
    }

    /**
     * Ends the process as SIGKILL ends a job: the OS drops the lock, and the lock file stays, unlocked.
     */
    public void kill() throws InterruptedException {
      process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws IOException, InterruptedException {
      try {
        process.getOutputStream().close();
        process.waitFor(30, TimeUnit.SECONDS);
      } finally {
        process.destroyForcibly();
      }
    }
  }

  /** A second JVM holding the job lock of {@code output}, once it holds it. */
  public static Held hold(Path output) throws IOException {
    Process p = start(output);
    BufferedReader said = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = said.readLine();
    if (!"taken".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the second process did not take the job lock of " + output + ": " + line);
    }
    return new Held(p);
  }
}
