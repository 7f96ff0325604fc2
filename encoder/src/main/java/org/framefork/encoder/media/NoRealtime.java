package org.framefork.encoder.media;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.bytedeco.javacpp.IntPointer;

/**
 * Keeps an encoder from making threads real-time. SVT-AV1, run as root, asks for SCHED_FIFO at
 * priority 99 for each thread it starts, and the thread that runs it gets it too (a FrameFork
 * worker, which stays so after the encoder is freed): such a thread takes a core from everything
 * else, the JVM's GC included. The launcher gives up CAP_SYS_NICE before it starts the JVM; a JVM
 * started otherwise ({@code java -jar} as root, a service) gives it up here, for the thread that is
 * about to open an encoder. Capabilities are a thread's own and a new thread inherits its creator's,
 * so the encoder's threads have none either: SVT-AV1's request fails (EPERM) and it makes them at
 * the normal policy, as for any user. Lowering a priority needs no capability.
 *
 * <p>libc's {@code capget} and {@code capset} are called through the Foreign Function API, found by
 * reflection: FrameFork is built for Java 21, where that API is a preview. Where the JVM refuses
 * it, nothing is dropped, as before. A thread that /proc/thread-self/status shows without the
 * capability does without the lookup.
 */
public final class NoRealtime {
  /** {@code CAP_SYS_NICE}: raising a priority, real-time policies. */
  static final int CAP_SYS_NICE = 23;
  /** {@code _LINUX_CAPABILITY_VERSION_3}: two 32-bit words per set. */
  private static final int VERSION_3 = 0x20080522;

  /**
   * {@code capget} and {@code capset} and {@code MemorySegment.ofAddress}, empty where there are
   * none; looked up on first use: the lookup took 130-280 ms of a JVM's first encoder open (a loaded
   * 2-vCPU machine), and a thread without the capability (any user but root, or under the launcher)
   * needs none.
   */
  private static final class Calls {
    static final Optional<MethodHandle[]> FOUND = lookup();
  }

  /**
   * Whether the calling platform thread has already been through {@link #dropForThisThread} with a
   * certain answer (it did not hold the capability, gave it up, or there are no calls to give it up
   * with): that holds for good (a capability given up or never held cannot come back without an
   * exec, and the calls are looked up once per JVM), so a lane thread that opens many encoders
   * reads /proc and calls capget once. A call that failed leaves it unset, to be tried at
   * the next open. Not for a virtual thread, whose capabilities are those of the carrier it runs on
   * at the time.
   */
  private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> false);

  /** How many times {@link #dropForThisThread} looked at the calling thread's capabilities; for the tests. */
  static final ThreadLocal<int[]> LOOKS = ThreadLocal.withInitial(() -> new int[1]);

  /** What a drop came to: given up, not held, no calls to give it up with, or not known (a call failed). */
  private enum Outcome { DROPPED, NOT_HELD, NO_CALLS, UNKNOWN }

  private NoRealtime() {}

  /**
   * Gives up CAP_SYS_NICE in the calling thread (effective, permitted and inheritable), for good;
   * whether it had it. A thread without it (any user but root, or under the launcher) is left as it
   * is, and a thread that asked before is not looked at again.
   */
  public static boolean dropForThisThread() {
    boolean platform = !Thread.currentThread().isVirtual();
    if (platform && DONE.get()) {
      return false;
    }
    LOOKS.get()[0]++;
    Outcome outcome = dropping(CAP_SYS_NICE);
    if (platform && outcome != Outcome.UNKNOWN) {
      DONE.set(true);
    }
    return outcome == Outcome.DROPPED;
  }

  /** Gives up {@code capability} in the calling thread, as {@link #dropForThisThread} does CAP_SYS_NICE. */
  static boolean drop(int capability) {
    return dropping(capability) == Outcome.DROPPED;
  }

  private static Outcome dropping(int capability) {
    if (!mayHave(capability)) {
      return Outcome.NOT_HELD;
    }
    if (!available()) {
      return Outcome.NO_CALLS; // Java 21, not Linux, or no native access: the same at every open
    }
    int[] data = capCall(0, null);
    if (data == null) {
      return Outcome.UNKNOWN; // capget failed
    }
    int at = capability / 32 * 3;
    int bit = 1 << (capability % 32);
    if (((data[at] | data[at + 1] | data[at + 2]) & bit) == 0) {
      return Outcome.NOT_HELD;
    }
    for (int i = at; i < at + 3; i++) {
      data[i] &= ~bit;
    }
    // Where it fails, no worse than before: the encoder may then make its threads real-time.
    return capCall(1, data) != null ? Outcome.DROPPED : Outcome.UNKNOWN;
  }

  /**
   * {@code capget} ({@code call} 0; {@code sets} null) or {@code capset} (1) of {@code sets} for the
   * calling thread, through struct __user_cap_header_struct {version, pid} and two of
   * __user_cap_data_struct {effective, permitted, inheritable}, the second for capabilities 32 and
   * up: the six words afterwards, or null when the call failed or there is none.
   */
  private static int[] capCall(int call, int[] sets) {
    if (Calls.FOUND.isEmpty()) {
      return null;
    }
    MethodHandle[] c = Calls.FOUND.get();
    try (IntPointer header = new IntPointer(VERSION_3, 0); IntPointer data = new IntPointer(6)) {
      if (sets != null) {
        data.put(sets);
      }
      if ((int) c[call].invoke(c[2].invoke(header.address()), c[2].invoke(data.address())) != 0) {
        return null;
      }
      int[] out = new int[6];
      data.get(out);
      return out;
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * Whether the calling thread may hold {@code capability} in its effective, permitted or
   * inheritable set, as /proc/thread-self/status says, without the lookup; true where that cannot
   * be read.
   */
  static boolean mayHave(int capability) {
    try {
      int sets = 0;
      for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
        if (line.startsWith("CapInh:") || line.startsWith("CapPrm:") || line.startsWith("CapEff:")) {
          if ((Long.parseUnsignedLong(line.substring(7).strip(), 16) >>> capability & 1) == 1) {
            return true;
          }
          sets++;
        }
      }
      return sets != 3;
    } catch (IOException | RuntimeException e) {
      return true; // not Linux, or no /proc: the lookup tells
    }
  }

  /** Whether {@code capget} and {@code capset} were found (Linux, Java 22 and newer). */
  static boolean available() {
    return Calls.FOUND.isPresent();
  }

  /** The calling thread's effective set, as {@code capget} reads it; empty where it cannot. */
  static OptionalLong effective() {
    int[] data = capCall(0, null);
    return data == null ? OptionalLong.empty() : OptionalLong.of(Integer.toUnsignedLong(data[0]) | (long) data[3] << 32);
  }

  /** {@code capget}, {@code capset} (int (void*, void*)) and {@code MemorySegment.ofAddress(long)}. */
  private static Optional<MethodHandle[]> lookup() {
    try {
      Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
      Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
      Class<?> layout = Class.forName("java.lang.foreign.MemoryLayout");
      Class<?> values = Class.forName("java.lang.foreign.ValueLayout");
      Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
      Class<?> option = Class.forName("java.lang.foreign.Linker$Option");
      Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
      Object libc = linkerClass.getMethod("defaultLookup").invoke(linker);
      Object args = Array.newInstance(layout, 2);
      Array.set(args, 0, values.getField("ADDRESS").get(null));
      Array.set(args, 1, values.getField("ADDRESS").get(null));
      Object descriptor = descriptorClass.getMethod("of", layout, args.getClass())
          .invoke(null, values.getField("JAVA_INT").get(null), args);
      var downcall = linkerClass.getMethod("downcallHandle", segment, descriptorClass, Array.newInstance(option, 0).getClass());
      var find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
      MethodHandle[] calls = new MethodHandle[3];
      String[] names = {"capget", "capset"};
      for (int i = 0; i < 2; i++) {
        Optional<?> symbol = (Optional<?>) find.invoke(libc, names[i]);
        if (symbol.isEmpty()) {
          return Optional.empty(); // not Linux
        }
        calls[i] = (MethodHandle) downcall.invoke(linker, symbol.get(), descriptor, Array.newInstance(option, 0));
      }
      calls[2] = java.lang.invoke.MethodHandles.publicLookup().unreflect(segment.getMethod("ofAddress", long.class));
      return Optional.of(calls);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.empty(); // Java 21 (a preview there), or no native access
    }
  }
}
