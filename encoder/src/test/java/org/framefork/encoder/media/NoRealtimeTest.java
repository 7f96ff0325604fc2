package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * NoRealtime's libc calls, checked against the kernel's own account of the thread's capabilities
 * (/proc/thread-self/status), wherever the tests run: RealtimeThreadsTest sees what they are for
 * only as root outside the launcher, which gives up CAP_SYS_NICE first. A lookup that failed was
 * silent (nothing dropped); here it fails the test on Linux with Java 22 and newer. The tests that
 * read /proc run there only: elsewhere (and on Java 21) there are no calls to check.
 */
class NoRealtimeTest {
  /** A test of the libc calls themselves, run where they are: Linux, Java 22 and newer. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @Test
  @EnabledOnOs(OS.LINUX)
  @EnabledForJreRange(minVersion = 22)
  @interface WhereTheCallsAre {}

  @Test
  void capgetAndCapsetAreFoundOnLinuxWithJava22AndNewer() {
    boolean linux = System.getProperty("os.name").equals("Linux");
    assertEquals(linux && Runtime.version().feature() >= 22, NoRealtime.available(),
        System.getProperty("os.name") + ", Java " + Runtime.version());
  }

  @WhereTheCallsAre
  void capgetReadsTheThreadsEffectiveSetAsTheKernelShowsIt() {
    assertEquals(OptionalLong.of(set("CapEff")), NoRealtime.effective());
  }

  @WhereTheCallsAre
  void aThreadGivesUpOneCapabilityForGoodAndKeepsTheOthers() throws Exception {
    // On a thread of its own: what it gives up is gone for good. CAP_SYS_NICE where it has it (root, not
    // under the launcher); else another it has (root under the launcher), so capset runs as root always.
    onThreadOfItsOwn(() -> {
      long before = set("CapEff");
      int cap = (before >>> NoRealtime.CAP_SYS_NICE & 1) == 1 || before == 0 ? NoRealtime.CAP_SYS_NICE
          : Long.numberOfTrailingZeros(before);
      boolean had = (before >>> cap & 1) == 1;
      assertEquals(had, NoRealtime.mayHave(cap));
      assertEquals(had, NoRealtime.drop(cap), "capability " + cap + " in " + Long.toHexString(before));
      assertEquals(before & ~(1L << cap), set("CapEff"), "only capability " + cap + " is gone");
      assertEquals(0, set("CapPrm") >>> cap & 1, "nor can it come back");
      assertFalse(NoRealtime.mayHave(cap));
      assertFalse(NoRealtime.drop(cap), "it had it no more");
      assertEquals(OptionalLong.of(set("CapEff")), NoRealtime.effective());
    });
  }

  /** What an encoder's thread does before each open: CAP_SYS_NICE is gone after the first, for good. */
  @WhereTheCallsAre
  void anEncodersThreadIsWithoutCapSysNiceAfterItsFirstOpen() throws Exception {
    onThreadOfItsOwn(() -> {
      long before = set("CapEff");
      assertEquals((before >>> NoRealtime.CAP_SYS_NICE & 1) == 1, NoRealtime.dropForThisThread(), Long.toHexString(before));
      for (String name : new String[] {"CapEff", "CapPrm", "CapInh"}) {
        assertEquals(0, set(name) >>> NoRealtime.CAP_SYS_NICE & 1, name);
      }
      assertEquals(before & ~(1L << NoRealtime.CAP_SYS_NICE), set("CapEff"), "the others are kept");
      assertEquals(1, NoRealtime.LOOKS.get()[0], "the first open looks");
      assertFalse(NoRealtime.dropForThisThread(), "the second open finds nothing to give up");
      assertEquals(1, NoRealtime.LOOKS.get()[0], "and does not look again: the first answer holds for good");
    });
  }

  /** A virtual thread's capabilities are its carrier's of the moment: each open looks again. */
  @WhereTheCallsAre
  void aVirtualThreadLooksAtEveryOpen() throws Exception {
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread.ofVirtual().start(() -> {
      try {
        NoRealtime.dropForThisThread();
        NoRealtime.dropForThisThread();
        assertEquals(2, NoRealtime.LOOKS.get()[0]);
      } catch (Throwable e) {
        failed.set(e);
      }
    }).join();
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
  }

  /**
   * Without the calls (Java 21, not Linux; here a JVM that refuses native access) nothing can give
   * the capability up at a later open either: a thread looks once, as root too (where /proc shows it
   * held, the look went on to the calls and was asked again at every open).
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  @EnabledForJreRange(minVersion = 24)
  void withoutTheCallsAThreadLooksOnce() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--illegal-native-access=deny", "-cp", System.getProperty("java.class.path"), WithoutCalls.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
    boolean held = (set("CapEff") >>> NoRealtime.CAP_SYS_NICE & 1) == 1;
    assertEquals("calls false, held " + held + ", dropped false false, looks 1", out.strip());
  }

  /** Two opens on one thread of a JVM without the calls: what they say, and how many times they looked. */
  static final class WithoutCalls {
    public static void main(String[] args) {
      boolean held = NoRealtime.mayHave(NoRealtime.CAP_SYS_NICE);
      boolean first = NoRealtime.dropForThisThread();
      boolean second = NoRealtime.dropForThisThread();
      System.out.println("calls " + NoRealtime.available() + ", held " + held + ", dropped " + first + " " + second
          + ", looks " + NoRealtime.LOOKS.get()[0]);
    }
  }

  private interface Check {
    void run() throws Exception;
  }

  /** Runs {@code check} on a new platform thread: what it gives up is that thread's alone. */
  private static void onThreadOfItsOwn(Check check) throws InterruptedException {
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = Thread.ofPlatform().name("drop-probe").start(() -> {
      try {
        check.run();
      } catch (Throwable e) {
        failed.set(e);
      }
    });
    t.join();
    if (failed.get() != null) {
      throw new AssertionError(failed.get());
    }
  }

  /** The calling thread's capability set {@code name} ("CapEff", "CapPrm"), as the kernel shows it. */
  static long set(String name) {
    try {
      String line = Files.readAllLines(Path.of("/proc/thread-self/status")).stream().filter(l -> l.startsWith(name + ":"))
          .findFirst().orElseThrow();
      return Long.parseUnsignedLong(line.substring(name.length() + 1).strip(), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
