package org.framefork.encoder.verify.vmaf;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.PictureConverter;

/**
 * Scales frames to the model's 1920x1080 the way FFmpeg users feed libvmaf
 * ({@code scale=1920:1080:flags=bicubic}): libswscale, bicubic, yuv420p to yuv420p. Its frames are
 * made once; not thread-safe.
 */
public final class VmafScaler implements AutoCloseable {
  public static final int WIDTH = 1920;
  public static final int HEIGHT = 1080;

  private final AVFrame in;
  private final PictureConverter converter = new PictureConverter(WIDTH, HEIGHT);
  private final YuvFrame out = YuvFrame.allocate(WIDTH, HEIGHT);

  public VmafScaler(int width, int height) {
    in = av_frame_alloc();
    in.format(AV_PIX_FMT_YUV420P);
    in.width(width);
    in.height(height);
    if (av_frame_get_buffer(in, 0) < 0) {
      av_frame_free(in);
      throw new IllegalStateException("no memory for a " + width + "x" + height + " frame");
    }
  }

  /** {@code f} at 1920x1080, in a frame this scaler owns (valid until the next call). */
  public YuvFrame scale(YuvFrame f) {
    FramePlanes.copyOut(f, in);
    FramePlanes.copyIn(converter.convert(in), out);
    return out;
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
