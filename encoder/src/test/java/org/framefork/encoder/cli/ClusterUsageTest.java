package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The cluster's options are checked with the others: one line, exit 2, nothing started or written. */
class ClusterUsageTest extends RefusedCommandLineTest {
  @Test
  void clusterOptionsAreChecked() throws IOException {
    assertTrue(refused("encode", clip.toString(), "--credentials", dir.toString()).contains("--credentials is for --cluster"));
    assertTrue(refused("encode", clip.toString(), "--cluster", "127.0.0.1:1").contains("--cluster needs --credentials"));
    assertTrue(refused("encode", clip.toString(), "--workers", "0").contains("--workers 0"));
    assertTrue(refused("encode", clip.toString(), "--cluster", "127.0.0.1:1", "--credentials", dir.toString())
        .contains("no node.p12 there"));
    Path creds = Files.createDirectory(dir.resolve("creds"));
    for (String f : new String[] {"node.p12", "trust.p12", "password"}) {
      Files.writeString(creds.resolve(f), "x");
    }
    Files.setPosixFilePermissions(creds.resolve("password"), PosixFilePermissions.fromString("rw-r--r--"));
    assertTrue(refused("encode", clip.toString(), "--cluster", "127.0.0.1:1", "--credentials", creds.toString())
        .contains("readable by other users"));
    Files.setPosixFilePermissions(creds.resolve("password"), PosixFilePermissions.fromString("rw-------"));
    assertTrue(refused("encode", clip.toString(), "--cluster", "127.0.0.1:1", "--credentials", creds.toString(), "--mode", "sequential")
        .contains("drop --mode"));
    assertTrue(refused("encode", clip.toString(), "--cluster", "127.0.0.1:x", "--credentials", creds.toString())
        .contains("the port must be a number"));
    assertTrue(refused("node", "--listen", "127.0.0.1:1").contains("node needs --credentials"));
    assertTrue(refused("node", "--credentials", creds.toString(), "--shared-dir", dir.resolve("nowhere").toString())
        .contains("--shared-dir " + dir.resolve("nowhere") + ": no such folder"));
    // The same bound as encode's --workers.
    assertTrue(refused("node", "--credentials", creds.toString(), "--workers", "1025").contains("--workers 1025: give 1 to 1024"));
    assertTrue(refused("node", "--credentials", creds.toString(), "--workers", "0").contains("--workers 0: give 1 to 1024"));
  }

  @Test
  void nodeHelpListsItsOwnExitCodes() {
    CliRun help = CliRun.of("node", "--help");
    assertEquals(0, help.code(), help::toString);
    assertTrue(help.out().contains("--listen") && help.out().contains("handed back"), help::toString);
  }
}
