package org.framefork.encoder.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** This process's user and effective capabilities, from /proc/self/status, to say what a test's machine lacks. */
final class Capabilities {
  static final int SETPCAP = 8;
  static final int SYS_ADMIN = 21;

  private Capabilities() {}

  /** The real uid, or "unknown" where /proc/self/status cannot be read. */
  static String uid() {
    return field("Uid:").map(v -> v.split("\\s+")[0]).orElse("unknown");
  }

  /** Whether capability {@code bit} is effective; empty where /proc/self/status cannot be read. */
  static Optional<Boolean> effective(int bit) {
    return field("CapEff:").map(v -> (Long.parseUnsignedLong(v, 16) & (1L << bit)) != 0);
  }

  private static Optional<String> field(String name) {
    try {
      return Files.readString(Path.of("/proc/self/status")).lines().filter(l -> l.startsWith(name))
          .map(l -> l.substring(name.length()).strip()).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
