package org.framefork.encoder.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.DecoderOptions.Accuracy;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.probe.FrameIndex;

/**
 * The scene-cut analysis pass: decodes the video once and measures how much each frame differs
 * from the one before ({@link FrameDifferences}) on small pictures, made by halving the luma with
 * the 2:1 box kernel until it is at most {@value #THUMB_WIDTH} pixels wide (1/8 of 1080p).
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
  private record RangeResult(Range range, int firstDecoded, Thumbnail first, Thumbnail last) {}

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
    return new FrameDifferences(luma, histogram);
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
    Shrinker shrinker = null;
    try (VideoDecoder d = new VideoDecoder(source, DecoderOptions.defaults().withStream(videoIndex).withThreads(decoderThreads).withAccuracy(Accuracy.FAST))) {
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
          shrinker = new Shrinker(pic, kernels(frames.frameCount(), pic.width(), pic.height()));
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
    return new RangeResult(range, firstDecoded, first, previous);
  }

  /** Turns decoded pictures into thumbnails: one per worker, with its own planes. */
  private static final class Shrinker {
    final Kernels kernels;
    private final YuvFrame full;
    /** Luma halvings: full, 1/2, 1/4, ...; chroma starts at half size, so one halving fewer. */
    private final Plane[] lumaLevels;
    private final Plane[] uLevels;
    private final Plane[] vLevels;

    Shrinker(AVFrame sample, Kernels kernels) {
      this.kernels = kernels;
      full = FramePlanes.allocateLike(sample);
      int levels = 0;
      for (int w = full.width(); w > THUMB_WIDTH; w = (w + 1) / 2) {
        levels++;
      }
      lumaLevels = chain(full.y(), levels);
      int chromaLevels = Math.max(0, levels - 1);
      uLevels = chain(full.u(), chromaLevels);
      vLevels = chain(full.v(), chromaLevels);
    }

    private static Plane[] chain(Plane top, int levels) {
      Plane[] p = new Plane[levels + 1];
      p[0] = top;
      for (int i = 1; i <= levels; i++) {
        p[i] = Plane.allocate((p[i - 1].width() + 1) / 2, (p[i - 1].height() + 1) / 2);
      }
      return p;
    }

    Thumbnail newThumbnail() {
      Plane y = lumaLevels[lumaLevels.length - 1];
      return new Thumbnail(Plane.allocate(y.width(), y.height()));
    }

    void shrink(AVFrame pic, Thumbnail into) {
      FramePlanes.copyIn(pic, full);
      for (int i = 1; i < lumaLevels.length; i++) {
        kernels.scaler().halve(lumaLevels[i - 1], lumaLevels[i]);
      }
      for (int i = 1; i < uLevels.length; i++) {
        kernels.scaler().halve(uLevels[i - 1], uLevels[i]);
        kernels.scaler().halve(vLevels[i - 1], vLevels[i]);
      }
      into.set(lumaLevels[lumaLevels.length - 1], uLevels[uLevels.length - 1], vLevels[vLevels.length - 1]);
    }
  }

  /** One frame's small luma picture and its histogram: 32 luma bins and 8x8 joint colour bins, half the weight each. */
  static final class Thumbnail {
    static final int LUMA_BINS = 32;
    static final int COLOUR_BINS = 64;
    final Plane luma;
    final double[] histogram = new double[LUMA_BINS + COLOUR_BINS];

    Thumbnail(Plane luma) {
      this.luma = luma;
    }

    void set(Plane y, Plane u, Plane v) {
      java.util.Arrays.fill(histogram, 0);
      double wy = 0.5 / ((double) y.width() * y.height());
      for (int r = 0; r < y.height(); r++) {
        int s = y.rowStart(r);
        int d = luma.rowStart(r);
        for (int x = 0; x < y.width(); x++) {
          int sample = y.data()[s + x] & 0xFF;
          luma.data()[d + x] = (byte) sample;
          histogram[sample >> 3] += wy;
        }
      }
      double wc = 0.5 / ((double) u.width() * u.height());
      for (int r = 0; r < u.height(); r++) {
        int su = u.rowStart(r);
        int sv = v.rowStart(r);
        for (int x = 0; x < u.width(); x++) {
          int bin = (((u.data()[su + x] & 0xFF) >> 5) << 3) | ((v.data()[sv + x] & 0xFF) >> 5);
          histogram[LUMA_BINS + bin] += wc;
        }
      }
    }

    void copyFrom(Thumbnail other) {
      System.arraycopy(other.luma.data(), 0, luma.data(), 0, luma.data().length);
      System.arraycopy(other.histogram, 0, histogram, 0, histogram.length);
    }

    /** Mean absolute difference of the two small luma pictures, 0 to 255 (the SAD kernel). */
    double lumaDifference(Thumbnail other, Kernels kernels) {
      return kernels.metrics().sad(luma, other.luma) / ((double) luma.width() * luma.height());
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
