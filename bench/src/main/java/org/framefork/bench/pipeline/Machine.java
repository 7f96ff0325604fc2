package org.framefork.bench.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.kernels.Kernels;

/**
 * The machine a report was measured on: what a reader needs to judge the figures, and the load
 * average, because a busy machine makes every wall time longer.
 */
public record Machine(
    String host,
    String cpuModel,
    String vectorExtensions,
    int cores,
    long memoryBytes,
    String os,
    String jdk,
    String ffmpeg,
    String kernels,
    double loadAtStart) {

  /** {@link #vectorExtensionsHere} where the machine does not tell. */
  public static final String UNKNOWN_VECTOR_EXTENSIONS = "unknown";

  /**
   * Vector extensions as a kernel report records them, in {@link #vectorExtensionsHere}'s words:
   * kernel reports made before both used it wrote "vector extensions unknown" for "unknown".
   */
  public static String recordedVectorExtensions(String recorded) {
    String s = recorded.trim();
    return s.equals("vector extensions unknown") ? UNKNOWN_VECTOR_EXTENSIONS : s;
  }

  public static Machine describe() {
    return new Machine(hostName(), cpuModelHere(), vectorExtensionsHere(),
        Runtime.getRuntime().availableProcessors(), totalMemory(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        ffmpegVersion(), Kernels.choice(), loadAverage());
  }

  /** The 1-minute load average, or -1 where the OS does not tell. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The host name as a folder name: letters, digits, dots and dashes. */
  public String hostSlug() {
    String s = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
    return s.isEmpty() ? "host" : s;
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "host";
    }
  }

  private static long totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  /** The FFmpeg that the engine links (bytedeco's build), as FFmpeg itself names it. */
  static String ffmpegVersion() {
    try {
      return org.bytedeco.ffmpeg.global.avutil.av_version_info().getString();
    } catch (Throwable e) {
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static String cpuInfo(String key, String fallback) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return fallback;
  }

  /** This machine's CPU model (/proc/cpuinfo), else its architecture: as bench reports and kernel reports name it. */
  public static String cpuModelHere() {
    return cpuInfo("model name", System.getProperty("os.arch"));
  }

  /**
   * Which vector extensions this machine has ("AVX-512", "AVX2 (no AVX-512)", "no AVX2"), or {@link
   * #UNKNOWN_VECTOR_EXTENSIONS} where /proc/cpuinfo has no flags (not Linux, not x86): the same words
   * in bench reports and kernel reports, which are compared to tell whether a file was measured here.
   */
  public static String vectorExtensionsHere() {
    String flags = cpuInfo("flags", "");
    if (flags.isEmpty()) {
      return UNKNOWN_VECTOR_EXTENSIONS;
    }
    List<String> f = List.of(flags.split("\\s+"));
    return f.contains("avx512f") ? "AVX-512" : f.contains("avx2") ? "AVX2 (no AVX-512)" : "no AVX2";
  }
}
