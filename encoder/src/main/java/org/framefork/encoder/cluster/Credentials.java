package org.framefork.encoder.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.io.FileTrees;

/**
 * A cluster's credentials in one folder: a key store with the node key and its certificate (signed
 * by the cluster's own CA), a trust store with the CA's certificate, and the stores' password in a
 * file only its owner can read. Every machine of a cluster gets a copy of the folder; a peer whose
 * certificate another CA signed is refused in the TLS handshake, before it can send anything.
 *
 * <p>Keys are EC P-256, made by the JDK's {@code keytool}. The CA's private key is used once, to
 * sign the node certificate, and not kept: new credentials mean a new {@code --init} and a new copy
 * on every machine.
 */
public record Credentials(Path dir, Path keyStore, Path trustStore, char[] password) {
  static final String KEY_STORE = "node.p12";
  static final String TRUST_STORE = "trust.p12";
  static final String PASSWORD = "password";
  /** The distinguished name of every cluster CA that {@code --init} makes. */
  static final String CA_NAME = "CN=FrameFork cluster CA";
  static final int VALIDITY_DAYS = 3650;

  /** Reads the credentials in {@code dir}; IllegalArgumentException with one line that says what is wrong. */
  public static Credentials load(Path dir) {
    Path key = dir.resolve(KEY_STORE);
    Path trust = dir.resolve(TRUST_STORE);
    Path pw = dir.resolve(PASSWORD);
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException("--credentials " + dir + ": no such folder; make it with 'framefork node --init "
          + dir + "' and copy it to every machine");
    }
    if (!Files.isDirectory(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      boolean oneOfItsFiles = List.of(KEY_STORE, TRUST_STORE, PASSWORD).contains(String.valueOf(dir.getFileName()));
      throw new IllegalArgumentException("--credentials " + dir + ": is not a folder; " + (oneOfItsFiles && parent != null
          ? "give the folder it is in, " + parent : "give the folder 'framefork node --init FOLDER' made"));
    }
    for (Path p : List.of(key, trust, pw)) {
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("--credentials " + dir + ": no " + p.getFileName()
            + " there; make the folder with 'framefork node --init " + dir + "' and copy it to every machine");
      }
    }
    try {
      if (readableByOthers(pw)) {
        throw new IllegalArgumentException("--credentials " + dir + ": " + pw.getFileName()
            + " is readable by other users; run 'chmod 600 " + pw + "'");
      }
      String text = Files.readString(pw, StandardCharsets.UTF_8).strip();
      Credentials c = new Credentials(dir, key, trust, text.toCharArray());
      c.checkStoresOpen();
      return c;
    } catch (IOException e) {
      throw new IllegalArgumentException("--credentials " + dir + ": cannot read " + pw + " (" + e.getMessage() + ")");
    }
  }

  /**
   * Opens both stores with the password, as TLS will: a password file from other credentials (or a
   * damaged store) is said here in one line, not as the JCE's BadPaddingException at the first handshake.
   */
  private void checkStoresOpen() {
    for (Path store : List.of(keyStore, trustStore)) {
      try (var in = Files.newInputStream(store)) {
        java.security.KeyStore.getInstance("PKCS12").load(in, password.clone());
      } catch (IOException | java.security.GeneralSecurityException e) {
        throw new IllegalArgumentException("--credentials " + dir + ": " + PASSWORD + " does not open " + store.getFileName()
            + ": copy the whole folder again from the machine that made it (or make new credentials with --init)");
      }
    }
  }

  /**
   * Whether group or others may read {@code p}; false where the file system has no POSIX
   * permissions. Asked of the file itself: looking up its file store first fails where the mount
   * table does not show the path (a chroot, some containers).
   */
  private static boolean readableByOthers(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Makes new credentials in {@code dir} (created owner-only; it must not hold credentials yet).
   *
   * @return the credentials made
   */
  public static Credentials init(Path dir) {
    try {
      if (Files.exists(dir.resolve(KEY_STORE)) || Files.exists(dir.resolve(TRUST_STORE)) || Files.exists(dir.resolve(PASSWORD))) {
        throw new IllegalArgumentException("--init " + dir + ": already holds credentials; give an empty or new folder");
      }
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
          Files.createDirectories(dir);
        }
      }
      Path pw = writePassword(dir.resolve(PASSWORD));
      Path work = Files.createTempDirectory(dir, ".init-");
      try {
        makeStores(work, dir.resolve(KEY_STORE), dir.resolve(TRUST_STORE), pw);
      } finally {
        FileTrees.deleteBestEffort(work);
      }
      return load(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("--init " + dir + ": already holds credentials; give an empty or new folder");
    } catch (IOException e) {
      throw new UncheckedIOException("--init " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A new random password in an owner-only file; keytool reads it from there, never from its command line. */
  private static Path writePassword(Path pw) throws IOException {
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    try {
      Files.createFile(pw, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(pw);
    }
    Files.writeString(pw, Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n", StandardCharsets.UTF_8);
    return pw;
  }

  /**
   * The CA (in {@code work}, not kept), the node key signed by it (with the chain) in {@code key},
   * and the CA's certificate in {@code trust}: four rounds of keytool, the independent runs at once.
   */
  private static void makeStores(Path work, Path key, Path trust, Path pw) throws IOException {
    Path ca = work.resolve("ca.p12");
    Path caPem = work.resolve("ca.pem");
    Path csr = work.resolve("node.csr");
    Path nodePem = work.resolve("node.pem");
    Path chainPem = work.resolve("chain.pem");
    String pass = pw.toString();
    String days = Integer.toString(VALIDITY_DAYS);
    parallel(
        List.of("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
            "-dname", CA_NAME, "-ext", "bc:c", "-validity", days,
            "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass:file", pass),
        List.of("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
            "-dname", "CN=FrameFork node", "-validity", days,
            "-keystore", key.toString(), "-storetype", "PKCS12", "-storepass:file", pass));
    parallel(
        List.of("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass:file", pass, "-file", caPem.toString()),
        List.of("-certreq", "-alias", "node", "-keystore", key.toString(), "-storepass:file", pass, "-file", csr.toString()));
    parallel(
        List.of("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", trust.toString(),
            "-storetype", "PKCS12", "-storepass:file", pass),
        List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass:file", pass, "-infile", csr.toString(),
            "-outfile", nodePem.toString(), "-validity", days, "-ext", "ku:c=digitalSignature",
            "-ext", "eku=serverAuth,clientAuth"));
    // The node's certificate with the CA's after it: the chain the node presents.
    Files.writeString(chainPem, Files.readString(nodePem) + Files.readString(caPem));
    keytool("-importcert", "-noprompt", "-trustcacerts", "-alias", "node", "-file", chainPem.toString(), "-keystore",
        key.toString(), "-storepass:file", pass);
    for (Path p : List.of(key, trust)) {
      try {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own permissions guard it
      }
    }
  }

  /** Runs keytool once for each argument list, all at the same time. */
  @SafeVarargs
  private static void parallel(List<String>... runs) throws IOException {
    List<java.util.concurrent.CompletableFuture<Void>> all = new ArrayList<>();
    for (List<String> args : runs) {
      all.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          keytool(args.toArray(String[]::new));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
    }
    try {
      java.util.concurrent.CompletableFuture.allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e;
    }
  }

  private static void keytool(String... args) throws IOException {
    Path exe = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    // A short-lived tool: the quickest JVM start.
    cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-Xshare:auto"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (p.exitValue() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + output.strip());
    }
  }
}
