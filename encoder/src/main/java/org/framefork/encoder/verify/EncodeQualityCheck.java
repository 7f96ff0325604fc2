package org.framefork.encoder.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.framefork.encoder.encode.filter.FilterRun;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.source.PictureSources;

/**
 * {@code encode --verify-quality}: the finished output's PSNR and SSIM against its source. The
 * reference is what the encoder was given: the source decoded and made 4:2:0 the way the chunk
 * encoder does it, then put through the job's filters with a fresh run per chunk (as each chunk
 * had), so that the figures measure the encoding alone, not the filters.
 *
 * <p>Chunk by chunk, on {@code workers} threads at once: each compares its source range with its
 * frames of the output (every chunk starts on a keyframe of the output, so both sides seek).
 */
public final class EncodeQualityCheck {
  private final Path source;
  private final int videoIndex;
  private final FrameSize decodedSize;
  private final FilterSetup filters;
  private final Path output;
  private final FrameIndex outputFrames;
  private final BooleanSupplier stopped;
  /** Bits of the pictures the encoder was given, and so of the comparison: 8, or 10 on 16-bit samples. */
  private int depth = 8;

  /**
   * @param decodedSize the size the chunk encoder made the source's pictures (even, before filters)
   * @param filters the job's filters, or null
   * @param outputFrames the output's frame index (from a probe of it)
   */
  public EncodeQualityCheck(Path source, int videoIndex, FrameSize decodedSize, FilterSetup filters, Path output,
      FrameIndex outputFrames, BooleanSupplier stopped) {
    this.source = source;
    this.videoIndex = videoIndex;
    this.decodedSize = decodedSize;
    this.filters = filters == null || filters.chain().isEmpty() ? null : filters;
    this.output = output;
    this.outputFrames = outputFrames;
    this.stopped = stopped;
  }

  /** Measures at {@code bits} (8 or 10, the output's depth), as the encoder's pictures were; filtered jobs are 8-bit. */
  public EncodeQualityCheck atDepth(int bits) {
    if (bits != 8 && filters != null) {
      throw new IllegalArgumentException("the filters run on 8-bit pictures");
    }
    this.depth = bits;
    return this;
  }

  /**
   * @param keptPts per chunk, the source times of the frames its segment holds (all of the chunk's
   *     frames unless damage was skipped), in order
   */
  public QualityScore measure(ChunkPlan plan, long[][] keptPts, int workers) {
    long t0 = System.nanoTime();
    int[] firstOutput = new int[plan.size()];
    int total = 0;
    for (int c = 0; c < plan.size(); c++) {
      firstOutput[c] = total;
      total += keptPts[c].length;
    }
    if (total != outputFrames.frameCount()) {
      throw new MediaException("quality check: the output has " + outputFrames.frameCount() + " frames, the chunks "
          + total);
    }
    // The metric kernels measure every frame of the output: the Vector API only if that repays its warm-up.
    FrameSize measured = filters == null ? decodedSize : filters.chain().outputSize(decodedSize);
    Kernels kernels = Kernels.forWork(
        Kernels.Work.frames(total, measured.width(), measured.height(), Kernels.Operation.PSNR_SSIM));
    List<QualityTally> tallies = new ArrayList<>();
    if (workers <= 1 || plan.size() == 1) {
      for (Chunk c : plan.chunks()) {
        tallies.add(measureChunk(c, keptPts[c.index()], firstOutput[c.index()], kernels));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, plan.size()), r -> {
        Thread t = new Thread(r, "framefork-quality");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<QualityTally>> futures = new ArrayList<>();
        for (Chunk c : plan.chunks()) {
          futures.add(pool.submit(() -> measureChunk(c, keptPts[c.index()], firstOutput[c.index()], kernels)));
        }
        for (Future<QualityTally> f : futures) {
          tallies.add(f.get());
        }
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new MediaException("quality check: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("quality check interrupted");
      } finally {
        pool.shutdownNow();
      }
    }
    QualityTally all = new QualityTally(kernels);
    tallies.forEach(all::add);
    return all.score((System.nanoTime() - t0) / 1e9);
  }

  private QualityTally measureChunk(Chunk chunk, long[] kept, int firstOutput, Kernels kernels) {
    QualityTally tally = new QualityTally(kernels);
    if (kept.length == 0) {
      return tally;
    }
    FilterRun run = filters == null ? null : filters.start(decodedSize);
    long outFirstPts = outputFrames.pts(firstOutput);
    long outEndPts = firstOutput + kept.length < outputFrames.frameCount()
        ? outputFrames.pts(firstOutput + kept.length) : Long.MAX_VALUE;
    try (PictureSource src = PictureSources.open(source, DecoderOptions.defaults().withStream(videoIndex).withThreads(1)
            .withSize(decodedSize.width(), decodedSize.height()).withDepth(depth));
        VideoDecoder out = new VideoDecoder(output, DecoderOptions.defaults().withThreads(1).withDepth(depth))) {
      if (!chunk.startsOnKeyframeAtStreamStart()) {
        src.startAt(new FrameStart(chunk.firstFrame(), chunk.startPts(), chunk.seekPts()), ReadFrom.KEYFRAME);
      }
      if (firstOutput > 0) {
        out.startAt(outputFrames.keyframeAtOrBefore(outFirstPts), outFirstPts);
      }
      Pair pair = new Pair(src, out, chunk, kept, outEndPts);
      int matched = depth > 8
          ? pair.measure(DecodedFrames.TEN_BIT, tally::measure, f -> f)
          : pair.measure(DecodedFrames.EIGHT_BIT, tally::measure, run == null ? f -> f : run::apply);
      if (matched != kept.length) {
        throw new MediaException("quality check: chunk " + chunk.index() + " has " + kept.length
            + " frames in the output, but " + matched + " were found in the source");
      }
    }
    return tally;
  }

  /** One chunk's source range and its frames of the output, read side by side. */
  private final class Pair {
    private final PictureSource src;
    private final VideoDecoder out;
    private final Chunk chunk;
    private final long[] kept;
    private final long outEndPts;

    Pair(PictureSource src, VideoDecoder out, Chunk chunk, long[] kept, long outEndPts) {
      this.src = src;
      this.out = out;
      this.chunk = chunk;
      this.kept = kept;
      this.outEndPts = outEndPts;
    }

    /**
     * Measures each kept source frame, through {@code filter}, against the output's next frame;
     * returns how many were matched.
     */
    <F> int measure(DecodedFrames.Copier<F> copier, BiFunction<F, F, FrameQuality> measure, UnaryOperator<F> filter) {
      F reference = null;
      F encoded = null;
      int matched = 0;
      while (matched < kept.length && src.next()) {
        if (stopped.getAsBoolean()) {
          throw new CancellationException("quality check cancelled");
        }
        if (src.pts() >= chunk.endPts()) {
          break;
        }
        if (Arrays.binarySearch(kept, src.pts()) < 0) {
          continue; // a damaged frame the encoder left out
        }
        if (!out.next() || out.pts() >= outEndPts) {
          throw new MediaException("quality check: the output ends before chunk " + chunk.index() + "'s frames do");
        }
        if (reference == null) {
          reference = copier.allocateLike(src.picture());
          encoded = copier.allocateLike(out.picture());
        }
        copier.copyIn(src.picture(), reference);
        copier.copyIn(out.picture(), encoded);
        measure.apply(filter.apply(reference), encoded);
        matched++;
      }
      return matched;
    }
  }
}
