package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.ChildProcess;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tone-mapped HDR10 job is previewed tone-mapped, as its output looks: the preview's mean
 * brightness is within a few levels of the engine's output's first picture, as Debian's ffmpeg
 * decodes it. Decoded straight to 8 bits with the BT.2020 matrix (as it was), the PQ picture looked
 * washed out, its brightness far from the output's.
 */
class ToneMappedThumbnailTest {
  @TempDir Path dir;

  @Test
  void aToneMappedJobIsPreviewedAsItsOutputLooks() throws Exception {
    Path in = dir.resolve("hdr10.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=256x144:rate=25:duration=0.4,format=yuv420p10le",
        "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:crf=12:master-display="
            + TestMedia.HDR10_MASTER_DISPLAY + ":max-cll=" + TestMedia.HDR10_MAX_CLL,
        "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", in.toString());
    Path out = dir.resolve("sdr.mkv");
    EncodeSettings video = new EncodeSettings(VideoCodec.H264, 0, "ultrafast", 1,
        PictureFormat.requested(0).withToneMap(HdrToSdr.Curve.HABLE));
    JobOptions o = JobOptions.defaults(in, out).withOutput(out, Container.MKV).withVideo(video)
        .withSplit(SplitMode.FIXED, 0, 10).withMode(ExecutionMode.PARALLEL, 2);
    new EncodeJob(o, null).run();
    double output = meanLuma(debian(out));

    MediaInfo media = Prober.probe(in);
    PictureFormat settled = video.picture().resolve(video.codec(), media.video().bitDepth(),
        media.video().hdr().staticMetadata(), true);
    BufferedImage preview = thumbnail(in, media, settled);
    BufferedImage untoned = thumbnail(in, media, null);
    double shown = meanLuma(Pictures.rgb(preview));
    double before = meanLuma(Pictures.rgb(untoned));
    System.out.printf("mean luma: output %.2f, preview %.2f, preview without the tone map %.2f%n", output, shown, before);
    double psnr = Pictures.psnr(Pictures.rgb(preview), debian(out));
    double untonedPsnr = Pictures.psnr(Pictures.rgb(untoned), debian(out));
    System.out.printf("PSNR against the output: preview %.2f dB, without the tone map %.2f dB%n", psnr, untonedPsnr);
    assertTrue(Math.abs(shown - output) <= 3, "the preview " + shown + " against the output's " + output);
    // 49.6 dB; without the tone map 19.8.
    assertTrue(psnr >= 40, "the preview against the output's picture: " + psnr + " dB");
    assertTrue(Math.abs(before - output) > 10, "without the tone map the picture is " + before + ", the output " + output);
  }

  private static BufferedImage thumbnail(Path in, MediaInfo media, PictureFormat picture) {
    BufferedImage image = new ChunkThumbnailer().decode(new ChunkThumbnailer.Request(1, in, in, media.video(), media.frames(),
        0, 0, 0, 0, 256, 144, org.framefork.encoder.encode.filter.FilterChain.none(), picture), ReadFrom.KEYFRAME);
    assertNotNull(image);
    assertEquals(List.of(256, 144), List.of(image.getWidth(), image.getHeight()));
    return image;
  }

  /** The mean of BT.709 luma (0-255) over RGB 24-bit pixels. */
  private static double meanLuma(byte[] rgb) {
    double sum = 0;
    for (int i = 0; i < rgb.length; i += 3) {
      sum += 0.2126 * (rgb[i] & 0xFF) + 0.7152 * (rgb[i + 1] & 0xFF) + 0.0722 * (rgb[i + 2] & 0xFF);
    }
    return sum / (rgb.length / 3);
  }

  /** The first picture of {@code file} as Debian's ffmpeg decodes it, as RGB. */
  private static byte[] debian(Path file) throws Exception {
    ChildProcess p = ChildProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(),
        "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), Duration.ofSeconds(60));
    assertEquals(0, p.exitCode(), p.stderr());
    assertEquals(256 * 144 * 3, p.stdout().length);
    return p.stdout();
  }
}
