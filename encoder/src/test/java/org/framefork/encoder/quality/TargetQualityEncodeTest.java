package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.verify.vmaf.LibvmafReference;
import org.framefork.encoder.verify.vmaf.VmafTally;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Target quality end to end, one metric at a time, on a 2 s noisy clip in 2 chunks: every chunk's
 * final score (FrameFork's scorer) lies in the band, and so does the same chunk of the output as
 * an independent tool measures it: Debian's ffmpeg {@code ssim}/{@code psnr} filters, libvmaf.
 *
 * <p>The probes here encode every frame at the final preset, so that a probe's score is the final
 * encode's: what these tests check is the search, the encodes and the scoring, not how far a
 * faster probe's score drifts from the final one (that is a figure, in bench/results).
 */
class TargetQualityEncodeTest {
  @TempDir static Path dir;
  static Path source;

  @BeforeAll
  static void makeSource() {
    source = dir.resolve("noisy.mp4");
    // Film-like noise makes every CRF step cost quality, as real footage does; lossless, so the source is exact.
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2,noise=alls=3:allf=t", "-c:v",
        "libx264", "-preset", "ultrafast", "-qp", "0", "-g", "25", "-pix_fmt", "yuv420p", source.toString());
  }

  private static JobReport encode(String band, Path out) {
    TargetQuality t = TargetQuality.parse(band).withProbeEncodes("veryfast", 1);
    JobOptions o = JobOptions.defaults(source, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1))
        .withSplit(SplitMode.FIXED, 0, 25)
        .withMode(ExecutionMode.PARALLEL, 2)
        .withTargetQuality(t);
    return new EncodeJob(o, null).run();
  }

  /**
   * Checks the report's chunks against the band; returns their final scores. {@code drift}: how far
   * a probe at the final settings may score from the final encode (they agree exactly in most runs;
   * one run of the PSNR case on the loaded test VM gave 0.021 dB, not yet explained).
   */
  private static TargetQualityReport checkChunks(JobReport r, double drift) {
    TargetQualityReport t = r.targetQuality();
    assertEquals(2, t.chunks().size());
    assertEquals(2, t.chunksInBand(), t.toString());
    for (ChunkTarget c : t.chunks()) {
      assertTrue(c.inBand(), c.toString());
      assertEquals(c.predicted(), c.finalScore(), drift, "a probe at the final settings predicts the final score: " + c);
      // Checked where it was scored as soon as it was encoded, it scores what its probe did.
      assertEquals(0, Objects.requireNonNull(c.drift(), "the final encode was not checked"), 1e-9, c.toString());
      TargetQuality band = TargetQuality.parse(t.band());
      double highestInBand = c.probes().stream().filter(p -> band.inBand(p.score())).mapToDouble(CrfSearch.Probe::crf).max()
          .orElseThrow();
      assertEquals(highestInBand, c.crf(), c.toString());
      assertTrue(c.probes().size() <= TargetQuality.DEFAULT_PROBES);
    }
    // The probes and each final encode run on one thread each: their CPU time is positive and within their wall time.
    assertTrue(t.probeCpuSeconds() > 0 && t.probeCpuSeconds() <= t.probeSeconds() + 0.05, t.toString());
    assertTrue(t.encodeCpuSeconds() > 0 && t.encodeCpuSeconds() <= t.encodeSeconds() + 0.05, t.toString());
    assertTrue(r.verification().passed());
    assertEquals(50, DebianFfmpeg.decodedFrames(r.settings().output()));
    return t;
  }

  /** The 5th percentile of each chunk's frames of {@code perFrame} (the output's frames in order). */
  private static double[] chunkP5(TargetQualityReport t, double[] perFrame) {
    assertEquals(50, perFrame.length);
    return t.chunks().stream().mapToDouble(c -> {
      double[] s = Arrays.copyOfRange(perFrame, c.firstFrame(), c.firstFrame() + c.frames());
      Arrays.sort(s);
      return VmafTally.percentile(s, 5);
    }).toArray();
  }

  @Test
  void ssimChunksLandInTheBandByDebiansSsimFilter() throws IOException {
    chunksLandInTheBandByDebiansFilter("ssim", 0.955, 0.970, "All:", 0.0005, 0.0005);
  }

  @Test
  void psnrChunksLandInTheBandByDebiansPsnrFilter() throws IOException {
    chunksLandInTheBandByDebiansFilter("psnr", 35, 39, "psnr_avg:", 0.1, 0.02);
  }

  /**
   * Encodes to {@code metric=low-high}; each chunk's final score (checked against its band within
   * {@code ours}) must be what Debian's filter measures of the output, within {@code debians}, and in
   * the band by that measure too.
   */
  private void chunksLandInTheBandByDebiansFilter(String metric, double low, double high, String statsKey, double ours,
      double debians) throws IOException {
    Path out = dir.resolve(metric + ".mkv");
    TargetQualityReport t = checkChunks(encode(metric + "=" + low + "-" + high, out), ours);
    double[] debian = chunkP5(t, debianPerFrame(out, metric, statsKey));
    for (int i = 0; i < 2; i++) {
      assertEquals(debian[i], t.chunks().get(i).finalScore(), debians, "chunk " + i);
      assertTrue(debian[i] >= low - debians && debian[i] <= high + debians, "chunk " + i + ": " + debian[i]);
    }
  }

  @Test
  void vmafChunksLandInTheBandByLibvmaf() {
    Path out = dir.resolve("vmaf.mkv");
    TargetQualityReport t = checkChunks(encode("vmaf=75-85", out), 0.3);
    List<JsonNode> frames = LibvmafReference.frames(source, out, true, dir.resolve("vmaf.json"));
    double[] libvmaf = chunkP5(t, frames.stream().mapToDouble(f -> f.path("vmaf").asDouble()).toArray());
    for (int i = 0; i < 2; i++) {
      // libvmaf scores the output as one video: a chunk's first frame gets its motion from the frame
      // before, where FrameFork's chunk starts at 0 as a video would; the 5th percentile can feel it.
      assertEquals(libvmaf[i], t.chunks().get(i).finalScore(), 1.0, "chunk " + i);
      assertTrue(libvmaf[i] >= 75 - 1.0 && libvmaf[i] <= 85 + 1.0, "chunk " + i + ": " + libvmaf[i]);
    }
  }

  /** Each frame's figure from Debian's {@code filter=stats_file=...}: the number after {@code key}. */
  private static double[] debianPerFrame(Path out, String filter, String key) throws IOException {
    Path stats = dir.resolve(filter + "-" + out.getFileName() + ".log");
    DebianFfmpeg.ffmpeg("-i", out.toString(), "-i", source.toString(), "-lavfi", "[0:v][1:v]" + filter + "=stats_file="
        + stats, "-f", "null", "-");
    List<Double> values = new ArrayList<>();
    for (String line : Files.readAllLines(stats)) {
      int i = line.indexOf(key);
      if (i >= 0) {
        String v = line.substring(i + key.length()).trim().split(" ")[0];
        values.add(v.equals("inf") ? 100.0 : Double.parseDouble(v));
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
