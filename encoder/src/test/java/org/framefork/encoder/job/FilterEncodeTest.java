package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.framefork.encoder.verify.QualityScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encodes through the filter chain, checked with Debian's ffprobe and ffmpeg. */
class FilterEncodeTest {
  @TempDir Path dir;

  private static JobOptions options(Path in, Path out, String vf) {
    return JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 12, "ultrafast", 1))
        .withSplit(SplitMode.FIXED, 0, 20)
        .withMode(ExecutionMode.PARALLEL, 2)
        .withFilters(FilterChain.parse(vf));
  }

  /** The first frame of {@code file} as Debian's ffmpeg decodes it: yuv420p bytes. */
  private byte[] firstFrame(Path file) throws IOException {
    Path raw = dir.resolve(file.getFileName() + ".yuv");
    DebianFfmpeg.ffmpeg("-i", file.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p", raw.toString());
    return Files.readAllBytes(raw);
  }

  @Test
  void scaledGreyEncodeHasTheNewSizeEveryFrameAndNeutralColour() throws IOException {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = dir.resolve("gray.mp4");
    JobReport r = new EncodeJob(options(in, out, "scale=160:-1,gray"), null).run();
    assertEquals("160", DebianFfmpeg.probe(out, "v:0", "stream=width", false));
    assertEquals("120", DebianFfmpeg.probe(out, "v:0", "stream=height", false));
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
    assertEquals(160, r.output().width());
    assertEquals("scale=160:-1,gray", r.settings().filters());
    byte[] yuv = firstFrame(out);
    assertEquals(160 * 120 * 3 / 2, yuv.length);
    int lumaMin = 255;
    int lumaMax = 0;
    for (int i = 0; i < 160 * 120; i++) {
      lumaMin = Math.min(lumaMin, yuv[i] & 0xFF);
      lumaMax = Math.max(lumaMax, yuv[i] & 0xFF);
    }
    assertTrue(lumaMax - lumaMin > 100, "the picture is still there in luma");
    for (int i = 160 * 120; i < yuv.length; i++) {
      assertEquals(128, yuv[i] & 0xFF, 2, "chroma sample " + i);
    }
  }

  @Test
  void overlayAppearsWhereItWasPut() throws IOException {
    Path in = dir.resolve("grey.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=0x808080:s=320x240:r=25:d=1", "-c:v", "libx264", "-pix_fmt",
        "yuv420p", "-crf", "10", in.toString());
    Path logo = dir.resolve("logo.png");
    BufferedImage red = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        red.setRGB(x, y, 0xFFFF0000);
      }
    }
    ImageIO.write(red, "png", logo.toFile());
    // Entirely off the picture (or off the picture a scale before it makes): refused before any chunk, nothing written.
    for (String off : List.of(":5000:0", ":0:-240", ":-352:0", ":318:0")) {
      Path lost = dir.resolve("off.mp4");
      String vf = (off.equals(":318:0") ? "scale=160:120," : "") + "overlay=" + logo + off;
      var e = assertThrows(InputException.class, () -> new EncodeJob(options(in, lost, vf), null).run(), vf);
      assertTrue(e.getMessage().contains("lies entirely outside the " + (off.equals(":318:0") ? "160x120" : "320x240")
          + " frame"), e.getMessage());
      assertFalse(Files.exists(lost), vf);
      try (var left = Files.list(dir)) {
        assertTrue(left.noneMatch(f -> f.getFileName().toString().contains("framefork")), "no work folder: " + vf);
      }
    }
    // Shown on the frame that reaches it, then cut away entirely by a crop after it: refused as well.
    for (String vf : List.of("overlay=" + logo + ":-16:-16,crop=160:120", "overlay=" + logo + ":-16:-16,scale=160:120,crop=64:64:0:0")) {
      Path lost = dir.resolve("hidden.mp4");
      var e = assertThrows(InputException.class, () -> new EncodeJob(options(in, lost, vf), null).run(), vf);
      assertEquals("--vf overlay=" + logo + ":-16:-16: the 32x32 picture at (272, 192) of the 320x240 frame is cut away "
          + "entirely by the " + vf.substring(vf.lastIndexOf(",") + 1) + " after it, which keeps none of it; put the overlay "
          + "after the crop, or give a position the crop keeps", e.getMessage());
      assertFalse(Files.exists(lost), vf);
    }
    Path out = dir.resolve("logo.mp4");
    new EncodeJob(options(in, out, "overlay=" + logo + ":-16:16"), null).run();
    byte[] yuv = firstFrame(out);
    int vPlane = 320 * 240 + 160 * 120;
    // 32x32 red, 16 pixels from the right edge and 16 from the top: x in [272, 304), y in [16, 48).
    for (int y = 0; y < 240; y += 2) {
      for (int x = 0; x < 320; x += 2) {
        boolean inside = x >= 272 && x < 304 && y >= 16 && y < 48;
        boolean edge = x >= 268 && x < 308 && y >= 12 && y < 52 && !inside;
        if (edge) {
          continue; // the encoder may blur the logo's border
        }
        int luma = yuv[y * 320 + x] & 0xFF;
        int v = yuv[vPlane + (y / 2) * 160 + x / 2] & 0xFF;
        if (inside) {
          assertEquals(82, luma, 4, "red's luma (BT.601) at " + x + "," + y);
          assertTrue(v > 230, "red's V at " + x + "," + y + ": " + v);
        } else {
          assertEquals(126, luma, 4, "grey's luma at " + x + "," + y);
          assertEquals(128, v, 3, "grey's V at " + x + "," + y);
        }
      }
    }
  }

  @Test
  void verifyQualityReportsDebiansFiguresAndMeasuresAgainstTheFilteredSource() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = dir.resolve("plain.mkv");
    JobReport r = new EncodeJob(options(in, out, "").withVerifyQuality(true), null).run();
    QualityScore q = r.quality().overall();
    assertEquals(DebianFfmpeg.decodedFrames(in), q.frames());
    double[] debian = DebianFfmpeg.ssimPsnr(out, in);
    assertEquals(debian[0], q.ssimAll(), 0.001);
    assertEquals(debian[1], q.psnrAverage(), 0.01);

    // Grey output against a grey reference: colour is near-perfect; against the colour source it would not be.
    Path grey = dir.resolve("grey.mkv");
    assertMeasuredAgainstAGreyReference(new EncodeJob(options(in, grey, "gray").withVerifyQuality(true), null).run(),
        grey, in);
  }

  /**
   * {@code report}'s quality, of {@code grey} (the source encoded through {@code gray}), is against
   * a grey reference: colour planes near-perfect, far better than against the colour source (as
   * Debian's ffmpeg measures it).
   */
  static void assertMeasuredAgainstAGreyReference(JobReport report, Path grey, Path source) {
    QualityScore g = report.quality().overall();
    double[] againstColour = DebianFfmpeg.ssimPsnr(grey, source);
    assertTrue(g.psnrU() > 45 && g.psnrV() > 45, "colour planes match the grey reference: " + g);
    assertTrue(g.psnrAverage() > againstColour[1] + 3, g + " vs " + againstColour[1]);
  }

  @Test
  void resumeWithOtherFiltersIsRefused() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = dir.resolve("resume.mp4");
    JobOptions blur = options(in, out, "blur=2").withMode(ExecutionMode.SEQUENTIAL, 1);
    EncodeJob[] job = new EncodeJob[1];
    job[0] = new EncodeJob(blur, e -> {
      if (e instanceof JobEvent.ChunkFinished) {
        job[0].cancel();
      }
    });
    org.junit.jupiter.api.Assertions.assertThrows(JobCancelledException.class, job[0]::run);
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.framefork.encoder.probe.InputException.class,
        () -> new EncodeJob(options(in, out, "blur=3").withMode(ExecutionMode.SEQUENTIAL, 1).withResume(true), null).run());
    assertTrue(e.getMessage().contains("other filters (--vf \"blur=2\")"), e.getMessage());
    // The refusal leaves the interrupted job's chunks in place for a resume with the right filters.
    JobReport resumed = new EncodeJob(blur.withResume(true), null).run();
    assertEquals(1, resumed.chunks().reused());
  }
}
