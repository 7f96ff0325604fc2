package org.framefork.encoder.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.encode.ChunkInput;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Yuv420Frame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.verify.vmaf.VmafEdges;
import org.framefork.encoder.verify.vmaf.VmafFrame;
import org.framefork.encoder.verify.vmaf.VmafOfFrames;
import org.framefork.encoder.verify.vmaf.VmafScaler;
import org.framefork.encoder.verify.vmaf.VmafTally;

/**
 * {@code encode --verify-quality}: the finished output's PSNR, SSIM and VMAF against its source,
 * for the whole and per chunk. The reference is what the encoder was given, read by the chunk
 * encoder's own {@link ChunkInput} (as target quality's probes read it): the source decoded, made
 * 4:2:0, tone-mapped when asked, put through the job's filters with a fresh run per chunk (as each
 * chunk had), at the output's depth, so that the figures measure the encoding alone, not the tone
 * map or the filters.
 *
 * <p>Chunk by chunk, on {@code workers} threads at once: each compares its source range with its
 * frames of the output (every chunk starts on a keyframe of the output, so both sides seek). Target
 * quality measures each chunk's segment as soon as it is encoded ({@link #measureSegment}); the
 * output's figures then take those chunks as measured.
 */
public final class EncodeQualityCheck {
  private final Path source;
  private final int videoIndex;
  private final FrameSize decodedSize;
  private final FilterSetup filters;
  /** The final encodes' settings: the picture format (depth, tone map) the reference is read in. */
  private final EncodeSettings video;
  private final BooleanSupplier stopped;
  /** The frames of the whole output, for {@link #measureSegment}'s choice of kernels. */
  private long jobFrames;
  /** Which figures are measured: PSNR and SSIM, VMAF, or both (the default). */
  private boolean scoresPsnrAndSsim = true;
  private boolean scoresVmaf = true;

  /**
   * @param decodedSize the size the chunk encoder made the source's pictures (even, before filters)
   * @param filters the job's filters, or null
   * @param video the final encodes' settings: the reference is read as their encoder reads it, and
   *     measured at their depth (8, or 10 on 16-bit samples, VMAF included)
   */
  public EncodeQualityCheck(Path source, int videoIndex, FrameSize decodedSize, FilterSetup filters, EncodeSettings video,
      BooleanSupplier stopped) {
    this.source = source;
    this.videoIndex = videoIndex;
    this.decodedSize = decodedSize;
    this.filters = filters == null || filters.chain().isEmpty() ? null : filters;
    this.video = video;
    this.stopped = stopped;
  }

  /**
   * Measures only PSNR and SSIM, or only VMAF, where nothing else will be read (target quality
   * without {@code --verify-quality} reads its own metric): the figures left out come out empty
   * (NaN, no frame scores). VMAF costs about 35 ms a 1080p frame, SSIM with the plain kernels
   * about 15.
   */
  public EncodeQualityCheck scoring(boolean psnrAndSsim, boolean vmaf) {
    this.scoresPsnrAndSsim = psnrAndSsim;
    this.scoresVmaf = vmaf;
    return this;
  }

  /**
   * For {@link #measureSegment}: the frames of the whole output, all of which will be measured
   * (whether the Vector API repays its warm-up).
   */
  public EncodeQualityCheck forJobOf(long frames) {
    this.jobFrames = frames;
    return this;
  }

  /**
   * The output's figures, chunk by chunk.
   *
   * @param outputFrames the output's frame index (from a probe of it)
   * @param keptPts per chunk, the source times of the frames its segment holds (all of the chunk's
   *     frames unless damage was skipped), in order
   * @param before chunks already measured on their segments (see {@link #measureSegment}), by
   *     chunk index: taken as they are where they hold the same frames, as the join copies a
   *     segment's packets unchanged
   */
  public OutputQuality measure(Path output, FrameIndex outputFrames, ChunkPlan plan, long[][] keptPts, int workers,
      Map<Integer, Measured> before) {
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
    Kernels kernels = kernels(total);
    List<Measured> parts = measureAll(plan, chunk -> {
      int c = chunk.index();
      Measured done = before.get(c);
      return done != null && Arrays.equals(done.kept(), keptPts[c]) ? done.at(firstOutput[c])
          : measureChunk(chunk, keptPts[c], new Encoded(output, firstOutput[c], outputFrames), kernels);
    }, workers);
    QualityTally all = new QualityTally(kernels);
    for (Measured m : parts) {
      all.add(m.tally());
    }
    VmafAcrossChunks pooled = VmafAcrossChunks.pool(parts, keptPts);
    int alone = scoresVmaf ? pooled.edgesAlone() : 0;
    return new OutputQuality(all.score((System.nanoTime() - t0) / 1e9), pooled.vmaf().summary(), scaled(),
        pooled.chunks(), null, alone, alone == 0 ? null : whyEdgesAlone());
  }

  /** Why edges between chunks were scored alone: a temporal filter's, or the pictures past the chunks'. */
  private String whyEdgesAlone() {
    return filters != null && filters.chain().temporal() ? "a temporal --vf filter starts afresh in each chunk"
        : "the picture after a chunk was not the next chunk's first";
  }

  /**
   * Whether a chunk's check reads the reference picture after the chunk, for the VMAF motion across
   * its edge: not where a temporal filter gives that picture otherwise than the next chunk's own
   * run, which starts afresh on it.
   */
  private boolean readsPastEnd() {
    return scoresVmaf && (filters == null || !filters.chain().temporal());
  }

  /**
   * One chunk's encode, its own file, measured as {@link #measure} measures the chunk's frames of
   * the output: before the join, so that target quality can judge the encode (and encode the chunk
   * again) on every frame, and the output's figures can take it as it is.
   *
   * @param kept the source times of the frames the segment holds, in order
   */
  public Measured measureSegment(Chunk chunk, Path segment, long[] kept) {
    return measureChunk(chunk, kept, new Encoded(segment, 0, null), kernels(jobFrames));
  }

  /** The metric kernels for {@code frames} frames: the Vector API only if that repays its warm-up. */
  private Kernels kernels(long frames) {
    FrameSize measured = measuredSize();
    return Kernels.forWork(Kernels.Work.frames(frames, measured.width(), measured.height(), Kernels.Operation.PSNR_SSIM));
  }

  private FrameSize measuredSize() {
    return filters == null ? decodedSize : filters.chain().outputSize(decodedSize);
  }

  private boolean scaled() {
    FrameSize measured = measuredSize();
    return VmafScaler.needed(measured.width(), measured.height());
  }

  /**
   * One chunk's sums, for the whole output's, and its own figures; {@code kept}: the source times
   * of the frames it measured; {@code edges}: what its first and last frames need to be scored
   * with their neighbours' motion (null where VMAF was not measured).
   */
  public record Measured(QualityTally tally, VmafTally vmaf, ChunkQuality chunk, long[] kept, VmafEdges edges) {
    /** The same, as the chunk's frames of an output where they start at frame {@code firstOutput}. */
    Measured at(int firstOutput) {
      return new Measured(tally, vmaf, chunk.startingAt(firstOutput), kept, edges);
    }
  }

  /**
   * Where a chunk's encoded frames are: a file, the first of them in it, and the file's frame
   * index (null for a chunk's own segment, whose frames are all the chunk's).
   */
  private record Encoded(Path file, int first, FrameIndex frames) {}

  /** Measures every chunk, on {@code workers} threads at once; the results in chunk order. */
  private static List<Measured> measureAll(ChunkPlan plan, Function<Chunk, Measured> measure, int workers) {
    List<Measured> out = new ArrayList<>();
    if (workers <= 1 || plan.size() == 1) {
      for (Chunk c : plan.chunks()) {
        out.add(measure.apply(c));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, plan.size()), r -> {
      Thread t = new Thread(r, "framefork-quality");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Measured>> futures = new ArrayList<>();
      for (Chunk c : plan.chunks()) {
        futures.add(pool.submit(() -> measure.apply(c)));
      }
      for (Future<Measured> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new MediaException("quality check: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("quality check interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  private Measured measureChunk(Chunk chunk, long[] kept, Encoded output, Kernels kernels) {
    if (kept.length == 0) {
      return new ChunkScores(0).measured(chunk, output.first(), new QualityTally(kernels), kept);
    }
    // 10-bit outputs are scored at 10 bits, VMAF included (libvmaf's shifts for deeper pictures).
    try (ChunkInput src = ChunkInput.open(source, videoIndex, chunk, video, ReadFrom.KEYFRAME, filters)) {
      int depth = src.settings().picture().depth();
      return measureChunk(chunk, kept, output, kernels, src, depth);
    }
  }

  /** {@link #measureChunk} on the chunk's reference pictures, {@code src}, of {@code depth} bits. */
  private Measured measureChunk(Chunk chunk, long[] kept, Encoded output, Kernels kernels, ChunkInput src, int depth) {
    QualityTally tally = new QualityTally(kernels);
    ChunkScores scores = new ChunkScores(kept.length);
    FrameIndex frames = output.frames();
    int firstOutput = output.first();
    long outFirstPts = frames == null ? 0 : frames.pts(firstOutput);
    long outEndPts = frames != null && firstOutput + kept.length < frames.frameCount()
        ? frames.pts(firstOutput + kept.length) : Long.MAX_VALUE;
    try (VideoDecoder out = new VideoDecoder(output.file(), DecoderOptions.defaults().withThreads(1).withDepth(depth));
        VmafOfFrames vmaf = scoresVmaf ? new VmafOfFrames(src.encodedSize(), scaled(), depth).stopWhen(stopped) : null) {
      if (firstOutput > 0) {
        out.startAt(frames.keyframeAtOrBefore(outFirstPts), outFirstPts);
      }
      Pair pair = new Pair(src, out, chunk, kept, outEndPts);
      int matched = depth > 8
          ? pair.measure(DecodedFrames.TEN_BIT, scorer(scores, tally::measure, vmaf == null ? null : vmaf::push))
          : pair.measure(DecodedFrames.EIGHT_BIT, scorer(scores, tally::measure, vmaf == null ? null : vmaf::push));
      if (matched != kept.length) {
        throw new MediaException("quality check: chunk " + chunk.index() + " has " + kept.length
            + " frames in the output, but " + matched + " were found in the source");
      }
      if (vmaf != null) {
        scores.addVmaf(vmaf.finish());
        scores.edges = depth > 8 ? edges(pair, DecodedFrames.TEN_BIT, vmaf, scores)
            : edges(pair, DecodedFrames.EIGHT_BIT, vmaf, scores);
      }
    }
    return scores.measured(chunk, firstOutput, tally, kept);
  }

  /** The chunk's VMAF edges, with the reference picture after it where that is read. */
  private <F extends Yuv420Frame<?>> VmafEdges edges(Pair pair, DecodedFrames.Copier<F> copier, VmafOfFrames vmaf,
      ChunkScores scores) {
    F following = readsPastEnd() ? pair.pastEnd(copier) : null;
    return vmaf.edges(scores.firstVmaf, scores.lastVmaf, following, following == null ? Long.MIN_VALUE : pair.src.pts());
  }

  /**
   * What each pair of pictures (of 8-bit or 16-bit samples, {@code F}) adds to {@code scores}: its
   * PSNR and SSIM when they are measured, its VMAF when {@code vmaf} is not null.
   */
  private <F> BiConsumer<F, F> scorer(ChunkScores scores, BiFunction<F, F, FrameQuality> psnrAndSsim,
      BiFunction<F, F, VmafFrame> vmaf) {
    return (reference, encoded) -> {
      if (scoresPsnrAndSsim) {
        scores.add(psnrAndSsim.apply(reference, encoded));
      }
      if (vmaf != null) {
        scores.addVmaf(vmaf.apply(reference, encoded));
      }
    };
  }

  /** One chunk's source range and its frames of the output, read side by side. */
  private final class Pair {
    private final ChunkInput src;
    private final VideoDecoder out;
    private final Chunk chunk;
    private final long[] kept;
    private final long outEndPts;
    /** Whether the source was last read at the picture after the chunk. */
    private boolean pastEnd;

    Pair(ChunkInput src, VideoDecoder out, Chunk chunk, long[] kept, long outEndPts) {
      this.src = src;
      this.out = out;
      this.chunk = chunk;
      this.kept = kept;
      this.outEndPts = outEndPts;
    }

    /**
     * Measures each kept source frame, as the encoder was given it, against the output's next
     * frame; returns how many were matched.
     */
    <F> int measure(DecodedFrames.Copier<F> copier, BiConsumer<F, F> sink) {
      F reference = null;
      F encoded = null;
      int matched = 0;
      while (matched < kept.length && src.next()) {
        if (stopped.getAsBoolean()) {
          throw new CancellationException("quality check cancelled");
        }
        if (src.pts() >= chunk.endPts()) {
          pastEnd = true;
          break;
        }
        if (Arrays.binarySearch(kept, src.pts()) < 0) {
          continue; // a damaged frame the encoder left out
        }
        if (!out.next() || out.pts() >= outEndPts) {
          throw new MediaException("quality check: the output ends before chunk " + chunk.index() + "'s frames do");
        }
        // Tone-mapped and filtered once per frame: a temporal filter sees each frame once, as in the encoder.
        AVFrame picture = src.picture();
        if (reference == null) {
          reference = copier.allocateLike(picture);
          encoded = copier.allocateLike(out.picture());
        }
        copier.copyIn(picture, reference);
        copier.copyIn(out.picture(), encoded);
        sink.accept(reference, encoded);
        matched++;
      }
      return matched;
    }

    /**
     * The reference picture after the chunk (the next chunk's first source picture, as this
     * chunk's run of tone map and filters gives it), read once the chunk's frames are; null at the
     * source's end. Its time is then {@code src.pts()}.
     */
    <F> F pastEnd(DecodedFrames.Copier<F> copier) {
      while (!pastEnd && src.next()) {
        pastEnd = src.pts() >= chunk.endPts();
      }
      if (!pastEnd) {
        return null;
      }
      AVFrame picture = src.picture();
      F reference = copier.allocateLike(picture);
      copier.copyIn(picture, reference);
      return reference;
    }
  }

  /** A chunk's frame scores as they come (VMAF one frame late), then its figures. */
  private static final class ChunkScores {
    final double[] ssim;
    final double[] psnr;
    final VmafTally vmaf = new VmafTally();
    int frames;
    VmafFrame firstVmaf;
    VmafFrame lastVmaf;
    VmafEdges edges;

    ChunkScores(int capacity) {
      ssim = new double[capacity];
      psnr = new double[capacity];
    }

    void add(FrameQuality q) {
      ssim[frames] = q.ssimAll();
      psnr[frames] = Math.min(q.psnrAverage(), ChunkQuality.PSNR_CAP);
      frames++;
    }

    void addVmaf(VmafFrame v) {
      if (v != null) {
        vmaf.add(v.vmaf());
        firstVmaf = firstVmaf == null ? v : firstVmaf;
        lastVmaf = v;
      }
    }

    Measured measured(Chunk chunk, int firstOutput, QualityTally tally, long[] kept) {
      ChunkQuality.FrameScores each = new ChunkQuality.FrameScores(Arrays.copyOf(ssim, frames), Arrays.copyOf(psnr, frames),
          vmaf.scores());
      return new Measured(tally, vmaf, new ChunkQuality(chunk.index(), firstOutput, tally.score(0), vmaf.summary(),
          each), kept, edges);
    }
  }
}
