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
import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.filter.FilterRun;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.probe.FrameIndex;

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
    try (VideoDecoder src = new VideoDecoder(source, DecoderOptions.defaults().withStream(videoIndex).withThreads(1).withSize(decodedSize.width(), decodedSize.height()));
        VideoDecoder out = new VideoDecoder(output, DecoderOptions.defaults().withThreads(1))) {
      if (!chunk.startsOnKeyframeAtStreamStart()) {
        src.startAt(chunk.seekPts(), chunk.startPts());
      }
      if (firstOutput > 0) {
        out.startAt(outputFrames.keyframeAtOrBefore(outFirstPts), outFirstPts);
      }
      YuvFrame reference = null;
      YuvFrame encoded = null;
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
          reference = FramePlanes.allocateLike(src.picture());
          encoded = FramePlanes.allocateLike(out.picture());
        }
        FramePlanes.copyIn(src.picture(), reference);
        FramePlanes.copyIn(out.picture(), encoded);
        YuvFrame filtered = run == null ? reference : run.apply(reference);
        tally.measure(filtered, encoded);
        matched++;
      }
      if (matched != kept.length) {
        throw new MediaException("quality check: chunk " + chunk.index() + " has " + kept.length
            + " frames in the output, but " + matched + " were found in the source");
      }
    }
    return tally;
  }
}
