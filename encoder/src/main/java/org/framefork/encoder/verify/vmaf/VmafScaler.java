package org.framefork.encoder.verify.vmaf;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.PictureConverter;

/**
 * Scales frames to the model's 1920x1080 the way FFmpeg users feed libvmaf
 * ({@code scale=1920:1080:flags=bicubic}): libswscale, bicubic, yuv420p to yuv420p, or yuv420p10le
 * to yuv420p10le for 10-bit frames (the scale filter keeps the depth). Its frames are made once; not
 * thread-safe.
 */
public final class VmafScaler implements AutoCloseable {
  public static final int WIDTH = 1920;
  public static final int HEIGHT = 1080;

  private final AVFrame in;
  private final PictureConverter converter;
  private final YuvFrame out;
  private final YuvFrame16 out16;

  /** For frames of {@code depth} bits: 8 or 10. */
  public VmafScaler(int width, int height, int depth) {
    if (depth != 8 && depth != 10) {
      throw new IllegalArgumentException("VMAF scales 8- or 10-bit frames, not " + depth + "-bit");
    }
    converter = new PictureConverter(WIDTH, HEIGHT, depth);
    out = depth == 8 ? YuvFrame.allocate(WIDTH, HEIGHT) : null;
    out16 = depth == 8 ? null : YuvFrame16.allocate(WIDTH, HEIGHT, depth);
    in = av_frame_alloc();
    in.format(depth == 8 ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_YUV420P10LE);
    in.width(width);
    in.height(height);
    if (av_frame_get_buffer(in, 0) < 0) {
      av_frame_free(in);
      converter.close();
      throw new IllegalStateException("no memory for a " + width + "x" + height + " frame");
    }
  }

  /** {@code f} (8-bit) at 1920x1080, in a frame this scaler owns (valid until the next call). */
  public YuvFrame scale(YuvFrame f) {
    FramePlanes.copyOut(f, in);
    FramePlanes.copyIn(converter.convert(in), out);
    return out;
  }

  /** {@code f} (10-bit) at 1920x1080, in a frame this scaler owns (valid until the next call). */
  public YuvFrame16 scale(YuvFrame16 f) {
    FramePlanes.copyOutWritable(f, in);
    FramePlanes.copyIn16(converter.convert(in), out16);
    return out16;
  }

  /** {@code f} at 1920x1080, at its depth (that of this scaler), as {@link #scale(YuvFrame)} or {@link #scale(YuvFrame16)}. */
  public Yuv420Frame<?> scale(Yuv420Frame<?> f) {
    return switch (f) {
      case YuvFrame e -> scale(e);
      case YuvFrame16 d -> scale(d);
    };
  }

  /** Whether pictures of this size are scaled for the model. */
  public static boolean needed(int width, int height) {
    return width != WIDTH || height != HEIGHT;
  }

  @Override
  public void close() {
    converter.close();
    av_frame_free(in);
  }
}
