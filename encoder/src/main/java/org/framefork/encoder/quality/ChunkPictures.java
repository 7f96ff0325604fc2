package org.framefork.encoder.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.filter.FilterRun;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.verify.vmaf.ReferenceMotion;
import org.framefork.encoder.verify.vmaf.VmafScaler;

/**
 * The pictures of one chunk that its probes encode and are scored against: every {@code rate}-th
 * frame, decoded and filtered once as the chunk's encoder would (the filters see every frame), and
 * kept for all of the chunk's probes: on the heap while they fit the memory allowed, else in a file
 * in the work folder, read back a frame at a time. Not thread-safe: one chunk's worker uses it.
 */
final class ChunkPictures implements AutoCloseable {
  private final VideoDecoder decoder;
  private final FrameSize decoded;
  private final FrameSize size;
  private final long[] pts;
  /** VMAF's motion2 of each kept picture, measured on every frame of the chunk; null when VMAF is not scored. */
  private final double[] motion2;
  private final List<YuvFrame> held;
  /** With VMAF on scaled pictures: each kept picture's luma at 1920x1080, scaled once for all probes; else empty. */
  private final List<Plane> scaledLuma;
  private final Path spill;
  private final FileChannel spilled;
  private final YuvFrame readBack;
  private final int frameBytes;

  private ChunkPictures(VideoDecoder decoder, FrameSize decoded, FrameSize size, Kept kept, Path spill, FileChannel spilled) {
    this.decoder = decoder;
    this.decoded = decoded;
    this.size = size;
    this.pts = kept.pts();
    this.motion2 = kept.motion2();
    this.held = kept.held();
    this.scaledLuma = kept.scaledLuma();
    this.spill = spill;
    this.spilled = spilled;
    this.readBack = spilled == null ? null : YuvFrame.allocate(size.width(), size.height());
    this.frameBytes = bytesOf(size);
  }

  /**
   * Decodes chunk {@code chunk} of {@code source}, keeping every {@code rate}-th frame; spills
   * them to {@code spill} when they would take more than {@code memoryBytes}. With {@code vmaf},
   * measures the reference's motion on every frame (scaled to 1920x1080 unless it is that size).
   */
  static ChunkPictures decode(Path source, int videoIndex, Chunk chunk, FilterSetup filters, int rate, long memoryBytes,
      Path spill, boolean vmaf, BooleanSupplier stop) {
    VideoDecoder decoder = new VideoDecoder(source, DecoderOptions.defaults().withStream(videoIndex).withThreads(1));
    FileChannel channel = null;
    try {
      decoder.startAt(new FrameStart(chunk.firstFrame(), chunk.startPts(), chunk.seekPts()), ReadFrom.KEYFRAME);
      AVCodecParameters par = decoder.stream().codecpar();
      FrameSize decoded = EncodedPicture.size(par.width(), par.height());
      decoder.convertTo(decoded.width(), decoded.height(), 8);
      FilterRun run = filters == null || filters.chain().isEmpty() ? null : filters.start(decoded);
      FrameSize size = run == null ? decoded : run.outputSize();
      long kept = keptCount(chunk.frameCount(), rate);
      boolean scaled = vmaf && VmafScaler.needed(size.width(), size.height());
      long scaledBytes = scaled ? (long) VmafScaler.WIDTH * VmafScaler.HEIGHT : 0;
      boolean inMemory = kept * (bytesOf(size) + scaledBytes) <= memoryBytes;
      if (!inMemory) {
        channel = FileChannel.open(spill, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
      }
      Kept k;
      try (MotionPass motion = vmaf ? new MotionPass(size) : null) {
        k = keep(decoder, chunk, run, size, rate, channel, motion, stop);
      }
      return new ChunkPictures(decoder, decoded, size, k, inMemory ? null : spill, channel);
    } catch (IOException e) {
      closeQuietly(decoder, channel, spill);
      throw new UncheckedIOException("cannot keep the probe pictures in " + spill, e);
    } catch (RuntimeException e) {
      closeQuietly(decoder, channel, spill);
      throw e;
    }
  }

  private record Kept(long[] pts, double[] motion2, List<YuvFrame> held, List<Plane> scaledLuma) {}

  /** VMAF's motion of the chunk's pictures, all of them, as VMAF sees them (scaled to 1920x1080). */
  private static final class MotionPass implements AutoCloseable {
    final VmafScaler scaler;
    final ReferenceMotion motion;

    MotionPass(FrameSize size) {
      boolean scale = VmafScaler.needed(size.width(), size.height());
      scaler = scale ? new VmafScaler(size.width(), size.height()) : null;
      motion = scale ? new ReferenceMotion(VmafScaler.WIDTH, VmafScaler.HEIGHT) : new ReferenceMotion(size.width(), size.height());
    }

    /** Takes the next picture; returns its luma as VMAF sees it (valid until the next call). */
    Plane push(YuvFrame picture) {
      Plane luma = scaler == null ? picture.y() : scaler.scale(picture).y();
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

  private static Kept keep(VideoDecoder decoder, Chunk chunk, FilterRun run, FrameSize size, int rate, FileChannel channel,
      MotionPass motion, BooleanSupplier stop) throws IOException {
    List<YuvFrame> held = new ArrayList<>();
    List<Plane> scaledLuma = new ArrayList<>();
    long[] pts = new long[keptCount(chunk.frameCount(), rate)];
    YuvFrame planes = null;
    YuvFrame compact = channel == null ? null : YuvFrame.allocate(size.width(), size.height());
    int seen = 0;
    int count = 0;
    while (decoder.next() && decoder.pts() < chunk.endPts()) {
      if (stop.getAsBoolean()) {
        throw new CancellationException("probe pictures cancelled");
      }
      if (planes == null) {
        planes = FramePlanes.allocateLike(decoder.picture());
      }
      FramePlanes.copyIn(decoder.picture(), planes);
      // The filters see every frame (a temporal one depends on its predecessors); the probes every rate-th.
      YuvFrame picture = run == null ? planes : run.apply(planes);
      Plane vmafLuma = motion == null ? null : motion.push(picture);
      if (!kept(seen++, rate, chunk.frameCount()) || count == pts.length) {
        continue;
      }
      if (motion != null && motion.scaler != null && channel == null) {
        // Scaled here once, for every probe's VMAF of this picture.
        Plane copy = Plane.allocate(vmafLuma.width(), vmafLuma.height());
        vmafLuma.copyTo(copy);
        scaledLuma.add(copy);
      }
      YuvFrame into = channel == null ? YuvFrame.allocate(size.width(), size.height()) : compact;
      for (int p = 0; p < 3; p++) {
        picture.plane(p).copyTo(into.plane(p));
      }
      if (channel == null) {
        held.add(into);
      } else {
        ByteBuffer b = ByteBuffer.wrap(into.y().data());
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
      pts[count++] = decoder.pts();
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

  private static int bytesOf(FrameSize s) {
    return s.width() * s.height() + 2 * YuvFrame.chromaSize(s.width()) * YuvFrame.chromaSize(s.height());
  }

  int count() {
    return pts.length;
  }

  long[] pts() {
    return pts.clone();
  }

  /** Kept picture {@code i}'s luma scaled for VMAF, or null when it was not kept (not scaled, or spilled). */
  Plane scaledLuma(int i) {
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
  YuvFrame get(int i) {
    if (spilled == null) {
      return held.get(i);
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(readBack.y().data());
      long at = (long) i * frameBytes;
      while (b.hasRemaining()) {
        if (spilled.read(b, at + b.position()) < 0) {
          throw new IOException("the file ends early");
        }
      }
      return readBack;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the probe pictures in " + spill, e);
    }
  }

  /** The stream the pictures came from: its time base and colours go to the probe encodes. */
  AVStream stream() {
    return decoder.stream();
  }

  FrameSize decodedSize() {
    return decoded;
  }

  FrameSize size() {
    return size;
  }

  @Override
  public void close() {
    closeQuietly(decoder, spilled, spill);
  }

  private static void closeQuietly(VideoDecoder decoder, FileChannel channel, Path spill) {
    decoder.close();
    try {
      if (channel != null) {
        channel.close();
        Files.deleteIfExists(spill);
      }
    } catch (IOException ignored) {
      // a leftover spill file goes with the work folder
    }
  }
}
