package org.framefork.encoder.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The node's class archive (AppCDS), written while the node stops rather than as its JVM exits.
 * The launcher gives a node the archive of its build when there is one; when there is none it runs
 * the node with {@code -XX:+RecordDynamicDumpInfo} and names the file in {@value #PROPERTY}. The
 * JVM's own way, {@code -XX:+AutoCreateSharedArchive}, writes the archive after the last shutdown
 * hook, so a node said "stopped" and its JVM went on for 2.4 s (a quiet machine) to 10-30 s (two
 * nodes on a loaded one): the stop now writes it before it says so, and the JVM then exits at once.
 */
final class ClassArchive {
  /** The system property that names the archive to write (set by the launcher). */
  static final String PROPERTY = "framefork.cds.dump";

  private ClassArchive() {}

  /**
   * Writes the archive {@link #PROPERTY} names, when it names one that is not there yet: to a
   * file of this process's own, then moved into place, so that two nodes stopping together do not
   * write one file. Null when written or not asked for, else why not (the node stops all the same).
   */
  static String writeIfAsked() {
    String target = System.getProperty(PROPERTY);
    if (target == null || target.isBlank() || Files.exists(Path.of(target))) {
      return null;
    }
    Path to = Path.of(target);
    Path own = to.resolveSibling(to.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    if (!firstWriter(to.resolveSibling(to.getFileName() + ".writing"))) {
      return null; // another node of this build writes it (two stopped together: one archive is enough)
    }
    try {
      Object said = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
          "vmCds", new Object[] {new String[] {"dynamic_dump", own.toString()}}, new String[] {String[].class.getName()});
      if (!Files.exists(own)) {
        return "no class archive was written (" + String.valueOf(said).strip() + ")";
      }
      Files.move(own, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return null;
    } catch (JMException | IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(own);
      } catch (IOException ignored) {
        // best effort: the launcher removes other builds' archives, not this
      }
      return "no class archive was written (" + e.getMessage() + ")";
    }
  }

  /**
   * Whether this node is the one to write the archive: it made {@code mark}, or found one left over
   * 10 minutes ago (by a node killed as it wrote). The mark stays: the archive is there after it.
   */
  private static boolean firstWriter(Path mark) {
    try {
      Files.createFile(mark);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      try {
        return Files.getLastModifiedTime(mark).toMillis() < System.currentTimeMillis() - 600_000;
      } catch (IOException gone) {
        return false;
      }
    } catch (IOException | RuntimeException e) {
      return true; // no mark can be made: write it all the same
    }
  }
}
