package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10-bit source made by Debian's ffmpeg, encoded with {@code --vf}: the filters run at 10 bits,
 * so the output stays 10-bit (h265) with the source's colour tags, and what comes out is checked
 * by Debian's ffprobe and ffmpeg: pixel format, tags, size, frame count, samples that use all 10
 * bits, a scale close to FFmpeg's own 10-bit bilinear one, and an 8-bit output dithered after the
 * filters.
 */
class TenBitFilterEncodeTest {
  private static final List<String> COLOUR_TAGS = List.of("color_range", "color_space", "color_transfer", "color_primaries");
  /**
   * PSNR (all planes, 10-bit peak) of our scale, through x265 at CRF 0, against FFmpeg's 10-bit
   * bilinear scale. Measured on 2026-12-06 (256x144 to 384x216): ours 57.9 dB; FFmpeg's own
   * bilinear output through the same x265 CRF 0 scores 57.7 against itself, so the codec, not the
   * scale, sets the figure; FFmpeg's bicubic scores 40.1 against its bilinear. 55 dB lies between
   * another scaler and the codec's floor. (An 8-bit scale shifted to 10 bits would score 61.4
   * before encoding: the 10 bits themselves are checked by the samples between 8-bit levels.)
   */
  private static final double MIN_PSNR_AGAINST_FFMPEG = 55;

  @TempDir Path tmp;

  private static JobOptions options(Path in, Path out, VideoCodec codec, int depth, int crf, String vf) {
    // Fixed chunks of 10 frames against keyframes every 12: most chunks start between keyframes.
    return JobOptions.defaults(in, out)
        .withOutput(out, Container.MKV)
        .withVideo(new EncodeSettings(codec, crf, "ultrafast", 1, PictureFormat.requested(depth)))
        .withFilters(FilterChain.parse(vf))
        .withSplit(SplitMode.FIXED, 0, 10)
        .withMode(ExecutionMode.PARALLEL, 2);
  }

  @Test
  void aFilteredTenBitSourceStaysTenBitWithItsTagsSizeAndFrames() throws IOException {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    Path logo = logo(tmp.resolve("logo.png"));
    Path out = tmp.resolve("filtered.mkv");
    String vf = "scale=192:-1,eq=0.02:1.1:1.2,blur=1,sharpen=0.5:2,denoise=4:10,overlay=" + logo + ":8:-8";
    JobReport report = new EncodeJob(options(in, out, VideoCodec.H265, 0, 20, vf), null).run();

    JsonNode src = videoStream(in);
    JsonNode dst = videoStream(out);
    assertEquals("yuv420p10le", dst.path("pix_fmt").asText(), dst::toString);
    for (String tag : COLOUR_TAGS) {
      assertEquals(src.path(tag).asText(), dst.path(tag).asText(), tag);
    }
    assertEquals(192, dst.path("width").asInt());
    assertEquals(108, dst.path("height").asInt());
    assertEquals(50, DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.videoDecodeErrors(out));
    assertTrue(report.notes().stream().noneMatch(n -> n.contains("bits")), report.notes()::toString);
    // Filtered at 10 bits, not at 8 and shifted: most samples are not multiples of 4.
    short[] luma = lumaOfFirstFrame(out, 192 * 108);
    long off = 0;
    for (short s : luma) {
      off += (s & 3) != 0 ? 1 : 0;
    }
    assertTrue(off > luma.length / 2, off + " of " + luma.length + " samples between 8-bit levels");
  }

  /**
   * Our bilinear scale of the 10-bit source, encoded almost losslessly, against Debian's ffmpeg's
   * own bilinear scale of the same source at 10 bits.
   */
  @Test
  void scaleOnlyIsCloseToFfmpegsTenBitBilinearScale() {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    Path out = tmp.resolve("scaled.mkv");
    new EncodeJob(options(in, out, VideoCodec.H265, 0, 0, "scale=384:216"), null).run();
    assertEquals("yuv420p10le", videoStream(out).path("pix_fmt").asText());
    Path reference = tmp.resolve("ffmpeg-bilinear.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "scale=384:216:flags=bilinear", "-pix_fmt", "yuv420p10le",
        "-c:v", "ffv1", reference.toString());
    double psnr = DebianFfmpeg.ssimPsnr(out, reference)[1];
    assertTrue(psnr >= MIN_PSNR_AGAINST_FFMPEG, "PSNR against ffmpeg's 10-bit bilinear scale: " + psnr);
  }

  /**
   * {@code --verify-quality} of a filtered 10-bit encode measures at 10 bits against the source put
   * through the same filters at 10 bits: grey output against a grey reference has near-perfect
   * colour planes, far better than against the colour source (Debian's ffmpeg's figure).
   */
  @Test
  void verifyQualityMeasuresAgainstTheSourceFilteredAtTenBits() {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    Path out = tmp.resolve("grey.mkv");
    JobReport report = new EncodeJob(options(in, out, VideoCodec.H265, 0, 20, "gray").withVerifyQuality(true), null).run();
    assertEquals(50, report.quality().overall().frames());
    assertEquals("yuv420p10le", videoStream(out).path("pix_fmt").asText());
    FilterEncodeTest.assertMeasuredAgainstAGreyReference(report, out, in);
  }

  /**
   * {@code --depth 8} with filters: filtered at 10 bits and dithered after. A flat 10-bit grey of
   * 514 (128.5 at 8 bits), blurred: dithered last it stays a mix of 128 and 129 with the mean
   * 128.5; dithered first, the blur would average the pattern back to 128.5 and round every
   * sample to 129. Encoded losslessly (x264 at CRF 0), so the encoder keeps the pattern.
   */
  @Test
  void eightBitOutputIsFilteredAtTenBitsThenDithered() {
    Path in = TestMedia.get(TestMedia.FLAT_LUMA_514);
    Path out = tmp.resolve("dithered.mkv");
    JobReport r = new EncodeJob(options(in, out, VideoCodec.H264, 8, 0, "blur=2"), null).run();
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("dithered") && n.contains("--depth 8")), r.notes()::toString);
    assertEquals("yuv420p", videoStream(out).path("pix_fmt").asText());
    Path raw = tmp.resolve("dithered.yuv");
    DebianFfmpeg.ffmpeg("-i", out.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p", raw.toString());
    int[] histogram = new int[256];
    long sum = 0;
    byte[] frame = read(raw);
    for (int i = 0; i < 64 * 64; i++) {
      histogram[frame[i] & 0xFF]++;
      sum += frame[i] & 0xFF;
    }
    assertTrue(histogram[128] > 64 * 64 / 4 && histogram[129] > 64 * 64 / 4,
        "both levels, not one: 128 x " + histogram[128] + ", 129 x " + histogram[129]);
    assertEquals(128.5, (double) sum / (64 * 64), 0.05);
  }

  /** A 40x20 RGBA logo: an opaque white bar over a half-transparent red one. */
  private static Path logo(Path file) throws IOException {
    BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 40; x++) {
        img.setRGB(x, y, y < 10 ? 0xFFFFFFFF : 0x80FF0000);
      }
    }
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  private static short[] lumaOfFirstFrame(Path file, int samples) {
    Path raw = file.resolveSibling(file.getFileName() + ".yuv");
    DebianFfmpeg.ffmpeg("-i", file.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p10le", raw.toString());
    short[] luma = new short[samples];
    ByteBuffer.wrap(read(raw)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(luma);
    return luma;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode videoStream(Path file) {
    JsonNode st = DebianFfmpeg.probeJson(file, "-select_streams", "v:0", "-show_streams").path("streams").get(0);
    assertNotNull(st, file + " has no video stream");
    return st;
  }
}
