package org.framefork.bench.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framefork.encoder.probe.Prober;

/**
 * The system's own {@code ffmpeg} (Debian's at /usr/bin), a second, independent FFmpeg: the baseline
 * of one libx264 encoder with its own threads, and the SSIM filter that scores every output.
 */
public final class DebianFfmpeg {
  private static final Pattern SSIM_ALL = Pattern.compile("All:([0-9.]+)");
  private static final Pattern CHILD_TIMES = Pattern.compile("(\\d+)m([0-9.]+)s\\s+(\\d+)m([0-9.]+)s");

  private final Path binary;
  private final String version;

  private DebianFfmpeg(Path binary, String version) {
    this.binary = binary;
    this.version = version;
  }

  /** The system ffmpeg if there is one with libx264, else empty. */
  public static Optional<DebianFfmpeg> find() {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/ffmpeg")));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        candidates.add(Path.of(dir, "ffmpeg"));
      }
    }
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        try {
          String v = output(List.of(p.toString(), "-hide_banner", "-version"), 30).lines().findFirst().orElse("");
          String encoders = output(List.of(p.toString(), "-hide_banner", "-encoders"), 30);
          if (encoders.contains("libx264")) {
            return Optional.of(new DebianFfmpeg(p, v.replaceFirst(" Copyright.*", "")));
          }
        } catch (IOException e) {
          // not runnable: try the next
        }
      }
    }
    return Optional.empty();
  }

  /** "ffmpeg version 5.1.x-..." as the binary prints it. */
  public String version() {
    return version;
  }

  /**
   * One libx264 encoder with {@code threads} threads over the whole input, audio copied: what a user
   * who does not split would run. CPU time is the child's, from bash's {@code times}.
   */
  public Contender encoder(String label, Path input, int threads, String preset, int crf) {
    return Contender.of(label, (run, output) -> {
      long t0 = System.nanoTime();
      Process p = start(input, output, threads, false, preset, crf);
      double cpu = finish(p);
      double wall = (System.nanoTime() - t0) / 1e9;
      return Trial.external(label, run, wall, cpu, Prober.probe(output).video().frameCount(), Files.size(output));
    });
  }

  /**
   * {@code copies} independent encodes of the whole input at once, each a separate process with one
   * decoder and one libx264 thread (video only); the trial's wall time is until the last one ends,
   * its CPU time the processes' together. With one copy: the same encode alone. Independent
   * processes share nothing but the machine, so how much slower they run side by side than alone is
   * the host's doing: the ceiling of any parallel encoder's efficiency there.
   */
  public Contender sideBySide(String label, Path input, int copies, String preset, int crf) {
    return Contender.of(label, (run, output) -> {
      List<Process> processes = new ArrayList<>();
      List<Path> outputs = new ArrayList<>();
      long t0 = System.nanoTime();
      try {
        for (int i = 0; i < copies; i++) {
          Path out = i == 0 ? output : output.resolveSibling(output.getFileName() + "-copy" + i + ".mp4");
          outputs.add(out);
          processes.add(start(input, out, 1, true, preset, crf));
        }
        double cpu = 0;
        for (Process p : processes) {
          cpu += finish(p);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long frames = Prober.probe(output).video().frameCount();
        return Trial.external(label, run, wall, cpu, frames * copies, Files.size(output));
      } finally {
        // bash runs ffmpeg as its child: stop both, or a failed round leaves encodes running into the next.
        for (Process p : processes) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
        for (Path extra : outputs.subList(Math.min(1, outputs.size()), outputs.size())) {
          try {
            Files.deleteIfExists(extra);
          } catch (IOException e) {
            // a leftover copy in the bench's work folder, which is deleted at the end
          }
        }
      }
    });
  }

  /**
   * Starts one libx264 encode of {@code input} under bash, which prints the child's CPU times after
   * it ({@code times}). {@code alone}: one decoder thread and video only (the host-ceiling runs);
   * otherwise the decoder picks its threads and the audio is copied (a user's plain encode).
   */
  private Process start(Path input, Path output, int threads, boolean alone, String preset, int crf) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", "\"$0\" \"$@\"; rc=$?; times; exit $rc", binary.toString(), "-nostdin",
        "-hide_banner", "-loglevel", "error", "-y"));
    if (alone) {
      cmd.addAll(List.of("-threads", "1"));
    }
    cmd.addAll(List.of("-i", input.toString(), "-map", "0:v:0"));
    cmd.addAll(alone ? List.of("-an") : List.of("-map", "0:a?", "-c:a", "copy"));
    cmd.addAll(List.of("-c:v", "libx264", "-preset", preset, "-crf", String.valueOf(crf), "-threads", String.valueOf(threads),
        output.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Waits for an encode from {@link #start}; its CPU seconds, or an IOException with ffmpeg's words. */
  private double finish(Process p) throws IOException, InterruptedException {
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IOException(binary + " failed (exit " + rc + "): " + log.strip());
    }
    return childCpuSeconds(log);
  }

  /** SSIM "All" of {@code distorted} against {@code reference}, by FFmpeg's ssim filter. */
  public double ssim(Path distorted, Path reference) throws IOException {
    String log = output(List.of(binary.toString(), "-nostdin", "-hide_banner", "-i", distorted.toString(), "-i",
        reference.toString(), "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-"), 600);
    Matcher m = SSIM_ALL.matcher(log);
    double last = Double.NaN;
    while (m.find()) {
      last = Double.parseDouble(m.group(1));
    }
    if (Double.isNaN(last)) {
      throw new IOException("no SSIM in ffmpeg's output: " + log.lines().reduce((a, b) -> b).orElse(""));
    }
    return last;
  }

  /** The second line of bash's {@code times}: user and system time of the children it waited for. */
  private static double childCpuSeconds(String log) {
    List<String> lines = log.lines().toList();
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = CHILD_TIMES.matcher(lines.get(i));
      if (m.matches()) {
        return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2)) + Integer.parseInt(m.group(3)) * 60
            + Double.parseDouble(m.group(4));
      }
    }
    return Double.NaN;
  }

  private static String output(List<String> cmd, int timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(cmd.getFirst() + " did not finish in " + timeoutSeconds + " s");
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }
}
