package org.framefork.encoder.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer: damages valid files (bit flips, zeroed runs, cuts, duplicated and
 * dropped spans) and runs each through probe and encode. Every case must end in an output, or in
 * one of the engine's own errors with a one-line message and nothing at the destination — never
 * in another exception, a JVM crash or a hang.
 *
 * <p>The test runs {@code fuzz.cases} cases (200 by default); the README's figure is
 * {@code ./framefork test -pl encoder -Dtest=MutationFuzzTest -Dfuzz.cases=1000 -Dfuzz.seed=7
 * -Dsurefire.failIfNoSpecifiedTests=false} (about a minute on 2 cores), whose counts it prints.
 */
class MutationFuzzTest {
  private static final long CASE_TIMEOUT_SECONDS = 60;

  @TempDir Path tmp;

  record Finding(int caseNumber, String seedFile, String mutation, String problem) {}

  @Test
  void damagedInputsNeverCrashHangOrLeaveOutput() throws Exception {
    int cases = Integer.getInteger("fuzz.cases", 200);
    long seed = Long.getLong("fuzz.seed", 20261126L);
    List<Path> seeds = new ArrayList<>();
    for (String spec : new String[] {"fuzz-h264.mp4", "fuzz-h264.ts", "fuzz-vp9.webm", "fuzz-mpeg4.avi", "fuzz-hevc.mkv"}) {
      seeds.add(tinySeed(spec));
    }
    Random random = new Random(seed);
    List<Finding> findings = new ArrayList<>();
    int encoded = 0;
    int refused = 0;
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      for (int c = 0; c < cases; c++) {
        Path source = seeds.get(random.nextInt(seeds.size()));
        byte[] bytes = Files.readAllBytes(source);
        String mutation = mutate(bytes, random);
        String ext = source.getFileName().toString().substring(source.getFileName().toString().lastIndexOf('.'));
        Path input = tmp.resolve("case-" + c + ext);
        Files.write(input, bytes);
        Path output = tmp.resolve("case-" + c + ".out.mkv");
        Future<String> f = runner.submit(() -> runCase(input, output));
        String outcome;
        try {
          outcome = f.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          findings.add(new Finding(c, source.getFileName().toString(), mutation, "hang: no end after " + CASE_TIMEOUT_SECONDS + " s"));
          break; // the runner thread is stuck; the remaining cases would queue behind it
        }
        switch (outcome) {
          case "encoded" -> encoded++;
          case "refused" -> {
            refused++;
            if (Files.exists(output)) {
              findings.add(new Finding(c, source.getFileName().toString(), mutation, "refused but left an output"));
            }
          }
          default -> findings.add(new Finding(c, source.getFileName().toString(), mutation, outcome));
        }
        Files.deleteIfExists(input);
        Files.deleteIfExists(output);
      }
    } finally {
      runner.shutdownNow();
    }
    System.out.printf("fuzz: %d cases (seed %d): %d encoded, %d refused with a clear error, %d findings%n",
        cases, seed, encoded, refused, findings.size());
    findings.forEach(f -> System.out.println("fuzz finding: " + f));
    assertEquals(List.of(), findings);
    try (var files = Files.list(Path.of("."))) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList(), "JVM crash logs");
    }
    assertTrue(encoded > 0 && refused > 0, "the mutations exercise both outcomes");
  }

  /** Probe, then encode; "encoded", "refused", or a description of what went wrong. */
  private static String runCase(Path input, Path output) {
    try {
      Prober.probe(input);
      JobOptions o = JobOptions.defaults(input, output)
          .withOutput(output, org.framefork.encoder.encode.Container.MKV)
          .withVideo(new EncodeSettings(VideoCodec.H264, 30, "ultrafast", 1))
          .withSplit(SplitMode.FIXED, 0, 6);
      new EncodeJob(o, null).run();
      return "encoded";
    } catch (InputException | MediaException e) {
      String m = e.getMessage();
      if (m == null || m.isBlank() || m.contains("\n")) {
        return "error message is not one line: " + m;
      }
      return "refused";
    } catch (UncheckedIOException e) {
      return "refused";
    } catch (RuntimeException | Error e) {
      return "unexpected " + e;
    }
  }

  /** Damages {@code b} in place in one of several ways; returns what it did. */
  static String mutate(byte[] b, Random r) {
    int kind = r.nextInt(5);
    int n = b.length;
    switch (kind) {
      case 0 -> {
        int flips = 1 + r.nextInt(64);
        for (int i = 0; i < flips; i++) {
          b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
        }
        return flips + " bit flips";
      }
      case 1 -> {
        int at = r.nextInt(n);
        int len = Math.min(n - at, 1 + r.nextInt(4096));
        Arrays.fill(b, at, at + len, (byte) 0);
        return len + " zero bytes at " + at;
      }
      case 2 -> {
        int at = r.nextInt(Math.max(1, n / 8), n);
        Arrays.fill(b, at, n, (byte) 0); // the same size, the tail gone: a cut file padded out
        return "zeroed from " + at;
      }
      case 3 -> {
        int at = r.nextInt(n);
        int len = Math.min(n - at, 1 + r.nextInt(2048));
        int to = r.nextInt(n - len + 1);
        System.arraycopy(b, at, b, to, len); // a span repeated over another
        return len + " bytes copied from " + at + " to " + to;
      }
      default -> {
        int at = r.nextInt(Math.min(n, 4096));
        for (int i = at; i < Math.min(n, at + 64); i++) {
          b[i] = (byte) r.nextInt(256); // the header region scrambled
        }
        return "header scrambled at " + at;
      }
    }
  }

  private static Path tinySeed(String name) {
    Path f = TestMedia.dir().resolve(name);
    if (Files.exists(f)) {
      return f;
    }
    String src = "testsrc2=size=96x64:rate=15:duration=1.4";
    List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", src, "-f", "lavfi", "-i", "sine=duration=1.4"));
    args.addAll(switch (name) {
      case "fuzz-h264.mp4", "fuzz-h264.ts" -> List.of("-c:v", "libx264", "-g", "5", "-bf", "2", "-pix_fmt", "yuv420p", "-c:a", "aac");
      case "fuzz-vp9.webm" -> List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-g", "5", "-c:a", "libopus");
      case "fuzz-mpeg4.avi" -> List.of("-c:v", "mpeg4", "-g", "5", "-c:a", "libmp3lame");
      default -> List.of("-c:v", "libx265", "-x265-params", "log-level=error:keyint=5", "-c:a", "ac3");
    });
    Path tmp = f.resolveSibling("tmp-" + ProcessHandle.current().pid() + "-" + name);
    args.add(tmp.toString());
    DebianFfmpeg.ffmpeg(args.toArray(String[]::new));
    try {
      Files.move(tmp, f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }
}
