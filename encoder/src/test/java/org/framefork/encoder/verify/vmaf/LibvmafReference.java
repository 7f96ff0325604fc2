package org.framefork.encoder.verify.vmaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;

/**
 * The independent reference: the static FFmpeg 7.0.2 of the PyPI wheel {@code imageio-ffmpeg}
 * 0.6.0, which has the {@code libvmaf} filter. {@code tools/test-tools} installs it; the property
 * {@value #PROPERTY} (or the environment variable {@value #ENV}) points elsewhere.
 */
public final class LibvmafReference {
  static final String PROPERTY = "framefork.vmaf.reference";
  static final String ENV = "FRAMEFORK_VMAF_REFERENCE";

  private LibvmafReference() {}

  /** The binary; fails (never skips) when it is missing. */
  public static Path binary() {
    String configured = System.getProperty(PROPERTY, System.getenv(ENV));
    Path p = configured != null && !configured.isBlank() ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "framefork", "imageio-ffmpeg-0.6.0", "imageio_ffmpeg",
            "binaries", "ffmpeg-linux-x86_64-v7.0.2");
    if (!Files.isExecutable(p)) {
      throw new AssertionError("the VMAF reference (imageio-ffmpeg 0.6.0's static FFmpeg with libvmaf) is missing at " + p
          + ": run tools/test-tools to install it, or set -D" + PROPERTY + "=/path/to/ffmpeg");
    }
    return p;
  }

  /** libvmaf's per-frame metrics of {@code dist} against {@code ref}, scaled to 1920x1080 bicubic first if asked. */
  public static List<JsonNode> frames(Path ref, Path dist, boolean scaleTo1080p, Path log) {
    String vmaf = "libvmaf=log_fmt=json:log_path=" + log + ":n_threads=1";
    String graph = scaleTo1080p
        ? "[0:v]scale=1920:1080:flags=bicubic[d];[1:v]scale=1920:1080:flags=bicubic[r];[d][r]" + vmaf
        : vmaf;
    DebianFfmpeg.Result r = DebianFfmpeg.run(List.of(binary().toString(), "-nostdin", "-v", "error", "-i",
        dist.toString(), "-i", ref.toString(), "-lavfi", graph, "-f", "null", "-"));
    if (r.exitCode() != 0) {
      throw new AssertionError("the libvmaf reference failed: " + r.err());
    }
    try {
      JsonNode doc = new ObjectMapper().readTree(log.toFile());
      List<JsonNode> out = new ArrayList<>();
      doc.path("frames").forEach(f -> out.add(f.path("metrics")));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
