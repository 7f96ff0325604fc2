package org.framefork.encoder.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.DecoderOptions.Accuracy;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.probe.FrameIndex;

/**
 * The scene-cut analysis pass: decodes the video once and measures how much each frame differs
 * from the one before ({@link FrameDifferences}) on small pictures, made by halving the luma with
 * the 2:1 box kernel until it is at most {@value #THUMB_WIDTH} pixels wide (1/8 of 1080p). A
 * source deeper than 8 bits is compared at 10 bits (16-bit samples, the 16-bit halving and SAD
 * kernels) rather than dithered down to 8 first; the differences are normalised by the depth's
 * peak ({@link FrameDifferences#depth()}), so that a 10-bit video and its 8-bit conversion give
 * the same cuts.
 *
 * <p>The video is read in keyframe-aligned ranges on {@code workers} threads at once, each with
 * its own decoder (which skips the deblocking filter: the analysis does not need it); the pair of
 * frames that straddles two ranges is measured when the ranges are put together. A video with too
 * few keyframes for that gives its decoder FFmpeg's threads instead.
 */
public final class SceneAnalyzer {
  /** Small pictures are at most this wide. */
  static final int THUMB_WIDTH = 256;
  /** Ranges per worker, so that uneven ranges still keep every worker busy. */
  private static final int RANGES_PER_WORKER = 2;

  private final Path source;
  private final int videoIndex;
  private final int workers;
  /** The kernels the caller gave, or null until chosen by the work (once the picture size is known). */
  private volatile Kernels kernels;
  private final AtomicBoolean stop;

  public SceneAnalyzer(Path source, int videoIndex, int workers) {
    this(source, videoIndex, workers, null, new AtomicBoolean());
  }

  /**
   * @param kernels the kernels to use, or null for those {@link Kernels#forWork} gives the video's
   *     work (its frames at its picture size)
   * @param stop set by another thread to abandon the analysis (it then throws {@link java.util.concurrent.CancellationException})
   */
  public SceneAnalyzer(Path source, int videoIndex, int workers, Kernels kernels, AtomicBoolean stop) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, not " + workers);
    }
    this.source = source;
    this.videoIndex = videoIndex;
    this.workers = workers;
    this.kernels = kernels;
    this.stop = stop;
  }

  /** One piece of the video: frames {@code [first, end)}, {@code first} a keyframe. */
  record Range(int first, int end) {}

  /** What one range found: its differences are written into the shared arrays directly. */
  private record RangeResult(Range range, int firstDecoded, Thumbnail first, Thumbnail last, int depth) {}

  /** The differences of every frame of {@code frames}' video. */
  public FrameDifferences analyse(FrameIndex frames) {
    int n = frames.frameCount();
    double[] luma = new double[n];
    double[] histogram = new double[n];
    List<Range> ranges = ranges(frames, workers * RANGES_PER_WORKER);
    int threads = Math.max(1, Math.min(workers, ranges.size()));
    // Fewer ranges than workers (a long-GOP video): the spare cores go to the decoders' own threads.
    int decoderThreads = ranges.size() >= workers ? 1 : Math.max(1, workers / ranges.size());
    List<RangeResult> results = new ArrayList<>();
    if (threads == 1) {
      for (Range r : ranges) {
        results.add(analyse(frames, r, decoderThreads, luma, histogram));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "framefork-scenes");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<RangeResult>> futures = new ArrayList<>();
        for (Range r : ranges) {
          futures.add(pool.submit(() -> analyse(frames, r, decoderThreads, luma, histogram)));
        }
        for (Future<RangeResult> f : futures) {
          results.add(f.get());
        }
      } catch (ExecutionException e) {
        // shutdownNow below interrupts the other ranges; the caller's stop flag is not ours to set.
        throw e.getCause() instanceof RuntimeException re ? re : new MediaException("scene analysis: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.util.concurrent.CancellationException("scene analysis interrupted");
      } finally {
        pool.shutdownNow();
      }
    }
    // The pairs that straddle two ranges: the last picture of one against the first of the next.
    int depth = results.isEmpty() ? 8 : results.get(0).depth();
    Thumbnail previous = null;
    for (RangeResult r : results) {
      if (r.first() == null) {
        continue;
      }
      if (previous != null) {
        luma[r.firstDecoded()] = previous.lumaDifference(r.first(), kernels);
        histogram[r.firstDecoded()] = previous.histogramDistance(r.first());
      }
      previous = r.last();
    }
    return new FrameDifferences(luma, histogram, depth);
  }

  /** The kernels for the whole video, chosen once, by the first range to know the picture size. */
  private Kernels kernels(int frames, int width, int height) {
    Kernels k = kernels;
    if (k == null) {
      synchronized (this) {
        if (kernels == null) {
          kernels = Kernels.forWork(work(frames, width, height));
        }
        k = kernels;
      }
    }
    return k;
  }

  /**
   * The analysis's kernel work: the 2:1 chain reads every frame at full size (the scale kernels),
   * and SAD compares the small pictures (the metric kernels).
   */
  static Kernels.Work work(long frames, int width, int height) {
    int w = width;
    int h = height;
    while (w > THUMB_WIDTH) {
      w = (w + 1) / 2;
      h = (h + 1) / 2;
    }
    return Kernels.Work.frames(frames, width, height, Kernels.Operation.HALVE)
        .plus(Kernels.Work.frames(frames, w, h, Kernels.Operation.SAD));
  }

  /** Keyframe-aligned ranges of about equal frame counts, about {@code wanted} of them. */
  static List<Range> ranges(FrameIndex frames, int wanted) {
    int n = frames.frameCount();
    List<Integer> keys = new ArrayList<>();
    keys.add(0);
    for (int k = 0; k < frames.keyframeCount(); k++) {
      int i = frames.frameAt(frames.keyframePts(k));
      if (i > keys.get(keys.size() - 1)) {
        keys.add(i);
      }
    }
    double target = Math.max(1.0, (double) n / Math.max(1, wanted));
    List<Range> out = new ArrayList<>();
    int start = 0;
    for (int k = 1; k < keys.size(); k++) {
      // Close the range at this keyframe when it is nearer to the target length than the next one.
      int here = keys.get(k);
      int next = k + 1 < keys.size() ? keys.get(k + 1) : n;
      if (Math.abs(here - start - target) <= Math.abs(next - start - target)) {
        out.add(new Range(start, here));
        start = here;
      }
    }
    out.add(new Range(start, n));
    return out;
  }

  private RangeResult analyse(FrameIndex frames, Range range, int decoderThreads, double[] luma, double[] histogram) {
    long firstPts = frames.pts(range.first());
    long endPts = range.end() < frames.frameCount() ? frames.pts(range.end()) : Long.MAX_VALUE;
    Thumbnail first = null;
    Thumbnail previous = null;
    Thumbnail current = null;
    int firstDecoded = -1;
    Shrinker<?> shrinker = null;
    int depth;
    try (VideoDecoder d = new VideoDecoder(source, DecoderOptions.defaults().withStream(videoIndex).withThreads(decoderThreads).withAccuracy(Accuracy.FAST))) {
      depth = keepDepth(d);
      if (range.first() > 0) {
        d.startAt(frames.keyframeAtOrBefore(firstPts), firstPts);
      }
      while (d.next()) {
        if (stop.get() || Thread.currentThread().isInterrupted()) {
          throw new java.util.concurrent.CancellationException("scene analysis cancelled");
        }
        if (d.pts() >= endPts) {
          break;
        }
        int i = frames.frameAt(d.pts());
        if (i < 0) {
          continue; // a time the packet scan did not see; the frame count check of the encode will tell
        }
        AVFrame pic = d.picture();
        if (shrinker == null) {
          Kernels k = kernels(frames.frameCount(), pic.width(), pic.height());
          shrinker = depth == 8 ? Shrinker.eightBit(pic, k) : Shrinker.tenBit(pic, k);
          previous = shrinker.newThumbnail();
          current = shrinker.newThumbnail();
        }
        shrinker.shrink(pic, current);
        if (first == null) {
          first = shrinker.newThumbnail();
          first.copyFrom(current);
          firstDecoded = i;
        } else {
          luma[i] = previous.lumaDifference(current, shrinker.kernels);
          histogram[i] = previous.histogramDistance(current);
        }
        Thumbnail t = previous;
        previous = current;
        current = t;
      }
    }
    return new RangeResult(range, firstDecoded, first, previous, depth);
  }

  /**
   * Has {@code d} hand out 10-bit pictures when its stream is deeper than 8 bits (12 bits become
   * 10), before its first picture; returns the depth of the pictures it hands out.
   */
  private static int keepDepth(VideoDecoder d) {
    if (Ffmpeg.bitDepth(d.stream().codecpar().format()) <= 8) {
      return 8;
    }
    d.convertTo(d.width(), d.height(), 10);
    return 10;
  }

  /**
   * Turns decoded pictures into thumbnails: one per worker, with its own planes of {@code P}, 8-bit
   * {@link Plane}s or 16-bit {@link Plane16}s. Thumbnails are 16-bit either way (an 8-bit one
   * widened), so that what follows the halving is one code for both depths.
   */
  private static final class Shrinker<P> {
    /**
     * What shrinking needs of planes of one sample size: to allocate one, to halve one into
     * another, and to copy one into the 16-bit plane of its size.
     */
    private record Samples<P>(BiFunction<Integer, Integer, P> allocate, BiConsumer<P, P> halve,
        BiConsumer<P, Plane16> widen) {}

    final Kernels kernels;
    private final int depth;
    private final Samples<P> samples;
    /** Copies a decoded picture into the first plane of each chain. */
    private final Consumer<AVFrame> copyIn;
    /** Luma, Cb and Cr: the decoded plane and its halvings (chroma starts at half size, so one fewer). */
    private final List<List<P>> chains = new ArrayList<>();
    /** The thumbnails' size: luma, then chroma. */
    private final int[] lumaSize;
    private final int[] chromaSize;
    private final Plane16 u16;
    private final Plane16 v16;

    /** {@code planes}: the decoded picture's luma, Cb and Cr; {@code width, height}: its size. */
    private Shrinker(Kernels kernels, int depth, Samples<P> samples, Consumer<AVFrame> copyIn, List<P> planes,
        int width, int height) {
      this.kernels = kernels;
      this.depth = depth;
      this.samples = samples;
      this.copyIn = copyIn;
      int levels = 0;
      for (int w = width; w > THUMB_WIDTH; w = (w + 1) / 2) {
        levels++;
      }
      lumaSize = chain(planes.get(0), width, height, levels);
      int cw = YuvFrame.chromaSize(width);
      int ch = YuvFrame.chromaSize(height);
      chain(planes.get(1), cw, ch, Math.max(0, levels - 1));
      chromaSize = chain(planes.get(2), cw, ch, Math.max(0, levels - 1));
      u16 = Plane16.allocate(chromaSize[0], chromaSize[1]);
      v16 = Plane16.allocate(chromaSize[0], chromaSize[1]);
    }

    static Shrinker<Plane> eightBit(AVFrame sample, Kernels kernels) {
      YuvFrame full = FramePlanes.allocateLike(sample);
      Samples<Plane> planes = new Samples<>(Plane::allocate, kernels.scaler()::halve, Shrinker::widen);
      return new Shrinker<>(kernels, 8, planes, pic -> FramePlanes.copyIn(pic, full),
          List.of(full.y(), full.u(), full.v()), full.width(), full.height());
    }

    /** Pictures of 10 bits (yuv420p10le) at their own depth: the 16-bit halving, the rows copied as they are. */
    static Shrinker<Plane16> tenBit(AVFrame sample, Kernels kernels) {
      YuvFrame16 full = FramePlanes.allocateLike16(sample);
      Samples<Plane16> planes = new Samples<>(Plane16::allocate, kernels.scaler()::halve, Plane16::copyTo);
      return new Shrinker<>(kernels, full.depth(), planes, pic -> FramePlanes.copyIn16(pic, full),
          List.of(full.y(), full.u(), full.v()), full.width(), full.height());
    }

    private static void widen(Plane src, Plane16 dst) {
      for (int y = 0; y < src.height(); y++) {
        for (int x = 0, from = src.rowStart(y), to = dst.rowStart(y); x < src.width(); x++) {
          dst.data()[to + x] = (short) (src.data()[from + x] & 0xFF);
        }
      }
    }

    /** Adds the chain of {@code top} ({@code width x height}) and {@code levels} halvings; returns the last one's size. */
    private int[] chain(P top, int width, int height, int levels) {
      List<P> chain = new ArrayList<>(List.of(top));
      int w = width;
      int h = height;
      for (int i = 0; i < levels; i++) {
        w = (w + 1) / 2;
        h = (h + 1) / 2;
        chain.add(samples.allocate().apply(w, h));
      }
      chains.add(chain);
      return new int[] {w, h};
    }

    Thumbnail newThumbnail() {
      return new Thumbnail(Plane16.allocate(lumaSize[0], lumaSize[1]), depth);
    }

    void shrink(AVFrame pic, Thumbnail into) {
      copyIn.accept(pic);
      for (List<P> chain : chains) {
        for (int i = 1; i < chain.size(); i++) {
          samples.halve().accept(chain.get(i - 1), chain.get(i));
        }
      }
      samples.widen().accept(last(0), into.luma);
      samples.widen().accept(last(1), u16);
      samples.widen().accept(last(2), v16);
      into.countHistogram(u16, v16);
    }

    private P last(int plane) {
      List<P> chain = chains.get(plane);
      return chain.get(chain.size() - 1);
    }
  }

  /**
   * One frame's small luma picture (16-bit samples of {@code depth} bits) and its histogram: 32
   * luma bins and 8x8 joint colour bins, half the weight each, counted on the samples rounded to 8
   * bits, so that a 10-bit picture and its 8-bit conversion fill the same bins.
   */
  static final class Thumbnail {
    static final int LUMA_BINS = 32;
    static final int COLOUR_BINS = 64;
    final Plane16 luma;
    final int depth;
    final double[] histogram = new double[LUMA_BINS + COLOUR_BINS];
    private final int[] counts = new int[LUMA_BINS + COLOUR_BINS];

    Thumbnail(Plane16 luma, int depth) {
      this.luma = luma;
      this.depth = depth;
    }

    /** The histogram of {@link #luma} (already written) and the chroma planes {@code u} and {@code v}. */
    void countHistogram(Plane16 u, Plane16 v) {
      java.util.Arrays.fill(counts, 0);
      for (int r = 0; r < luma.height(); r++) {
        for (int x = 0, s = luma.rowStart(r); x < luma.width(); x++) {
          counts[eightBit(luma.data()[s + x]) >> 3]++; // 32 bins
        }
      }
      for (int r = 0; r < u.height(); r++) {
        for (int x = 0, su = u.rowStart(r), sv = v.rowStart(r); x < u.width(); x++) {
          counts[LUMA_BINS + ((eightBit(u.data()[su + x]) >> 5) << 3 | eightBit(v.data()[sv + x]) >> 5)]++; // 8x8 bins
        }
      }
      double wy = 0.5 / ((double) luma.width() * luma.height());
      double wc = 0.5 / ((double) u.width() * u.height());
      for (int i = 0; i < histogram.length; i++) {
        histogram[i] = counts[i] * (i < LUMA_BINS ? wy : wc);
      }
    }

    /**
     * The sample rounded to 8 bits, as a conversion to 8 bits rounds it: bins are counted on it, so
     * that a sample near a bin's edge (neutral chroma, 512 at 10 bits, is one) falls on the same
     * side at either depth. Taking the top bits instead would put 511 and 512 in two bins, where
     * the 8-bit conversion has 128 for both.
     */
    private int eightBit(short sample) {
      int extra = depth - 8;
      return extra == 0 ? sample & 0xFFFF : Math.min(255, ((sample & 0xFFFF) + (1 << (extra - 1))) >> extra);
    }

    void copyFrom(Thumbnail other) {
      System.arraycopy(other.luma.data(), 0, luma.data(), 0, luma.data().length);
      System.arraycopy(other.histogram, 0, histogram, 0, histogram.length);
    }

    /**
     * Mean absolute difference of the two small luma pictures (the SAD kernel), in 8-bit levels, 0
     * to 255: divided by the depth's peak and times 255 (exactly 1 at 8 bits).
     */
    double lumaDifference(Thumbnail other, Kernels kernels) {
      double levels = 255.0 / ((1 << depth) - 1);
      return kernels.metrics().sad(luma, other.luma) / ((double) luma.width() * luma.height()) * levels;
    }

    /** Half the L1 distance of the histograms: 0 for equal ones, 1 for disjoint ones. */
    double histogramDistance(Thumbnail other) {
      double d = 0;
      for (int i = 0; i < histogram.length; i++) {
        d += Math.abs(histogram[i] - other.histogram[i]);
      }
      return d / 2;
    }
  }
}
