package org.framefork.encoder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process run to completion within a time limit. Its stdout and stderr are read on their
 * own threads while it runs, so a child that fills one pipe while we wait on the other cannot
 * deadlock; a child that overruns its limit is killed, with its descendants.
 */
public record ChildProcess(List<String> command, int exitCode, byte[] stdout, String stderr) {

  public static ChildProcess run(List<String> command, Duration limit) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close(); // nothing to say to it: a child that reads stdin sees its end
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(String.join(" ", command) + ": still running after " + limit.toSeconds() + " s; killed");
      }
      // The pipes close when the child exits; a grandchild that kept them open is not waited for long.
      return new ChildProcess(command, p.exitValue(), out.get(10, TimeUnit.SECONDS),
          new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(String.join(" ", command) + ": cannot read its output", e);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  /**
   * The command line that starts {@code mainClass} with {@code args} in a JVM of this one's java and
   * class path, under {@code prefix} (a command that runs the rest: setpriv, unshare; or nothing).
   */
  public static List<String> java(List<String> prefix, String mainClass, List<String> args) {
    List<String> cmd = new java.util.ArrayList<>(prefix);
    cmd.addAll(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
        "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+IgnoreUnrecognizedVMOptions",
        "-XX:TieredStopAtLevel=1", "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
        mainClass));
    cmd.addAll(args);
    return cmd;
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (stream) {
        bytes.complete(stream.readAllBytes());
      } catch (IOException e) {
        bytes.completeExceptionally(new UncheckedIOException(e));
      }
    });
    return bytes;
  }

  /** Throws, with the child's stderr, unless it exited 0. */
  public ChildProcess requireSuccess() throws IOException {
    if (exitCode != 0) {
      throw new IOException(String.join(" ", command) + ": exit " + exitCode + ": " + stderr);
    }
    return this;
  }

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
