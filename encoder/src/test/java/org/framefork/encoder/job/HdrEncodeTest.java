package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.media.HdrMetadata;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.framefork.encoder.verify.Verification;
import org.framefork.encoder.verify.Verifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10-bit and HDR sources made by Debian's ffmpeg, encoded in chunks, and the outputs read back by
 * Debian's ffprobe: bits per sample, colour tags, HDR10 metadata in the container and in the
 * bitstream, the segments' parameter sets, and dithering on the way down to 8 bits.
 */
class HdrEncodeTest {
  private static final List<String> COLOUR_TAGS = List.of("color_range", "color_space", "color_transfer", "color_primaries");
  private static final List<String> MASTERING_FIELDS = List.of("red_x", "red_y", "green_x", "green_y", "blue_x", "blue_y",
      "white_point_x", "white_point_y", "min_luminance", "max_luminance");
  private static final List<String> LIGHT_FIELDS = List.of("max_content", "max_average");

  @TempDir Path tmp;

  private static JobOptions options(Path in, Path out, Container container, VideoCodec codec, int depth, int crf) {
    // Fixed chunks of 10 frames against keyframes every 12: most chunks start between keyframes.
    return JobOptions.defaults(in, out)
        .withOutput(out, container)
        .withVideo(new EncodeSettings(codec, crf, "ultrafast", 1, PictureFormat.requested(depth)))
        .withSplit(SplitMode.FIXED, 0, 10)
        .withMode(ExecutionMode.PARALLEL, 2);
  }

  @ParameterizedTest
  @EnumSource(value = VideoCodec.class, names = {"H265", "AV1"})
  void hdr10StaysTenBitWithItsTagsAndMetadataInEverySegment(VideoCodec codec) throws IOException {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    Container container = codec == VideoCodec.AV1 ? Container.MKV : Container.MP4;
    Path out = tmp.resolve("out." + container.extension());
    Path work = tmp.resolve("work");
    JobReport report = new EncodeJob(options(in, out, container, codec, 0, codec.defaultCrf())
        .withWorkDir(work).withWorkKept(WorkKept.ALWAYS), null).run();

    JsonNode src = videoStream(in);
    JsonNode dst = videoStream(out);
    assertEquals("yuv420p10le", dst.path("pix_fmt").asText(), dst::toString);
    for (String tag : COLOUR_TAGS) {
      assertEquals(src.path(tag).asText(), dst.path(tag).asText(), tag);
    }
    assertEquals("smpte2084", dst.path("color_transfer").asText());
    if (codec == VideoCodec.H265) {
      assertEquals("hvc1", dst.path("codec_tag_string").asText(), "the tag Apple's players need");
    }
    // The report says what verification checked: the depth, transfer, primaries and metadata ffprobe reads.
    Verification.OutputPicture checked = report.verification().outputPicture();
    assertEquals(new Verification.OutputPicture(10, "HDR10", dst.path("color_transfer").asText(),
        dst.path("color_primaries").asText(), dst.path("color_space").asText(), true), checked);
    assertEquals("10-bit, HDR10 (PQ, BT.2020) with its static metadata", checked.describe());
    Map<String, Long> sourceMetadata = metadata(firstFrameSideData(in));
    assertEquals(MASTERING_FIELDS.size() + LIGHT_FIELDS.size(), sourceMetadata.size(), sourceMetadata::toString);
    assertEquals(sourceMetadata, metadata(dst.path("side_data_list")), "the container's record of the metadata");
    assertEquals(sourceMetadata, metadata(firstFrameSideData(out)), "the bitstream's own metadata");
    assertEquals(50, DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.videoDecodeErrors(out));
    assertTrue(report.notes().stream().noneMatch(n -> n.contains("bits")), report.notes()::toString);
    assertSegmentsAgree(work, report.chunks().count(), sourceMetadata);
  }

  /** Verification fails an output whose depth or HDR10 metadata is not what the encoders were given. */
  @Test
  void verificationCatchesAWrongDepthOrMetadata() {
    Path in = TestMedia.get(TestMedia.HDR10_HEVC);
    MediaInfo source = Prober.probe(in);
    HdrMetadata real = source.video().hdr().staticMetadata();
    Verification asIs = Verifier.verify(source, in, false, 0,
        new PictureFormat(10, real, true));
    assertTrue(asIs.passed(), asIs.problems()::toString);
    Verification eightBit = Verifier.verify(source, in, false, 0,
        new PictureFormat(8, real, true));
    assertTrue(eightBit.problems().contains("the output's pictures are 10-bit, not 8-bit as asked"), eightBit.problems()::toString);
    HdrMetadata brighter = new HdrMetadata(real.masteringDisplay(), new HdrMetadata.ContentLight(4000, 400));
    Verification wrong = Verifier.verify(source, in, false, 0,
        new PictureFormat(10, brighter, true));
    assertTrue(wrong.problems().contains("the output's HDR10 metadata is different from the source's"), wrong.problems()::toString);
  }

  /**
   * Every segment: 10-bit, the same parameter sets (the decoder configuration record the joiner
   * takes from the first holds for all), the same metadata.
   */
  private static void assertSegmentsAgree(Path work, int segments, Map<String, Long> metadata) {
    assertTrue(segments >= 4, "the test needs several chunks, not " + segments);
    String first = null;
    for (int i = 0; i < segments; i++) {
      Path seg = work.resolve(String.format("chunks/%05d.mkv", i));
      JsonNode st = DebianFfmpeg.probeJson(seg, "-show_data", "-select_streams", "v:0", "-show_streams").path("streams").get(0);
      assertEquals("yuv420p10le", st.path("pix_fmt").asText(), seg::toString);
      String extradata = st.path("extradata").asText();
      assertFalse(extradata.isEmpty(), seg + " has no parameter sets");
      if (first == null) {
        first = extradata;
      }
      assertEquals(first, extradata, seg + ": its parameter sets differ from the first segment's");
      assertEquals(metadata, metadata(firstFrameSideData(seg)), seg::toString);
    }
  }

  /**
   * Also --verify-quality at 10 bits: its PSNR and SSIM are those of Debian's filters on the pair
   * at 10 bits (peak 1023), not of an 8-bit copy.
   */
  @Test
  void hlgStaysTenBitHlgWithoutInventedMetadata() {
    Path in = TestMedia.get(TestMedia.HLG_HEVC);
    Path out = tmp.resolve("hlg.mkv");
    JobReport r = new EncodeJob(options(in, out, Container.MKV, VideoCodec.H265, 0, 28).withVerifyQuality(true), null).run();
    double[] ssimPsnr = DebianFfmpeg.ssimPsnr(out, in);
    assertEquals(ssimPsnr[1], r.quality().overall().psnrAverage(), 0.01);
    assertEquals(ssimPsnr[0], r.quality().overall().ssimAll(), 1e-5);
    assertTrue(r.notes().contains("VMAF's model vmaf_v0.6.1 is made for SDR: it scored the HLG pictures' code values, not "
        + "their light as viewed"), r.notes()::toString);
    JsonNode dst = videoStream(out);
    assertEquals("yuv420p10le", dst.path("pix_fmt").asText());
    assertEquals("arib-std-b67", dst.path("color_transfer").asText());
    assertEquals("bt2020", dst.path("color_primaries").asText());
    assertEquals(Map.of(), metadata(dst.path("side_data_list")));
    assertEquals(Map.of(), metadata(firstFrameSideData(out)));
    assertEquals("10-bit, HLG (BT.2020)", r.verification().outputPicture().describe());
  }

  @Test
  void h264StaysEightBitUnlessAskedAndSaysSo() {
    Path in = TestMedia.get(TestMedia.H264_HIGH10);
    Path eight = tmp.resolve("eight.mp4");
    JobReport r = new EncodeJob(options(in, eight, Container.MP4, VideoCodec.H264, 0, 23), null).run();
    assertEquals("yuv420p", videoStream(eight).path("pix_fmt").asText());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("dithered (not truncated) from 10 to 8 bits") && n.contains("--depth 10")),
        r.notes()::toString);

    Path ten = tmp.resolve("ten.mp4");
    JobReport r10 = new EncodeJob(options(in, ten, Container.MP4, VideoCodec.H264, 10, 23), null).run();
    JsonNode st = videoStream(ten);
    assertEquals("yuv420p10le", st.path("pix_fmt").asText());
    assertEquals("High 10", st.path("profile").asText());
    assertEquals("bt709", st.path("color_transfer").asText());
    assertTrue(r10.notes().isEmpty(), r10.notes()::toString);
  }

  /**
   * A 12-bit source made 10-bit 4:2:0 by h265, and the note says how: libswscale rounds where it
   * converts (a 4:2:2 camera source) and dithers where it copies the planes at fewer bits (4:2:0).
   */
  @ParameterizedTest
  @CsvSource({"yuv422p12le, rounded", "yuv420p12le, dithered"})
  void twelveBitBecomesTenAndSaysHowAndWhy(String pixels, String how) {
    Path in = tmp.resolve("camera-" + pixels + ".mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=256x144:rate=25:duration=0.4", "-pix_fmt", pixels,
        "-c:v", "ffv1", in.toString());
    Path out = tmp.resolve("ten-from-" + pixels + ".mkv");
    JobReport r = new EncodeJob(options(in, out, Container.MKV, VideoCodec.H265, 0, 28), null).run();
    assertEquals("yuv420p10le", videoStream(out).path("pix_fmt").asText());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains(pixels) && n.contains("10-bit 4:2:0 (yuv420p10le)")
        && n.contains(how + " (not truncated) from 12 to 10 bits: FrameFork writes at most 10")), r.notes()::toString);
  }

  @Test
  void vp9RefusesTenBitsInThisBuild() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EncodeSettings(VideoCodec.VP9, 32, "medium", 1, PictureFormat.requested(10)));
    assertTrue(e.getMessage().contains("h265 or av1"), e.getMessage());
  }

  /**
   * Luma 514 of 1023 lies halfway between the 8-bit levels 128 and 129: truncation makes it all
   * 128, rounding all one level; dithering mixes the two so that the mean stays 128.5. Encoded
   * losslessly (x264 at CRF 0), so the encoder keeps the pattern.
   */
  @Test
  void tenToEightBitsIsDitheredNotTruncated() {
    Path in = TestMedia.get(TestMedia.FLAT_LUMA_514);
    Path out = tmp.resolve("dithered.mkv");
    JobReport r = new EncodeJob(options(in, out, Container.MKV, VideoCodec.H264, 8, 0), null).run();
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("dithered") && n.contains("--depth 8")), r.notes()::toString);
    assertEquals("yuv420p", videoStream(out).path("pix_fmt").asText());
    byte[] luma = lumaOfFirstFrame(out, 64 * 64);
    int[] histogram = new int[256];
    long sum = 0;
    for (byte b : luma) {
      histogram[b & 0xFF]++;
      sum += b & 0xFF;
    }
    assertEquals(luma.length, histogram[128] + histogram[129], "only the two nearest levels");
    assertTrue(histogram[128] > luma.length / 4 && histogram[129] > luma.length / 4,
        "both levels, not one: 128 x " + histogram[128] + ", 129 x " + histogram[129]);
    assertEquals(128.5, (double) sum / luma.length, 0.05);
  }

  /**
   * --tonemap on an HDR10 grey scale: BT.709 SDR tags and no HDR metadata (Debian's ffprobe), and
   * the pictures of FFmpeg's own chain (zscale to linear light, tonemap=hable, zscale to BT.709):
   * equal to a level, except where that chain leaves the legal range above white (it does not
   * clip), which SDR white (235) must replace.
   */
  @Test
  void toneMappingGivesBt709SdrLikeFfmpegsHableChain() throws IOException {
    Path in = tmp.resolve("hdr10-grey.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=256x144:rate=25:duration=0.4,format=yuv420p10le,lutyuv=u=512:v=512",
        "-c:v", "libx265", "-x265-params", "log-level=error:crf=12:master-display=" + TestMedia.HDR10_MASTER_DISPLAY
            + ":max-cll=" + TestMedia.HDR10_MAX_CLL,
        "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", in.toString());
    Path out = tmp.resolve("sdr.mkv");
    JobOptions o = options(in, out, Container.MKV, VideoCodec.H264, 0, 0);
    o = o.withVideo(o.video().withPicture(PictureFormat.requested(0).withToneMap(HdrToSdr.Curve.HABLE)));
    JobReport r = new EncodeJob(o, null).run();
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("tone-mapped from HDR10") && n.contains("hable")), r.notes()::toString);

    JsonNode st = videoStream(out);
    assertEquals("yuv420p", st.path("pix_fmt").asText());
    for (String tag : List.of("color_space", "color_transfer", "color_primaries")) {
      assertEquals("bt709", st.path(tag).asText(), tag);
    }
    assertEquals("tv", st.path("color_range").asText());
    assertEquals(Map.of(), metadata(st.path("side_data_list")));
    assertEquals(Map.of(), metadata(firstFrameSideData(out)));

    Path reference = tmp.resolve("ffmpeg-hable.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,"
        + "tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p", "-c:v", "ffv1", reference.toString());
    byte[] mine = lumaOfFirstFrame(out, 256 * 144);
    byte[] theirs = lumaOfFirstFrame(reference, 256 * 144);
    int compared = 0;
    for (int i = 0; i < mine.length; i++) {
      int m = mine[i] & 0xFF;
      int t = theirs[i] & 0xFF;
      if (t <= 235) {
        assertTrue(Math.abs(m - t) <= 1, "sample " + i + ": " + m + ", FFmpeg's chain " + t);
        compared++;
      } else {
        assertEquals(235, m, "sample " + i + " is above white in FFmpeg's chain (" + t + ")");
      }
    }
    assertTrue(compared > mine.length / 2, "most samples are within range: " + compared);
  }

  /**
   * The filters run on the tone-mapped pictures, which are limited-range SDR whatever the PQ
   * source's range: a dark-grey overlay (RGB 32) on a full-range HDR10 source must come out as
   * limited range's 32 (luma 44), not as full range's (32, which reads back as RGB 19).
   */
  @Test
  void anOverlayOnAToneMappedFullRangeSourceIsLimitedRange() throws IOException {
    Path in = tmp.resolve("hdr10-full.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=256x144:rate=25:duration=0.4,format=yuv420p10le",
        "-c:v", "libx265", "-x265-params", "log-level=error:crf=12:range=full", "-color_range", "pc",
        "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", in.toString());
    assertEquals("pc", videoStream(in).path("color_range").asText());
    Path out = toneMappedWithLogo(in, "202020");
    assertEquals("tv", videoStream(out).path("color_range").asText());
    byte[] luma = lumaOfFirstFrame(out, 256 * 144);
    int centre = luma[64 * 256 + 64] & 0xFF;
    assertTrue(Math.abs(centre - 44) <= 2, "the overlay's luma: " + centre + ", limited range's RGB 32 is 44");
  }

  /**
   * A tone-mapped picture is BT.709 whatever its height: a coloured overlay on a 144-line PQ source
   * (whose own matrix, bt2020nc under 720 lines, would read as BT.601) is drawn with BT.709's
   * coefficients. Red RGB(192, 0, 0) in limited range is Y 51, Cb 109 in BT.709 (BT.601: Y 65, Cb 100),
   * read by Debian's ffmpeg.
   */
  @Test
  void anOverlayOnAToneMappedSmallSourceUsesBt709() throws IOException {
    Path in = tmp.resolve("hdr10-small.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=256x144:rate=25:duration=0.4,format=yuv420p10le",
        "-c:v", "libx265", "-x265-params", "log-level=error:crf=12", "-color_primaries", "bt2020",
        "-color_trc", "smpte2084", "-colorspace", "bt2020nc", in.toString());
    Path out = toneMappedWithLogo(in, "C00000");
    assertEquals("bt709", videoStream(out).path("color_space").asText());
    byte[] frame = lumaOfFirstFrame(out, 256 * 144 * 3 / 2);
    int y = frame[64 * 256 + 64] & 0xFF;
    int cb = frame[256 * 144 + 32 * 128 + 32] & 0xFF;
    assertTrue(Math.abs(y - 51) <= 2, "the overlay's luma: " + y + ", BT.709's is 51 (BT.601's 65)");
    assertTrue(Math.abs(cb - 109) <= 2, "the overlay's Cb: " + cb + ", BT.709's is 109 (BT.601's 100)");
  }

  /**
   * A Dolby Vision profile 8.1 file as a phone makes it, minus the RPUs: the HDR10 source remuxed
   * by FFmpeg with a DOVI configuration record (Debian's ffmpeg has no way to add one). The output
   * keeps the HDR10 base layer; the report says the Dolby Vision layer was dropped.
   */
  @Test
  void dolbyVisionKeepsItsBaseLayerAndSaysTheRestWasDropped() {
    Path in = tmp.resolve("dolby-vision.mkv");
    remuxWithDolbyVisionRecord(TestMedia.get(TestMedia.HDR10_HEVC), in, 8);
    assertTrue(DebianFfmpeg.probeJson(in, "-select_streams", "v:0", "-show_streams").toString().contains("DOVI configuration record"),
        "the source needs a Dolby Vision record that Debian's ffprobe sees");
    assertEquals(Integer.valueOf(8), Prober.probe(in).video().hdr().dolbyVisionProfile());
    Path out = tmp.resolve("dv-out.mkv");
    JobReport r = new EncodeJob(options(in, out, Container.MKV, VideoCodec.H265, 0, 28), null).run();
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("Dolby Vision layer (profile 8) was dropped") && n.contains("HDR10 base layer")),
        r.notes()::toString);
    JsonNode st = videoStream(out);
    assertEquals("yuv420p10le", st.path("pix_fmt").asText());
    assertEquals("smpte2084", st.path("color_transfer").asText());
    assertFalse(st.toString().contains("DOVI"), "no Dolby Vision claim in the output: " + st);
  }

  /** Profile 5 has no base layer a player can show without Dolby Vision: the note says the colours are wrong. */
  @Test
  void dolbyVisionProfileFiveSaysItsColoursAreLost() {
    Path in = tmp.resolve("dolby-vision-5.mkv");
    remuxWithDolbyVisionRecord(TestMedia.get(TestMedia.HDR10_HEVC), in, 5);
    JobReport r = new EncodeJob(options(in, tmp.resolve("dv5.mkv"), Container.MKV, VideoCodec.H265, 0, 28), null).run();
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("profile 5") && n.contains("colours are wrong")), r.notes()::toString);
  }

  private static void remuxWithDolbyVisionRecord(Path from, Path to, int profile) {
    org.bytedeco.ffmpeg.avformat.AVFormatContext in = new org.bytedeco.ffmpeg.avformat.AVFormatContext(null);
    org.bytedeco.ffmpeg.avformat.AVFormatContext out = new org.bytedeco.ffmpeg.avformat.AVFormatContext(null);
    org.bytedeco.ffmpeg.avcodec.AVPacket pkt = avcodec.av_packet_alloc();
    try {
      Ffmpeg.check(avformat.avformat_open_input(in, from.toString(), null, null), "open");
      Ffmpeg.check(avformat.avformat_find_stream_info(in, (org.bytedeco.javacpp.PointerPointer<?>) null), "info");
      Ffmpeg.check(avformat.avformat_alloc_output_context2(out, null, "matroska", to.toString()), "muxer");
      org.bytedeco.ffmpeg.avformat.AVStream st = avformat.avformat_new_stream(out, null);
      Ffmpeg.check(avcodec.avcodec_parameters_copy(st.codecpar(), in.streams(0).codecpar()), "parameters");
      st.codecpar().codec_tag(0);
      st.time_base(in.streams(0).time_base());
      // version 1.0, profile, level 1, RPU and base layer present, no enhancement layer, base layer
      // compatible with HDR10 (id 1), no metadata compression.
      byte[] record = {1, 0, (byte) profile, 1, 1, 0, 1, 1, 0};
      Ffmpeg.newStreamSideData(st.codecpar(), avcodec.AV_PKT_DATA_DOVI_CONF, record.length).put(record);
      org.bytedeco.ffmpeg.avformat.AVIOContext pb = new org.bytedeco.ffmpeg.avformat.AVIOContext(null);
      Ffmpeg.check(avformat.avio_open(pb, to.toString(), avformat.AVIO_FLAG_WRITE), "create");
      out.pb(pb);
      Ffmpeg.check(avformat.avformat_write_header(out, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "header");
      while (avformat.av_read_frame(in, pkt) >= 0) {
        avcodec.av_packet_rescale_ts(pkt, in.streams(0).time_base(), st.time_base());
        pkt.stream_index(0);
        Ffmpeg.check(avformat.av_interleaved_write_frame(out, pkt), "write");
      }
      Ffmpeg.check(avformat.av_write_trailer(out), "trailer");
    } finally {
      avcodec.av_packet_free(pkt);
      avformat.avformat_close_input(in);
      if (out.pb() != null && !out.pb().isNull()) {
        avformat.avio_closep(out.pb());
      }
      avformat.avformat_free_context(out);
    }
  }

  /** {@code in} tone-mapped (Hable) to H.264 with a 64x64 logo of RGB {@code colour} (hex) at 32,32 over it. */
  private Path toneMappedWithLogo(Path in, String colour) {
    Path logo = tmp.resolve(colour + ".png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=0x" + colour + ":size=64x64", "-frames:v", "1", logo.toString());
    Path out = tmp.resolve("sdr-overlay-" + colour + ".mkv");
    JobOptions o = options(in, out, Container.MKV, VideoCodec.H264, 0, 0)
        .withFilters(org.framefork.encoder.encode.filter.FilterChain.parse("overlay=" + logo + ":32:32"));
    o = o.withVideo(o.video().withPicture(PictureFormat.requested(0).withToneMap(HdrToSdr.Curve.HABLE)));
    new EncodeJob(o, null).run();
    return out;
  }

  private static byte[] lumaOfFirstFrame(Path file, int samples) {
    Path raw = file.resolveSibling(file.getFileName() + ".yuv");
    DebianFfmpeg.ffmpeg("-i", file.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p", raw.toString());
    try {
      byte[] all = Files.readAllBytes(raw);
      return Arrays.copyOf(all, samples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode videoStream(Path file) {
    JsonNode st = DebianFfmpeg.probeJson(file, "-select_streams", "v:0", "-show_streams").path("streams").get(0);
    assertNotNull(st, file + " has no video stream");
    return st;
  }

  private static JsonNode firstFrameSideData(Path file) {
    return DebianFfmpeg.probeJson(file, "-select_streams", "v:0", "-show_frames", "-read_intervals", "%+#1")
        .path("frames").get(0).path("side_data_list");
  }

  /**
   * The mastering display and content light fields of a side data list, by name, in the units of
   * H.265's SEI (chromaticity in 0.00002, luminance in 0.0001 cd/m²): containers store them as
   * other fractions (Matroska as floats, which ffprobe reduces), the same values.
   */
  private static Map<String, Long> metadata(JsonNode sideData) {
    Map<String, Long> m = new HashMap<>();
    Stream.concat(MASTERING_FIELDS.stream(), LIGHT_FIELDS.stream()).forEach(key -> sideData.forEach(sd -> {
      if (sd.has(key)) {
        String[] q = sd.path(key).asText().split("/");
        double v = Double.parseDouble(q[0]) / (q.length > 1 ? Double.parseDouble(q[1]) : 1);
        double units = key.endsWith("luminance") ? 10_000 : LIGHT_FIELDS.contains(key) ? 1 : 50_000;
        m.put(key, Math.round(v * units));
      }
    }));
    return m;
  }
}
