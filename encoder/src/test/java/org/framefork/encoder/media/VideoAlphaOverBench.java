package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ARGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVA444P12LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Thread CPU per 1920x1080 picture of a video's {@code --alpha-over}: {@link PictureConverter#toEncoded}
 * to 8- and 10-bit yuv420p with a background and without one (alpha dropped), for the pixel formats
 * FFmpeg's decoders give for QuickTime Animation (argb), PNG-in-MOV (rgba, rgba64), FFV1 yuva420p and
 * ProRes 4444 (yuva444p12le); the difference is the compositing's cost. Every pixel is blended: the
 * opacity climbs from 0 to full across each row. Not a test: run by hand, as AlphaOverBench.
 */
public final class VideoAlphaOverBench {
  private static final int W = 1920;
  private static final int H = 1080;

  private VideoAlphaOverBench() {}

  public static void main(String[] args) {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    Background bg = new Background(0x33, 0x66, 0x99);
    for (int format : new int[] {AV_PIX_FMT_ARGB, AV_PIX_FMT_RGBA, AV_PIX_FMT_RGBA64LE, AV_PIX_FMT_YUVA420P,
        AV_PIX_FMT_YUVA444P12LE}) {
      AVFrame f = picture(format);
      for (int depth : new int[] {8, 10}) {
        double dropped = perPicture(new PictureConverter(W, H, depth, null), f, frames);
        double over = perPicture(new PictureConverter(W, H, depth, bg), f, frames);
        System.out.printf(Locale.ROOT, "%-13s -> %2d-bit: %6.2f ms over a colour, %6.2f ms alpha dropped: %+6.2f ms%n",
            av_get_pix_fmt_name(format).getString(), depth, over, dropped, over - dropped);
      }
      av_frame_free(f);
    }
  }

  private static double perPicture(PictureConverter c, AVFrame f, int frames) {
    var cpu = ManagementFactory.getThreadMXBean();
    try (c) {
      for (int i = 0; i < 15; i++) {
        c.toEncoded(f);
      }
      long start = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < frames; i++) {
        c.toEncoded(f);
      }
      return (cpu.getCurrentThreadCpuTime() - start) / 1e6 / frames;
    }
  }

  /** A picture in {@code format}: colours varying across it, opacity climbing from 0 to full across each row. */
  private static AVFrame picture(int format) {
    AVFrame rgba = AlphaOver.frame(AV_PIX_FMT_RGBA64LE, W, H);
    byte[] row = new byte[W * 8];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int[] px = {x * 65535 / W, y * 65535 / H, (x + y) * 65535 / (W + H), x * 65535 / (W - 1)};
        for (int c = 0; c < 4; c++) {
          row[x * 8 + c * 2] = (byte) px[c];
          row[x * 8 + c * 2 + 1] = (byte) (px[c] >> 8);
        }
      }
      rgba.data(0).position((long) y * rgba.linesize(0)).put(row, 0, row.length);
    }
    rgba.data(0).position(0);
    AVFrame f = AlphaOver.frame(format, W, H);
    SwsContext sws = sws_getContext(W, H, AV_PIX_FMT_RGBA64LE, W, H, format, SWS_POINT, null, null, (DoublePointer) null);
    Ffmpeg.check(sws_scale_frame(sws, f, rgba), "bench picture");
    sws_freeContext(sws);
    av_frame_free(rgba);
    return f;
  }
}
