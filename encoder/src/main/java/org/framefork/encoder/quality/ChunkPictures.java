package org.framefork.encoder.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.encode.ChunkInput;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.verify.vmaf.LumaPicture;
import org.framefork.encoder.verify.vmaf.ReferenceMotion;
import org.framefork.encoder.verify.vmaf.VmafScaler;

/**
 * The pictures of one chunk that its probes encode and are scored against: every {@code rate}-th
 * frame, read once as the chunk's encoder reads them (by a {@link ChunkInput}: the same source
 * reader, tone map, filters and depth; the filters see every frame), and kept for all of the
 * chunk's probes: on the heap while they fit the memory allowed, else in a file in the work folder,
 * read back a frame at a time. 8-bit pictures are kept in {@link YuvFrame}s, 10-bit ones in {@link
 * YuvFrame16}s. Not thread-safe: one chunk's worker uses it.
 */
final class ChunkPictures implements AutoCloseable {
  private final ChunkInput input;
  private final Rational sampleAspectRatio;
  private final FrameSize size;
  private final int depth;
  private final long[] pts;
  /** pts to index, for {@link #indexOf}; made at its first call. */
  private Map<Long, Integer> ptsIndex;
  /** VMAF's motion2 of each kept picture, measured on every frame of the chunk; null when VMAF is not scored. */
  private final double[] motion2;
  private final List<Yuv420Frame<?>> held;
  /** With VMAF on scaled pictures: each kept picture's luma at 1920x1080, scaled once for all probes; else empty. */
  private final List<LumaPicture> scaledLuma;
  private final SpillFile spilled;
  private final Yuv420Frame<?> readBack;

  private ChunkPictures(ChunkInput input, Kept kept, SpillFile spilled) {
    this.input = input;
    this.depth = input.settings().picture().depth();
    this.pts = kept.pts();
    this.motion2 = kept.motion2();
    this.held = kept.held();
    this.scaledLuma = kept.scaledLuma();
    this.spilled = spilled;
    this.sampleAspectRatio = input.sampleAspectRatio();
    this.size = input.encodedSize();
    this.readBack = spilled == null ? null : Yuv420Frame.allocate(size.width(), size.height(), depth);
  }

  /**
   * Reads chunk {@code chunk} of {@code source} as its final encode with {@code settings} and
   * {@code filters} will, keeping every {@code rate}-th frame; spills them to {@code spill} when they
   * would take more than {@code memoryBytes}. With {@code vmaf}, measures the reference's motion on
   * every frame (scaled to 1920x1080 unless it is that size).
   */
  static ChunkPictures decode(Path source, int videoIndex, Chunk chunk, EncodeSettings settings, FilterSetup filters,
      int rate, long memoryBytes, Path spill, boolean vmaf, BooleanSupplier stop) {
    ChunkInput input = ChunkInput.open(source, videoIndex, chunk, settings, ReadFrom.KEYFRAME, filters);
    SpillFile file = null;
    try {
      FrameSize size = input.encodedSize();
      int depth = input.settings().picture().depth();
      long kept = keptCount(chunk.frameCount(), rate);
      boolean scaled = vmaf && VmafScaler.needed(size.width(), size.height());
      long scaledBytes = scaled ? (long) VmafScaler.WIDTH * VmafScaler.HEIGHT * SpillFile.sampleBytes(depth) : 0;
      if (kept * (SpillFile.frameBytes(size, depth) + scaledBytes) > memoryBytes) {
        file = new SpillFile(spill, size, depth);
      }
      Kept k;
      try (MotionPass motion = vmaf ? new MotionPass(size, depth) : null) {
        k = keep(input, chunk, rate, file, motion, stop);
      }
      return new ChunkPictures(input, k, file);
    } catch (RuntimeException e) {
      closeQuietly(input, file);
      throw e;
    }
  }

  private record Kept(long[] pts, double[] motion2, List<Yuv420Frame<?>> held, List<LumaPicture> scaledLuma) {}

  /** VMAF's motion of the chunk's pictures, all of them, as VMAF sees them (scaled to 1920x1080). */
  private static final class MotionPass implements AutoCloseable {
    final VmafScaler scaler;
    final ReferenceMotion motion;

    MotionPass(FrameSize size, int depth) {
      boolean scale = VmafScaler.needed(size.width(), size.height());
      scaler = scale ? new VmafScaler(size.width(), size.height(), depth) : null;
      motion = scale ? new ReferenceMotion(VmafScaler.WIDTH, VmafScaler.HEIGHT) : new ReferenceMotion(size.width(), size.height());
    }

    /** Takes the next picture; returns its luma as VMAF sees it (valid until the next call). */
    LumaPicture push(Yuv420Frame<?> picture) {
      LumaPicture luma = LumaPicture.of(scaler == null ? picture : scaler.scale(picture));
      motion.push(luma);
      return luma;
    }

    /** The motion2 of the kept frames of a chunk of {@code frames}, {@code count} of them. */
    double[] kept(int rate, int frames, int count) {
      double[] all = motion.motion2();
      double[] out = new double[count];
      for (int f = 0, i = 0; f < all.length && i < count; f++) {
        if (ChunkPictures.kept(f, rate, frames)) {
          out[i++] = all[f];
        }
      }
      return out;
    }

    @Override
    public void close() {
      if (scaler != null) {
        scaler.close();
      }
    }
  }

  private static Kept keep(ChunkInput input, Chunk chunk, int rate, SpillFile spill, MotionPass motion,
      BooleanSupplier stop) {
    FrameSize size = input.encodedSize();
    int depth = input.settings().picture().depth();
    List<Yuv420Frame<?>> held = new ArrayList<>();
    List<LumaPicture> scaledLuma = new ArrayList<>();
    long[] pts = new long[keptCount(chunk.frameCount(), rate)];
    // For the frames only the motion sees, and for those that go to the file.
    Yuv420Frame<?> passing = Yuv420Frame.allocate(size.width(), size.height(), depth);
    int seen = 0;
    int count = 0;
    while (input.next() && input.pts() < chunk.endPts()) {
      if (stop.getAsBoolean()) {
        throw new CancellationException("probe pictures cancelled");
      }
      // The filters see every frame (a temporal one depends on its predecessors); the probes every rate-th.
      AVFrame picture = input.picture();
      boolean keep = kept(seen++, rate, chunk.frameCount()) && count < pts.length;
      if (!keep && motion == null) {
        continue;
      }
      Yuv420Frame<?> heap = keep && spill == null ? Yuv420Frame.allocate(size.width(), size.height(), depth) : passing;
      FramePlanes.copyIn(picture, heap);
      LumaPicture vmafLuma = motion == null ? null : motion.push(heap);
      if (!keep) {
        continue;
      }
      if (motion != null && motion.scaler != null && spill == null) {
        // Scaled here once, for every probe's VMAF of this picture.
        scaledLuma.add(vmafLuma.copy());
      }
      if (spill == null) {
        held.add(heap);
      } else {
        spill.write(heap);
      }
      pts[count++] = input.pts();
    }
    // Each kept picture keeps its own time. x264 weighs a frame's complexity by its duration: at
    // the chunk's spacing instead, the probes scored 2-8 VMAF points below the chunk's encode at
    // the same CRF and preset; at their own, 4-9 above, which the faster probe preset's 3-5 below
    // mostly makes up for (360p sample, CRF 27, 2026-12-06).
    return new Kept(Arrays.copyOf(pts, count), motion == null ? null : motion.kept(rate, chunk.frameCount(), count), held,
        scaledLuma);
  }

  /**
   * Whether a probe at {@code rate} keeps the {@code frame}-th of a chunk's {@code frames}: every
   * rate-th from the first, and the last. The chunk's first and last frames are no samples of the
   * rest (the first has no motion for VMAF and is the keyframe, the last ends the encoder's
   * lookahead), so a probe has each once, as the final encode does.
   */
  static boolean kept(int frame, int rate, int frames) {
    return frame % rate == 0 || frame == frames - 1;
  }

  static int keptCount(int frames, int rate) {
    return frames <= 0 ? 0 : (frames - 1) / rate + 1 + ((frames - 1) % rate == 0 ? 0 : 1);
  }

  int count() {
    return pts.length;
  }

  long[] pts() {
    return pts.clone();
  }

  /** The kept picture presented at {@code at}; -1 where none is. For every probe of the chunk, made once. */
  int indexOf(long at) {
    if (ptsIndex == null) {
      ptsIndex = new HashMap<>();
      for (int i = 0; i < pts.length; i++) {
        ptsIndex.put(pts[i], i);
      }
    }
    return ptsIndex.getOrDefault(at, -1);
  }

  /** Kept picture {@code i}'s luma scaled for VMAF, or null when it was not kept (not scaled, or spilled). */
  LumaPicture scaledLuma(int i) {
    return scaledLuma.isEmpty() ? null : scaledLuma.get(i);
  }

  /** VMAF's motion2 of kept picture {@code i}, from the chunk's full frame rate. */
  double motion2(int i) {
    return motion2[i];
  }

  /** Whether the pictures went to a file rather than the heap. */
  boolean spilled() {
    return spilled != null;
  }

  /** The {@code i}-th kept picture; a spilled one is valid until the next call. */
  Yuv420Frame<?> get(int i) {
    if (spilled == null) {
      return held.get(i);
    }
    spilled.read(i, readBack);
    return readBack;
  }

  /** The stream the pictures came from: its time base and colours go to the probe encodes. */
  AVStream stream() {
    return input.stream();
  }

  /** The pixel shape of the pictures (see {@link ChunkInput#sampleAspectRatio}). */
  Rational sampleAspectRatio() {
    return sampleAspectRatio;
  }

  FrameSize size() {
    return size;
  }

  /** Bits per sample of the pictures, the output's: 8 or 10. */
  int depth() {
    return depth;
  }

  @Override
  public void close() {
    input.close();
    if (spilled != null) {
      spilled.close();
    }
  }

  private static void closeQuietly(ChunkInput input, SpillFile spill) {
    input.close();
    if (spill != null) {
      spill.close();
    }
  }
}
