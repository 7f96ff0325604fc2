package org.framefork.encoder.encode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;

/**
 * One chunk's tone map: each 10-bit PQ picture is copied onto the heap, mapped to 8-bit BT.709 SDR
 * ({@link HdrToSdr}) and copied into a frame for the filters or the encoder; the planes, the
 * tables and the frame are made once per chunk, and the kernels chosen for the chunk's frames.
 * Public for the app's preview, which shows a tone-mapped job's pictures as its chunks map them.
 */
public final class ChunkToneMap implements AutoCloseable {
  private final HdrToSdr mapper;
  private final int frames;
  private Kernels kernels;
  private YuvFrame16 hdr;
  private YuvFrame sdr;
  private AVFrame out;

  /** @param frames the chunk's frames, which decide whether the Vector API kernels repay their warm-up */
  ChunkToneMap(HdrToSdr.Curve curve, double peakNits, int frames) {
    this.mapper = new HdrToSdr(curve, peakNits);
    this.frames = frames;
  }

  /**
   * The tone map that {@code picture} (a format settled for its source, {@link PictureFormat#resolve})
   * asks for, for {@code frames} pictures; null when it asks for none (not a PQ source, or no curve).
   */
  public static ChunkToneMap of(PictureFormat picture, int frames) {
    return picture.toneMap() == null ? null : new ChunkToneMap(picture.toneMap(), picture.sourcePeakNits(), frames);
  }

  /** Maps {@code f} (yuv420p10le) and returns a yuv420p frame with the result, valid until the next call. */
  public AVFrame apply(AVFrame f) {
    if (hdr == null) {
      hdr = FramePlanes.allocateLike16(f);
      sdr = YuvFrame.allocate(f.width(), f.height());
      out = FramePlanes.newPicture(f.width(), f.height());
      kernels = Kernels.forWork(Kernels.Work.frames(frames, f.width(), f.height(), Kernels.Operation.TONE_MAP));
    }
    FramePlanes.copyIn16(f, hdr);
    mapper.toSdr(hdr, sdr, kernels.colour());
    FramePlanes.copyOutWritable(sdr, out);
    out.pts(f.pts());
    return out;
  }

  @Override
  public void close() {
    out = Ffmpeg.free(out, avutil::av_frame_free);
  }
}
