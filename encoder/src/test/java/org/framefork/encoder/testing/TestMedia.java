package org.framefork.encoder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Small generated inputs, made once per build by Debian's ffmpeg and kept under
 * {@code target/test-media}: the containers, codecs, sizes, frame-rate kinds and audio codecs that
 * FrameFork must handle.
 */
public final class TestMedia {
  /** One input of the corpus. */
  public record Input(String name, boolean audio, int width, int height, String... ffmpegArgs) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String SRC = "testsrc2=size=%dx%d:rate=%s:duration=%s";
  private static final String TONE = "sine=frequency=440:sample_rate=48000:duration=%s";

  public static final Input H264_BFRAMES_AAC = av("h264-bframes-aac.mp4", 320, 240, "25", "2",
      "-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k");
  public static final Input HEVC_MP3_MKV = av("hevc-mp3.mkv", 320, 240, "24", "2",
      "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=24", "-c:a", "libmp3lame");
  public static final Input MPEG4_AC3_AVI = av("mpeg4-ac3.avi", 320, 240, "25", "2",
      "-c:v", "mpeg4", "-q:v", "4", "-g", "12", "-c:a", "ac3");
  public static final Input MJPEG_ODD_MOV = v("mjpeg-318x238.mov", 318, 238, "30", "1",
      "-c:v", "mjpeg", "-q:v", "5");
  public static final Input VP9_OPUS_WEBM = av("vp9-opus.webm", 256, 144, "30", "2",
      "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "30", "-b:v", "300k", "-c:a", "libopus");
  public static final Input VFR_H264_MP4 = new Input("vfr-h264.mp4", false, 320, 240,
      "-f", "lavfi", "-i", String.format(SRC, 320, 240, "30", "2"),
      "-vf", "select='not(eq(mod(n\\,5)\\,3))*not(eq(mod(n\\,7)\\,2))'", "-fps_mode", "vfr",
      "-c:v", "libx264", "-preset", "veryfast", "-g", "20", "-pix_fmt", "yuv420p");
  public static final Input H264_MPEGTS = av("h264-aac.ts", 320, 240, "25", "3",
      "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts");
  /** One picture at 1/3 fps, shown for 3 s (a slide, a title card), with 3 s of sound. Not in the corpus. */
  public static final Input SLIDE = av("slide-1-3fps.mp4", 320, 240, "1/3", "3",
      "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac");
  public static final Input SINGLE_FRAME = new Input("single-frame.mp4", false, 320, 240,
      "-f", "lavfi", "-i", String.format(SRC, 320, 240, "25", "1"), "-frames:v", "1",
      "-c:v", "libx264", "-pix_fmt", "yuv420p");

  /**
   * Four shots, 25 fps, 215 frames, cuts at frames {@link #SCENE_CUTS_AT}, none on a keyframe (GOP
   * 50, x264's own scene-cut keyframes off): a moving test pattern; a Mandelbrot zoom that fades to
   * black and back; a fast pan (32 pixels a frame across a wide test pattern); a flat colour with
   * heavy grain. Not in the corpus: it is for the scene-cut tests.
   */
  public static final Input SCENE_CUTS = new Input("scenes-320x240.mp4", false, 320, 240,
      "-filter_complex", sceneShots("yuv420p"),
      "-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-x264-params", "scenecut=0",
      "-pix_fmt", "yuv420p");
  /**
   * {@link #SCENE_CUTS}' four shots made at 10 bits (H.264 High 10, same GOP): the scene analysis
   * must find the same cuts at 16-bit samples. Not in the corpus.
   */
  public static final Input SCENE_CUTS_10 = new Input("scenes-320x240-10bit.mp4", false, 320, 240,
      "-filter_complex", sceneShots("yuv420p10le"),
      "-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-x264-params", "scenecut=0",
      "-pix_fmt", "yuv420p10le");
  public static final int[] SCENE_CUTS_AT = {45, 105, 165};

  /**
   * 240 frames of 640x360 at 30 fps, keyframes every 30: big enough that encoding a frame costs far
   * more than starting a chunk, so that the tail-split tests see splits. Not in the corpus.
   */
  public static final Input TAIL_SPLIT = av("tail-split-640x360.mp4", 640, 360, "30", "8",
      "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k");

  /**
   * {@link #TAIL_SPLIT}'s 240 frames with one keyframe, the first (x264's scene-cut keyframes off):
   * a plan at keyframes has one chunk, whatever the workers. Not in the corpus.
   */
  public static final Input ONE_KEYFRAME = v("one-keyframe-640x360.mp4", 640, 360, "30", "8",
      "-c:v", "libx264", "-preset", "veryfast", "-g", "100000", "-keyint_min", "100000", "-sc_threshold", "0",
      "-pix_fmt", "yuv420p");

  /** The HDR10 test source's mastering display and content light level, in x265's notation. */
  public static final String HDR10_MASTER_DISPLAY = "G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,50)";
  public static final String HDR10_MAX_CLL = "1000,400";

  /**
   * HDR10 as phones record it: H.265 Main 10, BT.2020, PQ, with mastering display and MaxCLL in
   * the bitstream's SEI (x265 writes them; Debian's mp4 muxer has no record of them), keyframes
   * every 12 frames. Not in the corpus: it is for the HDR tests.
   */
  public static final Input HDR10_HEVC = new Input("hdr10-main10.mp4", false, 256, 144,
      "-f", "lavfi", "-i", String.format(SRC, 256, 144, "25", "2"), "-pix_fmt", "yuv420p10le",
      "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=12:min-keyint=12:scenecut=0"
          + ":master-display=" + HDR10_MASTER_DISPLAY + ":max-cll=" + HDR10_MAX_CLL,
      "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc");

  /** HLG H.265 Main 10 (BT.2020, ARIB STD-B67), no static metadata. */
  public static final Input HLG_HEVC = new Input("hlg-main10.mkv", false, 256, 144,
      "-f", "lavfi", "-i", String.format(SRC, 256, 144, "25", "2"), "-pix_fmt", "yuv420p10le",
      "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=12:min-keyint=12:scenecut=0",
      "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc");

  /** 10-bit SDR H.264 (High 10), BT.709. */
  public static final Input H264_HIGH10 = new Input("h264-high10.mp4", false, 256, 144,
      "-f", "lavfi", "-i", String.format(SRC, 256, 144, "25", "2"), "-pix_fmt", "yuv420p10le",
      "-c:v", "libx264", "-preset", "ultrafast", "-g", "12",
      "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709");

  /**
   * A flat 10-bit grey of luma 514, between the 8-bit levels 128 and 129 (514 / 4 = 128.5),
   * losslessly coded: what 10 to 8 bits makes of it tells dithering from truncation.
   */
  public static final Input FLAT_LUMA_514 = new Input("flat-luma-514.mkv", false, 64, 64,
      "-f", "lavfi", "-i", "color=c=gray:s=64x64:r=25:d=0.4,format=yuv420p10le,lutyuv=y=514:u=512:v=512",
      "-c:v", "libx265", "-x265-params", "log-level=error:lossless=1", "-pix_fmt", "yuv420p10le");

  public static final List<Input> CORPUS = List.of(
      H264_BFRAMES_AAC, HEVC_MP3_MKV, MPEG4_AC3_AVI, MJPEG_ODD_MOV, VP9_OPUS_WEBM, VFR_H264_MP4, H264_MPEGTS, SINGLE_FRAME);

  private TestMedia() {}

  /** The filter graph of the scene-cut clips' four shots, in {@code format}, out as {@code [v]}. */
  private static String sceneShots(String format) {
    return "testsrc2=s=320x240:r=25:d=1.8,format=" + format + "[a];"
        + "mandelbrot=s=320x240:r=25,trim=duration=2.4,fade=t=out:st=0.6:d=0.6,fade=t=in:st=1.4:d=0.6,"
        + "format=" + format + ",setpts=PTS-STARTPTS[b];"
        + "testsrc2=s=2240x240:r=25:d=2.4,crop=320:240:n*32:0,format=" + format + "[c];"
        + "color=c=0x3060a0:s=320x240:r=25:d=2,noise=alls=20:allf=t,format=" + format + "[d];"
        + "[a][b][c][d]concat=n=4:v=1:a=0[v]";
  }

  private static Input av(String name, int w, int h, String rate, String seconds, String... codecArgs) {
    String[] args = new String[6 + codecArgs.length];
    args[0] = "-f";
    args[1] = "lavfi";
    args[2] = "-i";
    args[3] = String.format(SRC, w, h, rate, seconds) + ",format=yuv420p";
    args[4] = "-f";
    args[5] = "lavfi";
    String[] withAudio = new String[args.length + 2];
    System.arraycopy(args, 0, withAudio, 0, 6);
    withAudio[6] = "-i";
    withAudio[7] = String.format(TONE, seconds);
    System.arraycopy(codecArgs, 0, withAudio, 8, codecArgs.length);
    return new Input(name, true, w, h, withAudio);
  }

  private static Input v(String name, int w, int h, String rate, String seconds, String... codecArgs) {
    String[] args = new String[4 + codecArgs.length];
    args[0] = "-f";
    args[1] = "lavfi";
    args[2] = "-i";
    args[3] = String.format(SRC, w, h, rate, seconds);
    System.arraycopy(codecArgs, 0, args, 4, codecArgs.length);
    return new Input(name, false, w, h, args);
  }

  public static Path dir() {
    Path d = Path.of("target", "test-media").toAbsolutePath();
    try {
      Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }

  /** The input's file, generated on first use (safe when tests run in parallel JVMs). */
  public static synchronized Path get(Input in) {
    Path f = dir().resolve(in.name());
    if (Files.exists(f)) {
      return f;
    }
    Path tmp = dir().resolve("tmp-" + ProcessHandle.current().pid() + "-" + in.name());
    String[] args = new String[in.ffmpegArgs().length + 1];
    System.arraycopy(in.ffmpegArgs(), 0, args, 0, in.ffmpegArgs().length);
    args[args.length - 1] = tmp.toString();
    DebianFfmpeg.ffmpeg(args);
    try {
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }
}
