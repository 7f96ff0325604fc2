package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HOME=/x ./framefork gui} keeps the app's data under /x: Java takes user.home from the
 * password database, so the launcher gives the app {@code -Duser.home=$HOME} where $HOME is another
 * folder, and nothing where it is the account's own. On a copy of the launcher in a checkout of its
 * own, whose desktop app is a jar, already built, that prints its user.home.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LauncherHomeTest {
  @TempDir Path dir;

  @Test
  void theAppsUserHomeIsHome() throws Exception {
    Path checkout = checkout();
    Path other = Files.createDirectories(dir.resolve("other home"));
    String account = System.getProperty("user.home");
    assertEquals(other.toString(), gui(checkout, Map.of("HOME", other.toString())), "HOME set to another folder");
    assertEquals(account, gui(checkout, Map.of("HOME", account)), "HOME the account's own");
    assertEquals("/elsewhere", gui(checkout, Map.of("HOME", other.toString(), "FRAMEFORK_JAVA_OPTS", "-Duser.home=/elsewhere")),
        "the user's own option comes after");
  }

  /**
   * A $HOME that is no folder, or one this user does not own (root run with a user's $HOME kept, as
   * sudo -E does), is not the app's user.home: root's files would be left in that user's home.
   */
  @Test
  void aHomeNotOwnedIsNotTheAppsUserHome() throws Exception {
    Path checkout = checkout();
    String account = System.getProperty("user.home");
    assertEquals(account, gui(checkout, Map.of("HOME", dir.resolve("no such folder").toString())), "no folder there");
    org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder away");
    Path someoneElses = Files.createDirectories(dir.resolve("someone else's home"));
    Files.setOwner(someoneElses, someoneElses.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    assertEquals(account, gui(checkout, Map.of("HOME", someoneElses.toString())), "another user's home");
  }

  /** A checkout with the launcher and a built desktop app that prints user.home. */
  private Path checkout() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout"));
    Files.copy(BenchMain.checkoutRoot().resolve("framefork"), checkout.resolve("framefork"));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(checkout.resolve("encoder/src/main/java"));
    Files.writeString(checkout.resolve("encoder/pom.xml"), "<project/>\n");
    Files.writeString(Files.createDirectories(checkout.resolve("desktop-app")).resolve("pom.xml"), "<project/>\n");
    Path target = Files.createDirectories(checkout.resolve("desktop-app/target/lib"));
    LauncherBuildTest.mainJar(dir, "Home",
        "public class Home { public static void main(String[] a) { System.out.println(System.getProperty(\"user.home\")); } }\n",
        target.getParent().resolve("framefork-desktop-app-0.1.0-SNAPSHOT.jar"));
    Path marker = target.getParent().resolve("framefork-built");
    Files.writeString(marker, "");
    marker.toFile().setLastModified(System.currentTimeMillis() + 60_000); // after every source: nothing to build
    return checkout;
  }

  /** What {@code ./framefork gui} prints, run with {@code env}. */
  private String gui(Path checkout, Map<String, String> env) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(checkout.resolve("framefork").toString(), "gui").directory(checkout.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("FRAMEFORK_JAVA_OPTS");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertEquals(true, p.waitFor(40, TimeUnit.SECONDS), "the launcher ended");
    assertEquals(0, p.exitValue(), Files.readString(err));
    return Files.readString(out).strip();
  }
}
