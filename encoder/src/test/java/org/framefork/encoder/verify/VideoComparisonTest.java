package org.framefork.encoder.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare}'s figures against Debian's FFmpeg 5.1 psnr and ssim filters on the same pair. */
class VideoComparisonTest {
  @TempDir Path dir;

  /** The values of one summary line of FFmpeg's filter, e.g. {@code PSNR y:34.9 u:33.9 ... max:36.7}. */
  static Map<String, Double> summary(String stderr, String prefix) {
    for (String line : stderr.split("\n")) {
      int i = line.indexOf("] " + prefix + " ");
      if (i >= 0) {
        Map<String, Double> values = new HashMap<>();
        for (String part : line.substring(i + prefix.length() + 3).split(" ")) {
          int colon = part.indexOf(':');
          if (colon > 0) {
            String v = part.substring(colon + 1);
            values.put(part.substring(0, colon), v.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v));
          }
        }
        return values;
      }
    }
    throw new AssertionError("no " + prefix + " line in ffmpeg's output:\n" + stderr);
  }

  /** What Debian's psnr and ssim filters say of a pair: their summaries and their per-frame stats files. */
  private record Debians(Map<String, Double> psnr, Map<String, Double> ssim, Path psnrStats, Path ssimStats) {}

  private Debians debians(Path distorted, Path reference, String tag) {
    Path psnrStats = dir.resolve("psnr" + tag + ".txt");
    Path ssimStats = dir.resolve("ssim" + tag + ".txt");
    DebianFfmpeg.Result ff = DebianFfmpeg.run(List.of("ffmpeg", "-nostdin", "-v", "info", "-i", distorted.toString(), "-i",
        reference.toString(), "-lavfi", "[0:v][1:v]psnr=stats_file=" + psnrStats + ";[0:v][1:v]ssim=stats_file=" + ssimStats,
        "-f", "null", "-"));
    assertEquals(0, ff.exitCode(), ff.err());
    return new Debians(summary(ff.err(), "PSNR"), summary(ff.err(), "SSIM"), psnrStats, ssimStats);
  }

  @Test
  void meansAndEveryFrameAgreeWithDebiansPsnrAndSsimFilters() throws IOException {
    Path reference = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path distorted = dir.resolve("distorted.mp4");
    DebianFfmpeg.ffmpeg("-i", reference.toString(), "-an", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "38",
        distorted.toString());
    Debians debian = debians(distorted, reference, "8");
    Map<String, Double> psnr = debian.psnr();
    Map<String, Double> ssim = debian.ssim();

    List<FrameQuality> frames = new ArrayList<>();
    VideoComparison.Result r = VideoComparison.compare(reference, distorted, frames::add);
    QualityScore q = r.score();
    assertEquals(50, q.frames());
    assertEquals(50, frames.size());
    assertEquals(psnr.get("y"), q.psnrY(), 0.01);
    assertEquals(psnr.get("u"), q.psnrU(), 0.01);
    assertEquals(psnr.get("v"), q.psnrV(), 0.01);
    assertEquals(psnr.get("average"), q.psnrAverage(), 0.01);
    assertEquals(psnr.get("min"), q.psnrMin(), 0.01);
    assertEquals(psnr.get("max"), q.psnrMax(), 0.01);
    assertEquals(ssim.get("Y"), q.ssimY(), 0.001);
    assertEquals(ssim.get("U"), q.ssimU(), 0.001);
    assertEquals(ssim.get("V"), q.ssimV(), 0.001);
    assertEquals(ssim.get("All"), q.ssimAll(), 0.001);
    assertTrue(q.psnrAverage() < 40 && q.ssimAll() < 0.99, "a CRF 38 encode is measurably worse: " + q);

    // Per frame: FFmpeg's stats files print PSNR with two decimals and SSIM with six.
    List<String> psnrLines = Files.readAllLines(debian.psnrStats());
    List<String> ssimLines = Files.readAllLines(debian.ssimStats());
    for (int i = 0; i < frames.size(); i++) {
      Map<String, Double> p = fields(psnrLines.get(i));
      Map<String, Double> s = fields(ssimLines.get(i));
      FrameQuality f = frames.get(i);
      assertEquals(i + 1, p.get("n").intValue());
      assertEquals(p.get("psnr_y"), f.psnrY(), 0.0051, "frame " + i);
      assertEquals(p.get("psnr_avg"), f.psnrAverage(), 0.0051, "frame " + i);
      assertEquals(s.get("Y"), f.ssimY(), 1e-6, "frame " + i);
      assertEquals(s.get("All"), f.ssimAll(), 1e-6, "frame " + i);
    }
  }

  /**
   * A 10-bit pair: measured on 16-bit samples, PSNR against FFmpeg's 10-bit peak (1023), SSIM with
   * its 10-bit constants; Debian's filters read the same pair at 10 bits.
   */
  @Test
  void aTenBitPairAgreesWithDebiansFiltersAtTenBits() throws IOException {
    Path reference = TestMedia.get(TestMedia.H264_HIGH10);
    Path distorted = dir.resolve("distorted10.mkv");
    DebianFfmpeg.ffmpeg("-i", reference.toString(), "-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
        "log-level=error:crf=34", "-pix_fmt", "yuv420p10le", distorted.toString());
    Debians debian = debians(distorted, reference, "10");
    Map<String, Double> psnr = debian.psnr();
    Map<String, Double> ssim = debian.ssim();

    List<FrameQuality> frames = new ArrayList<>();
    QualityScore q = VideoComparison.compare(reference, distorted, frames::add).score();
    assertEquals(50, frames.size());
    assertEquals(psnr.get("y"), q.psnrY(), 1e-5);
    assertEquals(psnr.get("average"), q.psnrAverage(), 1e-5);
    assertEquals(psnr.get("min"), q.psnrMin(), 1e-5);
    assertEquals(ssim.get("Y"), q.ssimY(), 1e-6);
    assertEquals(ssim.get("All"), q.ssimAll(), 1e-6);
    assertTrue(q.psnrAverage() < 40 && q.ssimAll() < 0.99, "a CRF 34 encode is measurably worse: " + q);
    List<String> psnrLines = Files.readAllLines(debian.psnrStats());
    List<String> ssimLines = Files.readAllLines(debian.ssimStats());
    for (int i = 0; i < frames.size(); i++) {
      assertEquals(fields(psnrLines.get(i)).get("psnr_avg"), frames.get(i).psnrAverage(), 0.0051, "frame " + i);
      assertEquals(fields(ssimLines.get(i)).get("All"), frames.get(i).ssimAll(), 1e-6, "frame " + i);
    }
  }

  /**
   * A full-range (yuvj420p) reference against a limited-range encode of it: Debian's filters take
   * both in limited range (the format negotiation converts the reference), and so does compare,
   * rather than setting full-range samples against limited ones (some 28 dB).
   */
  @Test
  void aFullRangeReferenceAgainstALimitedEncodeIsComparedInOneRange() {
    Path reference = dir.resolve("full.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24:duration=1", "-c:v", "libx264", "-preset",
        "ultrafast", "-crf", "8", "-pix_fmt", "yuvj420p", reference.toString());
    assertEquals("yuvj420p", DebianFfmpeg.probe(reference, "v:0", "stream=pix_fmt", false));
    Path distorted = dir.resolve("limited.mp4");
    DebianFfmpeg.ffmpeg("-i", reference.toString(), "-vf", "scale=out_range=tv,format=yuv420p", "-c:v", "libx264",
        "-preset", "ultrafast", "-crf", "18", "-color_range", "tv", distorted.toString());
    assertEquals("yuv420p", DebianFfmpeg.probe(distorted, "v:0", "stream=pix_fmt", false));
    Map<String, Double> psnr = debians(distorted, reference, "range").psnr();
    assertTrue(psnr.get("average") > 40, "Debian's figure: " + psnr);

    QualityScore q = VideoComparison.compare(reference, distorted, null).score();
    // Luma converts alike; the chroma a little apart (libswscale 8.1's range conversion of chroma is
    // not 5.1's: 49 against 51 dB), not the 24 dB of two ranges set against each other.
    assertEquals(psnr.get("y"), q.psnrY(), 0.05, "compare: " + q + ", Debian's: " + psnr);
    assertEquals(psnr.get("average"), q.psnrAverage(), 1.5, "compare: " + q + ", Debian's: " + psnr);
    QualityScore swapped = VideoComparison.compare(distorted, reference, null).score();
    assertEquals(q.psnrAverage(), swapped.psnrAverage(), 1e-9, "either way round");
  }

  private static Map<String, Double> fields(String line) {
    Map<String, Double> m = new HashMap<>();
    for (String part : line.trim().split(" ")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        String v = part.substring(colon + 1);
        m.put(part.substring(0, colon), v.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v));
      }
    }
    return m;
  }

  @Test
  void aVideoAgainstItselfIsIdenticalAndOtherSizesAreRefused() {
    Path reference = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    QualityScore same = VideoComparison.compare(reference, reference, null).score();
    assertEquals(Double.POSITIVE_INFINITY, same.psnrAverage());
    assertEquals(1.0, same.ssimAll(), 1e-12);
    // As FFmpeg's ssim filter prints it: "All:1.000000 (inf)", not a large finite figure.
    assertEquals(Double.POSITIVE_INFINITY, same.ssimAllDecibels());

    Path small = dir.resolve("small.mp4");
    DebianFfmpeg.ffmpeg("-i", reference.toString(), "-an", "-vf", "scale=160:120", "-c:v", "libx264", "-preset",
        "ultrafast", small.toString());
    InputException e = assertThrows(InputException.class, () -> VideoComparison.compare(reference, small, null));
    assertEquals(reference + " is 320x240 and " + small + " is 160x120; compare needs two videos of one picture size: scale "
        + "one to the other's first (e.g. ffmpeg -i B -vf scale=320:240 -c:v ffv1 B.mkv), or score an encode made with --vf "
        + "by encode --verify-quality, which measures through the same --vf", e.getMessage());
    // The advice works: scaled as it says, the two compare.
    Path scaled = dir.resolve("small-scaled.mkv");
    DebianFfmpeg.ffmpeg("-i", small.toString(), "-vf", "scale=320:240", "-c:v", "ffv1", scaled.toString());
    assertEquals(320, VideoComparison.compare(reference, scaled, null).width());
  }

  /**
   * RGB sources of an odd size (a 16-bit PNG-in-MOV, an 8-bit Ut Video) are compared at their own size:
   * the colour kernels take only even 4:2:0, so libswscale converts these (it used to fail at 10 bits).
   */
  @Test
  void oddSizedRgbSourcesAreComparedAtTheirOwnSize() {
    Path deep = dir.resolve("m16.mov");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "mandelbrot=size=321x241:rate=25", "-frames:v", "12", "-vf", "format=rgb48be",
        "-c:v", "png", deep.toString());
    Path eight = dir.resolve("m8.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=321x241:rate=25", "-frames:v", "12", "-vf", "format=gbrp",
        "-c:v", "utvideo", eight.toString());
    for (Path source : List.of(deep, eight)) {
      String frames = DebianFfmpeg.probe(source, "v:0", "stream=nb_read_frames", true).trim();
      QualityScore same = VideoComparison.compare(source, source, null).score();
      assertEquals(Integer.parseInt(frames.replaceAll("\\D", "")), same.frames(), source.toString());
      assertEquals(Double.POSITIVE_INFINITY, same.psnrAverage(), source.toString());
      assertEquals(1.0, same.ssimAll(), 1e-12, source.toString());
    }
  }

  /**
   * A source of an odd size against an encode of it (FrameFork's leaves the odd last row and column
   * out) is compared without them, and the result says so: the luma's PSNR is Debian's psnr filter's
   * between the encode and the source cropped alike. It was refused as two sizes.
   */
  @Test
  void anOddSourceIsComparedWithItsEncodeWithoutItsOddRowAndColumn() {
    Path source = dir.resolve("odd.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "12", "-vf",
        "scale=321:241,format=yuv444p", "-c:v", "ffv1", source.toString());
    Path encoded = dir.resolve("even.mp4");
    DebianFfmpeg.ffmpeg("-i", source.toString(), "-vf", "crop=320:240:0:0,format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
        "-crf", "35", encoded.toString());
    DebianFfmpeg.Result ff = DebianFfmpeg.run(List.of("ffmpeg", "-nostdin", "-v", "info", "-i", encoded.toString(), "-i",
        source.toString(), "-lavfi", "[1:v]crop=320:240:0:0[r];[0:v][r]psnr", "-f", "null", "-"));
    assertEquals(0, ff.exitCode(), ff.err());
    for (boolean sourceFirst : new boolean[] {true, false}) {
      VideoComparison.Result r = sourceFirst ? VideoComparison.compare(source, encoded, null)
          : VideoComparison.compare(encoded, source, null);
      assertEquals(320, r.width());
      assertEquals(240, r.height());
      assertEquals(12, r.score().frames());
      assertEquals(summary(ff.err(), "PSNR").get("y"), r.score().psnrY(), 0.01, "luma PSNR, source first: " + sourceFirst);
      assertEquals(source + " is 321x241: compared without its odd last row or column, as FrameFork's encode leaves it out",
          r.cropNote());
    }
  }
}
