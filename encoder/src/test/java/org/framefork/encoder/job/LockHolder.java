package org.framefork.encoder.job;

import java.nio.file.Path;
import org.framefork.encoder.probe.InputException;

/**
 * A second process for {@link JobLockProcessesTest}: takes the job lock of the output {@code args[0]}
 * and says so ("taken", or "busy" with exit 3), then holds it until its stdin ends.
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
}
