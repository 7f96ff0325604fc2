package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Thread CPU of {@link AlphaOver#apply} per 1920x1080 picture, 8-bit RGBA and 16-bit RGBA, over
 * {@code #336699}. Two pictures: "ramp", whose opacity climbs from 0 to full across each row (every
 * pixel is blended), and "cutout", opaque on the left half and clear on the right (a render's
 * matte); then libswscale's unpacking alone, which {@code apply} includes. Not a test: run by hand
 * (bench/results/alpha-over-2026-12-07.md gives the command).
 */
public final class AlphaOverBench {
  private static final int W = 1920;
  private static final int H = 1080;

  private AlphaOverBench() {}

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    var cpu = ManagementFactory.getThreadMXBean();
    for (String pattern : new String[] {"ramp", "cutout"}) {
      for (int format : new int[] {AV_PIX_FMT_RGBA, AV_PIX_FMT_RGBA64LE}) {
        AVFrame f = picture(format, pattern.equals("ramp"));
        try (AlphaOver over = new AlphaOver(new Background(0x33, 0x66, 0x99), false)) {
          for (int i = 0; i < 20; i++) {
            over.apply(f);
          }
          long start = cpu.getCurrentThreadCpuTime();
          for (int i = 0; i < frames; i++) {
            over.apply(f);
          }
          double ms = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / frames;
          System.out.printf(Locale.ROOT, "%-6s %-8s %7.2f ms/frame (thread CPU, %d frames)%n", pattern,
              format == AV_PIX_FMT_RGBA ? "rgba" : "rgba64le", ms, frames);
          System.out.printf(Locale.ROOT, "%-6s %-8s %7.2f ms/frame of it libswscale's unpacking to RGBA64%n", pattern,
              format == AV_PIX_FMT_RGBA ? "rgba" : "rgba64le", unpackOnly(f, frames));
        } finally {
          av_frame_free(f);
        }
      }
    }
  }

  /** Thread CPU per picture of the unpacking {@link AlphaOver#apply} asks libswscale for, alone. */
  private static double unpackOnly(AVFrame f, int frames) {
    AVFrame to = AlphaOver.frame(AV_PIX_FMT_RGBA64LE, W, H);
    SwsContext sws = sws_getCachedContext(null, W, H, f.format(), W, H, AV_PIX_FMT_RGBA64LE, SWS_POINT, null, null,
        (DoublePointer) null);
    var cpu = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 20; i++) {
      sws_scale_frame(sws, to, f);
    }
    long start = cpu.getCurrentThreadCpuTime();
    for (int i = 0; i < frames; i++) {
      sws_scale_frame(sws, to, f);
    }
    double ms = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / frames;
    sws_freeContext(sws);
    av_frame_free(to);
    return ms;
  }

  private static AVFrame picture(int format, boolean ramp) {
    AVFrame f = AlphaOver.frame(format, W, H);
    boolean wide = format == AV_PIX_FMT_RGBA64LE;
    int bytes = wide ? 8 : 4;
    byte[] row = new byte[W * bytes];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int[] px = {(x * 65535 / W), (y * 65535 / H), ((x + y) * 65535 / (W + H)),
            ramp ? x * 65535 / (W - 1) : x < W / 2 ? 65535 : 0};
        for (int c = 0; c < 4; c++) {
          if (wide) {
            row[x * 8 + c * 2] = (byte) px[c];
            row[x * 8 + c * 2 + 1] = (byte) (px[c] >> 8);
          } else {
            row[x * 4 + c] = (byte) (px[c] >> 8);
          }
        }
      }
      f.data(0).position((long) y * f.linesize(0)).put(row, 0, row.length);
    }
    f.data(0).position(0);
    return f;
  }
}
