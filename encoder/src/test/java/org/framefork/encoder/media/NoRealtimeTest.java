package org.framefork.encoder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * NoRealtime's libc calls, checked against the kernel's own account of the thread's capabilities
 * (/proc/thread-self/status), wherever the tests run: RealtimeThreadsTest sees what they are for
 * only as root outside the launcher, which gives up CAP_SYS_NICE first. A lookup that failed was
 * silent (nothing dropped); here it fails the test on Linux with Java 22 and newer.
 */
class NoRealtimeTest {
  @Test
  void capgetAndCapsetAreFoundOnLinuxWithJava22AndNewer() {
    boolean linux = System.getProperty("os.name").equals("Linux");
    assertEquals(linux && Runtime.version().feature() >= 22, NoRealtime.available(),
        System.getProperty("os.name") + ", Java " + Runtime.version());
  }

  @Test
  void capgetReadsTheThreadsEffectiveSetAsTheKernelShowsIt() {
    assertEquals(OptionalLong.of(set("CapEff")), NoRealtime.effective());
  }

  @Test
  void aThreadGivesUpOneCapabilityForGoodAndKeepsTheOthers() throws Exception {
    // On a thread of its own: what it gives up is gone for good. CAP_SYS_NICE where it has it (root, not
    // under the launcher); else another it has (root under the launcher), so capset runs as root always.
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread t = Thread.ofPlatform().name("drop-probe").start(() -> {
      try {
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
