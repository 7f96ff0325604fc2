package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.framefork.encoder.cluster.Credentials;
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
    // A folder that is not there is said so, with the same advice (it said "no node.p12 there").
    Path nope = dir.resolve("x").resolve("nope");
    assertEquals("framefork: --credentials " + nope + ": no such folder; make it with 'framefork node --init " + nope
        + "' and copy it to every machine", refused("encode", clip.toString(), "--cluster", "127.0.0.1:1", "--credentials",
        nope.toString()));
    Path creds = Files.createDirectory(dir.resolve("creds"));
    for (String f : new String[] {"node.p12", "trust.p12", "password"}) {
      Files.writeString(creds.resolve(f), "x");
    }
    // A file is not a folder (it said "no node.p12 there; make the folder with 'framefork node --init FILE'", which fails).
    Path file = Files.writeString(dir.resolve("creds.txt"), "x");
    assertEquals("framefork: --credentials " + file + ": is not a folder; give the folder 'framefork node --init FOLDER' made",
        refused("encode", clip.toString(), "--cluster", "127.0.0.1:1", "--credentials", file.toString()));
    Path key = creds.resolve("node.p12");
    assertEquals("framefork: --credentials " + key + ": is not a folder; give the folder it is in, " + creds,
        refused("node", "--listen", "127.0.0.1:1", "--credentials", key.toString()));
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
  void anImageSequenceWithTheClusterIsRefusedBeforeAnyJoin() throws IOException {
    Path creds = dir.resolve("sequence-creds");
    Credentials.init(creds);
    Path pictures = Files.createDirectories(dir.resolve("pictures"));
    org.framefork.encoder.testing.DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=0.3",
        pictures.resolve("f%03d.png").toString());
    // Port 1 on loopback: nothing listens there, and the refusal comes before any attempt to join.
    assertEquals("framefork: " + pictures + ": an image sequence does not run on a cluster yet; encode it without --cluster",
        refused("encode", pictures.toString(), "--cluster", "127.0.0.1:1", "--credentials", creds.toString()));
  }

  @Test
  void targetQualityWithTheClusterIsRefusedInTheCommandLinesWords() throws IOException {
    Path creds = dir.resolve("target-creds");
    Credentials.init(creds);
    // It said the app's words ("encode locally, or turn target quality off"); the engine still refuses such a job
    // (ClusterOptions.job) in those, for the app.
    assertEquals("framefork: --target-quality does not run on a cluster yet; drop --cluster to encode here, or drop "
        + "--target-quality", refused("encode", clip.toString(),
        "--target-quality", "ssim=0.97", "--cluster", "127.0.0.1:1", "--credentials", creds.toString()));
  }

  @Test
  void aPasswordFileThatDoesNotOpenTheStoresIsSaidInOneLine() throws IOException {
    Path creds = dir.resolve("made");
    Credentials.init(creds);
    Files.writeString(creds.resolve("password"), "another cluster's password\n");
    String expected = "--credentials " + creds + ": password does not open node.p12: copy the whole folder again from the "
        + "machine that made it (or make new credentials with --init)";
    assertEquals("framefork: " + expected, refused("encode", clip.toString(), "--cluster", "127.0.0.1:1", "--credentials",
        creds.toString()));
    assertEquals("framefork: " + expected, refused("node", "--listen", "127.0.0.1:1", "--credentials", creds.toString()));
  }

  @Test
  void aNodePortThatAnotherProcessHoldsIsNamed() throws IOException {
    Path creds = dir.resolve("made");
    Credentials.init(creds);
    // Two free ports in a row; another process takes the second: the discovery port of a node that
    // listens there, the chunk port (P+1) of one that listens on the first.
    int free = org.framefork.encoder.cluster.HostPort.freeLoopbackPair();
    try (ServerSocket other = new ServerSocket(free + 1, 1, InetAddress.getLoopbackAddress())) {
      int p = other.getLocalPort();
      for (int listen : new int[] {p, free}) {
        assertEquals("framefork: port " + p + " on 127.0.0.1 is in use: stop the node there or give another --listen "
            + "(a node uses PORT and PORT+1)", refused("node", "--listen", "127.0.0.1:" + listen, "--credentials", creds.toString()));
      }
    }
  }

  @Test
  void aListenAddressThatIsNotThisMachinesIsNotCalledAPortInUse() throws IOException {
    Path creds = dir.resolve("made");
    Credentials.init(creds);
    // An address for documentation (RFC 5737) that this machine does not have: binding there fails with
    // "Cannot assign requested address", a BindException as a port in use is.
    String away = notThisMachines("203.0.113.77", "198.51.100.77", "192.0.2.77");
    String said = refused("node", "--listen", away + ":48700", "--credentials", creds.toString());
    assertTrue(said.startsWith("framefork: --listen " + away + ":48700: " + away + " is not an address of this machine: give "
        + "one of its addresses ("), said);
    assertTrue(said.endsWith("), or 0.0.0.0 for all"), said);
    String unknown = refused("node", "--listen", "no-such-host.invalid:48700", "--credentials", creds.toString());
    assertTrue(unknown.startsWith("framefork: --listen no-such-host.invalid:48700: no-such-host.invalid does not resolve to an "
        + "address: give one of this machine's ("), unknown);
  }

  private static String notThisMachines(String... candidates) throws IOException {
    for (String a : candidates) {
      if (java.net.NetworkInterface.getByInetAddress(InetAddress.getByName(a)) == null) {
        return a;
      }
    }
    throw new AssertionError("this machine has every address of " + java.util.Arrays.toString(candidates));
  }

  @Test
  void nodeHelpListsItsOwnExitCodes() {
    CliRun help = CliRun.of("node", "--help");
    assertEquals(0, help.code(), help::toString);
    assertTrue(help.out().contains("--listen") && help.out().contains("handed back"), help::toString);
    // A node ends with 129 on SIGHUP (the JVM's default, after the shutdown hook that hands its chunks back).
    assertTrue(help.out().contains("\n  129  hung up (SIGHUP): running chunks were handed back"), help::toString);
    // Each code's text is indented, its second line too: picocli wrapped a long one to column 0.
    String codes = help.out().substring(help.out().indexOf("Exit codes:") + "Exit codes:".length()).replaceFirst("^\\R+", "")
        .stripTrailing();
    assertTrue(codes.lines().allMatch(l -> l.startsWith("  ")), codes);
  }

  @Test
  void theOtherClusterCommandsOptionIsNamed() {
    // It said only "Unknown option: '--join'".
    assertEquals("framefork: unknown option '--join' (encode takes --cluster HOST:PORT[,...]; --join is for 'framefork node'); "
        + "see 'framefork encode --help'", refused("encode", clip.toString(), "--join", "127.0.0.1:47500"));
    assertTrue(refused("node", "--cluster=127.0.0.1:47500").contains(
        " (node takes --join HOST:PORT[,...]; --cluster is for 'framefork encode'); see 'framefork node --help'"));
  }
}
