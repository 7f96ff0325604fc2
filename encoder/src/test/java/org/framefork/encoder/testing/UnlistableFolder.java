package org.framefork.encoder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A folder without permissions ({@code chmod 000}), for the tests of what a command says about a
 * folder it cannot list, and how to run that command so that the folder refuses it. Every process
 * but root's is refused its names: such a test runs the command in this JVM. Root's capabilities
 * (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) pass over permissions, so for root the command runs in a
 * child started by util-linux's {@code setpriv} without them, as root on any Linux (a container's
 * included) can; where none can be started, the test fails saying so, rather than pass having
 * checked nothing.
 *
 * @param path the folder
 * @param prefix what a command line is started under so that the folder refuses it: nothing where
 *     it refuses this process, else {@code setpriv}'s
 */
public record UnlistableFolder(Path path, List<String> prefix) {
  /** A child without the capabilities that let root read any folder, and unable to regain them. */
  static final List<String> WITHOUT_DAC_CAPABILITIES =
      List.of("setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--");

  /** {@code dir/locked}, without permissions; fails where no process at hand would be refused its names. */
  public static UnlistableFolder in(Path dir) throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, Set.of());
    if (!listable(locked)) {
      return new UnlistableFolder(locked, List.of());
    }
    // Root, or a process with its capabilities: a child without them must be refused, and must run.
    String ordinary = lsWithoutDacCapabilities(dir);
    String refused = lsWithoutDacCapabilities(locked);
    if (ordinary.isEmpty() && refused.contains("Permission denied")) {
      return new UnlistableFolder(locked, WITHOUT_DAC_CAPABILITIES);
    }
    String why = !ordinary.isEmpty() ? "does not run (" + ordinary + "): it needs util-linux's setpriv"
        : refused.isEmpty() ? "still lists it" + (Capabilities.effective(Capabilities.SETPCAP).orElse(true) ? ""
            : ": setpriv keeps the capabilities it cannot drop, and dropping them needs CAP_SETPCAP, which this process lacks")
        : "fails otherwise (" + refused + ")";
    throw new AssertionError("no process here is refused a folder's names: a folder without permissions does not refuse"
        + " this one (uid " + Capabilities.uid() + ", with CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH), and a child started by "
        + String.join(" ", WITHOUT_DAC_CAPABILITIES) + " " + why + "; run the tests as a user other than root, or as root"
        + " with CAP_SETPCAP");
  }

  /** Whether a command must run in a child, under {@link #prefix}, for the folder to refuse it. */
  public boolean inChild() {
    return !prefix.isEmpty();
  }

  /** Runs {@code mainClass} with {@code args} in a JVM under {@link #prefix} to its end (within 2 minutes). */
  public ChildProcess runJava(String mainClass, List<String> args) throws IOException, InterruptedException {
    return ChildProcess.run(ChildProcess.java(prefix, mainClass, args), Duration.ofMinutes(2));
  }

  /** Gives the folder its permissions back, so that it can be deleted by any user. */
  public void unlock() throws IOException {
    Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  /** "" when {@code ls FOLDER} run without the DAC capabilities lists it, else what went wrong. */
  private static String lsWithoutDacCapabilities(Path folder) {
    List<String> cmd = new ArrayList<>(WITHOUT_DAC_CAPABILITIES);
    cmd.addAll(List.of("ls", "-a", folder.toString()));
    try {
      ChildProcess p = ChildProcess.run(cmd, Duration.ofSeconds(30));
      return p.exitCode() == 0 ? "" : "exit " + p.exitCode() + ": " + p.stderr().strip();
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Whether this process can read {@code folder}'s names: some refuse as they open, some as their names are read. */
  private static boolean listable(Path folder) {
    try (var s = Files.list(folder)) {
      s.count();
      return true;
    } catch (AccessDeniedException | UncheckedIOException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
