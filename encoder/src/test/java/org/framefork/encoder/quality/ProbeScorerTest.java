package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.ProbeEncoder;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe scored on the pictures x264 reconstructs as it encodes: they are Debian's ffmpeg's decode
 * of the probe, the probe is the same file as without them, and its scores are those of its file,
 * decoded, in every metric.
 */
class ProbeScorerTest {
  private static final EncodeSettings FASTER =
      new EncodeSettings(VideoCodec.H264, 27, "faster", 1).withPicture(new PictureFormat(8, null, true));

  @TempDir Path tmp;

  @Test
  void reconstructedPicturesAreTheDecodersAndTheProbeStaysTheSame() throws IOException {
    assertTrue(ProbeEncoder.reconstructs(FASTER), "this FFmpeg's x264 hands back its pictures");
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    try (ChunkPictures p = pictures(in, false)) {
      Map<Long, YuvFrame> reconstructed = new TreeMap<>();
      Path with = tmp.resolve("with.mkv");
      long bytes = ProbeEncoder.encode(with, 1, FASTER, p.stream(), p.sampleAspectRatio(), p.size(), p.count(), p::get, p.pts(),
          (picture, pts) -> {
            YuvFrame f = YuvFrame.allocate(picture.width(), picture.height());
            FramePlanes.copyInNv12(picture, f);
            reconstructed.put(pts, f);
          }, () -> false);
      Path without = tmp.resolve("without.mkv");
      assertEquals(ProbeEncoder.encode(without, 1, FASTER, p.stream(), p.sampleAspectRatio(), p.size(), p.count(), p::get,
          p.pts(), null, () -> false), bytes);
      assertEquals(packets(without), packets(with), "the probe's packets, by Debian's ffmpeg");
      assertEquals(p.count(), reconstructed.size());
      byte[] debian = debianDecode(with);
      int frameBytes = p.size().width() * p.size().height() * 3 / 2;
      assertEquals(p.count() * frameBytes, debian.length, "Debian's decode of the probe");
      int i = 0;
      for (YuvFrame f : reconstructed.values()) {
        assertSamples(debian, i * frameBytes, f, "reconstructed picture " + i + " against Debian's decode");
        i++;
      }
    }
  }

  @Test
  void aProbeScoresAsItsFileDecodedInEveryMetric() throws IOException {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    for (QualityMetric metric : QualityMetric.values()) {
      try (ChunkPictures p = pictures(in, metric == QualityMetric.VMAF)) {
        boolean[] scored = ProbeScorer.sparse(p.count(), metric, 2);
        Path probe = tmp.resolve(metric + ".mkv");
        ProbeScorer.Scored s = ProbeScorer.encodeAndScore(probe, 1, FASTER, p, metric, scored, () -> false);
        assertTrue(Files.size(probe) > 0, "the probe file is written");
        double[] decoded = ProbeScorer.frameScores(probe, p, metric, scored, () -> false);
        assertArrayEquals(decoded, s.frames(), metric + ": scores of the reconstructed pictures against the decoded file's");
        long finite = Arrays.stream(s.frames()).filter(Double::isFinite).count();
        assertEquals(scored == null ? p.count() : count(scored), finite, metric + ": the frames scored");
        double low = metric == QualityMetric.SSIM ? 0.8 : metric == QualityMetric.PSNR ? 25 : 50;
        assertTrue(Arrays.stream(s.frames()).filter(Double::isFinite).allMatch(v -> v > low),
            metric + " scores of a CRF 27 encode: " + Arrays.toString(s.frames()));
      }
    }
  }

  /** Chunk 1 of 24-frame chunks of {@code in}, every 2nd frame. */
  private ChunkPictures pictures(Path in, boolean vmaf) {
    MediaInfo media = Prober.probe(in);
    Chunk chunk = EncodeJob.plan(media, JobOptions.defaults(in, tmp.resolve("unused.mkv")).withSplit(SplitMode.FIXED, 0, 24))
        .chunks().get(1);
    return ChunkPictures.decode(in, media.video().index(), chunk, FASTER, null, 2, Long.MAX_VALUE, tmp.resolve("spill.yuv"),
        vmaf, () -> false);
  }

  private static int count(boolean[] marks) {
    int n = 0;
    for (boolean m : marks) {
      n += m ? 1 : 0;
    }
    return n;
  }

  /** Fails unless {@code f}'s samples are those of the yuv420p frame at {@code at} in {@code raw}, row by row. */
  private static void assertSamples(byte[] raw, int at, YuvFrame f, String what) {
    for (int plane = 0; plane < 3; plane++) {
      Plane q = f.plane(plane);
      for (int y = 0; y < q.height(); y++, at += q.width()) {
        int row = q.rowStart(y);
        assertEquals(-1, Arrays.mismatch(raw, at, at + q.width(), q.data(), row, row + q.width()),
            what + ": plane " + plane + ", row " + y);
      }
    }
  }

  private byte[] debianDecode(Path probe) throws IOException {
    Path raw = tmp.resolve(probe.getFileName() + ".yuv");
    DebianFfmpeg.ffmpeg("-i", probe.toString(), "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p",
        raw.toString());
    return Files.readAllBytes(raw);
  }

  /** Each packet's time, size and MD5, by Debian's ffmpeg. */
  private String packets(Path probe) throws IOException {
    Path md5 = tmp.resolve(probe.getFileName() + ".framemd5");
    DebianFfmpeg.ffmpeg("-i", probe.toString(), "-map", "0:v", "-c", "copy", "-f", "framemd5", md5.toString());
    return Files.readString(md5).lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
  }
}
