package org.framefork.encoder.verify;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.HdrInfo;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.verify.vmaf.VmafFrame;
import org.framefork.encoder.verify.vmaf.VmafMode;
import org.framefork.encoder.verify.vmaf.VmafModel;
import org.framefork.encoder.verify.vmaf.VmafScaler;
import org.framefork.encoder.verify.vmaf.VmafScorer;
import org.framefork.encoder.verify.vmaf.VmafSummary;
import org.framefork.encoder.verify.vmaf.VmafTally;
import org.framefork.encoder.verify.vmaf.VmafWorkers;

/**
 * Compares two videos frame by frame, the first as the reference: both decoded by FrameFork's own
 * decoder into 4:2:0 planes (other pixel formats converted first) of 8 bits, or of 10 bits in
 * 16-bit samples when either video is deeper (PSNR against the peak 1023, as FFmpeg's filters),
 * paired in presentation order, measured with the metric kernels. What {@code framefork compare} runs; its figures are
 * FFmpeg's {@code psnr} and {@code ssim} filters' for the same pair.
 */
public final class VideoComparison {
  /**
   * The outcome.
   *
   * @param referenceFrames frames the reference has; {@code score.frames()} were compared (the
   *     shorter video's count)
   * @param bits the depth the pair was compared at: 8, or 10 when either video is deeper
   * @param vmaf VMAF ({@code vmaf_v0.6.1}) of the frames, null when not asked for
   * @param vmafScaled whether the pictures were scaled to 1920x1080 for VMAF
   * @param vmafNote one line on how VMAF read the pair when that needs saying (an 8-bit video
   *     against a 10-bit one; HDR pictures scored by an SDR model), else null
   * @param cropNote which video's odd last row or column was left out, as FrameFork's encode leaves
   *     it out (a source against its output), else null
   */
  public record Result(Path reference, Path distorted, int width, int height, long referenceFrames, long distortedFrames,
      int bits, QualityScore score, VmafSummary vmaf, boolean vmafScaled, String vmafNote, String cropNote) {}

  /** Frames per chunk when VMAF is scored by several workers. */
  public static final int VMAF_CHUNK = 15;

  private VideoComparison() {}

  /**
   * Compares {@code distorted} with {@code reference}; {@code perFrame} sees each frame's figures.
   *
   * @throws InputException when a file is missing or unreadable, or the pictures differ in size
   * @throws org.framefork.encoder.media.MediaException when a file is not a video FrameFork can decode
   */
  public static Result compare(Path reference, Path distorted, Consumer<FrameQuality> perFrame) {
    return compare(reference, distorted, VmafMode.OFF, perFrame, null);
  }

  /**
   * Compares as {@link #compare(Path, Path, Consumer)} does, and scores VMAF too unless {@code vmaf}
   * is {@link VmafMode#OFF}; {@code perVmafFrame} sees each frame's VMAF, one frame after its PSNR
   * and SSIM (a frame's motion needs the next picture).
   *
   * @throws InputException also when VMAF is asked for and the two have different numbers of frames
   */
  public static Result compare(Path reference, Path distorted, VmafMode vmaf, Consumer<FrameQuality> perFrame,
      Consumer<VmafFrame> perVmafFrame) {
    return compare(reference, distorted, vmaf, 1, perFrame, perVmafFrame);
  }

  /**
   * As above, with VMAF scored by {@code workers} threads, on chunks of {@value #VMAF_CHUNK}
   * consecutive frames (see {@link VmafWorkers}: the figures are those of one thread).
   */
  public static Result compare(Path reference, Path distorted, VmafMode vmaf, int workers,
      Consumer<FrameQuality> perFrame, Consumer<VmafFrame> perVmafFrame) {
    Prober.requireReadableFile(reference);
    Prober.requireReadableFile(distorted);
    long t0 = System.nanoTime();
    VideoDecoder[] pair = openPair(reference, distorted, vmaf);
    int width = pair[0].width();
    int height = pair[0].height();
    boolean scaled = vmaf == VmafMode.SCALED && VmafScaler.needed(width, height);
    int bits = depth(pair);
    String note = vmaf == VmafMode.OFF ? null : vmafNote(pair, reference, distorted);
    String cropNote = cropNote(pair, reference, distorted);
    // The Vector API kernels only for enough frames to repay their warm-up (read the counts before decoding).
    Kernels kernels = Kernels.forWork(work(pair[0], pair[1]));
    // Both files decode on threads of their own while this one measures.
    try (VmafSink sink = vmaf == VmafMode.OFF ? null : new VmafSink(width, height, bits, scaled, workers, perVmafFrame)) {
      QualityTally tally = new QualityTally(kernels);
      long[] counts = bits > 8
          ? measureAll(pair, DecodedFrames.TEN_BIT, tally::measure, sink == null ? null : sink::push, perFrame)
          : measureAll(pair, DecodedFrames.EIGHT_BIT, tally::measure, sink == null ? null : sink::push, perFrame);
      if (sink != null) {
        if (counts[0] != counts[1]) {
          throw new InputException(reference + " has " + counts[0] + " frames and " + distorted + " has "
              + counts[1] + "; VMAF needs two videos of one length (--no-vmaf compares PSNR and SSIM on the frames "
              + "both have)");
        }
        sink.finish();
      }
      return new Result(reference, distorted, width, height, counts[0], counts[1], bits,
          tally.score((System.nanoTime() - t0) / 1e9), sink == null ? null : sink.tally.summary(), scaled, note, cropNote);
    }
  }

  /**
   * Pairs the two decoders' frames in order and measures each pair (and hands it to {@code also},
   * when not null); returns how many frames each video had.
   */
  private static <F> long[] measureAll(VideoDecoder[] pair, DecodedFrames.Copier<F> copier,
      BiFunction<F, F, FrameQuality> measure, BiConsumer<F, F> also, Consumer<FrameQuality> perFrame) {
    try (DecodedFrames<F> fa = new DecodedFrames<>(pair[0], copier, "reference");
        DecodedFrames<F> fb = new DecodedFrames<>(pair[1], copier, "distorted")) {
      while (true) {
        F x = fa.take();
        F y = fb.take();
        if (x == null || y == null) {
          // Count what is left of the longer one, so that the result can say.
          fa.skipRest(x);
          fb.skipRest(y);
          return new long[] {fa.count(), fb.count()};
        }
        FrameQuality q = measure.apply(x, y);
        if (perFrame != null) {
          perFrame.accept(q);
        }
        if (also != null) {
          also.accept(x, y);
        }
        fa.release(x);
        fb.release(y);
      }
    }
  }

  /** The bits the pair is compared at: 10 when either video is deeper than 8 bits (as FFmpeg's filters then read them), else 8. */
  private static int depth(VideoDecoder[] pair) {
    return Math.max(Ffmpeg.bitDepth(pair[0].stream().codecpar().format()),
        Ffmpeg.bitDepth(pair[1].stream().codecpar().format())) > 8 ? 10 : 8;
  }

  /** What to say of how VMAF read the pair: its depths and its transfer, each when it needs saying; null when neither does. */
  private static String vmafNote(VideoDecoder[] pair, Path reference, Path distorted) {
    String depths = mixedDepthNote(pair, reference, distorted);
    String hdr = hdrNote(pair);
    return depths == null ? hdr : hdr == null ? depths : depths + "; " + hdr;
  }

  /** That VMAF's SDR model scored HDR pictures, when either video is PQ or HLG; else null. */
  private static String hdrNote(VideoDecoder[] pair) {
    for (VideoDecoder d : pair) {
      int trc = d.stream().codecpar().color_trc();
      if (HdrInfo.hdrTransfer(trc)) {
        return VmafModel.sdrModelNote(trc == AVCOL_TRC_SMPTE2084 ? "PQ" : "HLG");
      }
    }
    return null;
  }

  /**
   * What to say when one video is 8-bit and the other deeper: libvmaf itself refuses pictures of
   * two depths, and FFmpeg's {@code libvmaf} filter has the 8-bit one converted to 10 bits first
   * (an automatic scale filter, bicubic); so does this, as for PSNR and SSIM, with libswscale.
   */
  private static String mixedDepthNote(VideoDecoder[] pair, Path reference, Path distorted) {
    int a = Ffmpeg.bitDepth(pair[0].stream().codecpar().format());
    int b = Ffmpeg.bitDepth(pair[1].stream().codecpar().format());
    if ((a > 8) == (b > 8)) {
      return null;
    }
    return (a > 8 ? distorted : reference) + " is 8-bit and " + (a > 8 ? reference : distorted) + " " + Math.max(a, b)
        + "-bit: VMAF scored both at 10 bits, the 8-bit one converted first, as FFmpeg's libvmaf filter does";
  }

  /**
   * The metric kernels' work: the frames both videos have (by their headers) times the picture
   * size; unknown, and so large, when neither says.
   */
  static Kernels.Work work(VideoDecoder a, VideoDecoder b) {
    long frames = Math.min(statedFrames(a), statedFrames(b));
    if (frames == Long.MAX_VALUE) {
      return Kernels.Work.NONE.plus(Kernels.Family.METRICS, Long.MAX_VALUE);
    }
    return Kernels.Work.frames(frames, a.width(), a.height(), Kernels.Operation.PSNR_SSIM);
  }

  /**
   * The frames {@code d}'s stream says it has: its frame count, else its duration at its frame
   * rate; {@link Long#MAX_VALUE} when it says neither (Matroska and WebM keep the duration in the
   * container only).
   */
  static long statedFrames(VideoDecoder d) {
    AVStream st = d.stream();
    if (st.nb_frames() > 0) {
      return st.nb_frames();
    }
    Rational rate = Ffmpeg.frameRate(st);
    if (st.duration() > 0 && rate.isValid()) {
      return Math.round(Rational.of(st.time_base()).seconds(st.duration()) * rate.toDouble());
    }
    return Long.MAX_VALUE;
  }

  /** Rates further apart than this differ: 30 against 29.97 fps pair well enough, 25 against 24 do not. */
  static final double RATE_TOLERANCE = 0.01;

  /**
   * Frames are paired one to one, in order: at two rates the pairs would drift apart in time, frame
   * k of one against the picture shown at another moment in the other, and the figures would mean
   * nothing. Rates the files do not state are not checked. Two average rates are no proof of that:
   * a variable-rate video, or one cut short, and its encode with the same frame times can state
   * average rates far apart (Matroska the nominal rate, MP4 the frames over their span), so where
   * the rates differ the frames' times decide (see {@link #sameFrameTimes}).
   */
  private static void requireOneRate(Path reference, VideoDecoder a, Path distorted, VideoDecoder b) {
    Rational ra = Ffmpeg.frameRate(a.stream());
    Rational rb = Ffmpeg.frameRate(b.stream());
    if (ra.isValid() && rb.isValid() && Math.abs(ra.toDouble() / rb.toDouble() - 1) > RATE_TOLERANCE
        && !sameFrameTimes(reference, distorted, Math.max(ra.toDouble(), rb.toDouble()))) {
      throw new InputException(reference + " is " + ra.fpsText() + " and " + distorted + " is " + rb.fpsText()
          + "; compare pairs frames one to one, so it needs two videos of one frame rate or of the same frame times "
          + "(convert one first, e.g. ffmpeg -i " + distorted.getFileName() + " -r " + ra
          + " ..., which drops or repeats frames to that rate)");
    }
  }

  /**
   * Whether the frames both videos have are shown at the same times, each from its first frame (as
   * {@link Prober#probe} finds them, without pictures that do not decode), to within a quarter of a
   * frame at {@code fastest} fps: then frame k of one is frame k of the other. False when either
   * cannot be probed.
   */
  static boolean sameFrameTimes(Path reference, Path distorted, double fastest) {
    FrameIndex x;
    FrameIndex y;
    try {
      x = Prober.probe(reference).frames();
      y = Prober.probe(distorted).frames();
    } catch (RuntimeException e) {
      return false;
    }
    double tolerance = 0.25 / fastest;
    for (int k = 0; k < Math.min(x.frameCount(), y.frameCount()); k++) {
      double tx = x.timeBase().seconds(x.pts(k) - x.pts(0));
      double ty = y.timeBase().seconds(y.pts(k) - y.pts(0));
      if (Math.abs(tx - ty) > tolerance) {
        return false;
      }
    }
    return true;
  }

  /**
   * What to do with two videos of different sizes: an encode through {@code --vf scale} is scored
   * by encode's own check, which compares through the same filters; other pairs are scaled first.
   */
  static final String SIZE_ADVICE = "compare needs two videos of one picture size: scale one to the other's first "
      + "(e.g. ffmpeg -i B -vf scale=%d:%d -c:v ffv1 B.mkv), or score an encode made with --vf by encode --verify-quality, "
      + "which measures through the same --vf";

  /**
   * Both decoders, checked to have one picture size and frame rate (and, for VMAF, the model's least size);
   * neither is left open when a check fails.
   */
  private static VideoDecoder[] openPair(Path reference, Path distorted, VmafMode vmaf) {
    VideoDecoder a = open(reference);
    VideoDecoder b = null;
    try {
      b = open(distorted);
      if ((a.width() != b.width() || a.height() != b.height()) && !cropsTo(a, b) && !cropsTo(b, a)) {
        throw new InputException(reference + " is " + a.width() + "x" + a.height() + " and " + distorted + " is "
            + b.width() + "x" + b.height() + "; " + SIZE_ADVICE.formatted(a.width(), a.height()));
      }
      requireOneRate(reference, a, distorted, b);
      if (vmaf == VmafMode.NATIVE && (a.width() < VmafScorer.MIN_SIZE || a.height() < VmafScorer.MIN_SIZE)) {
        throw new InputException(reference + " is " + a.width() + "x" + a.height() + "; VMAF at the pictures' own size needs "
            + "at least " + VmafScorer.MIN_SIZE + "x" + VmafScorer.MIN_SIZE
            + " (without --vmaf-native they are scaled to 1920x1080)");
      }
      VideoDecoder[] pair = {a, b};
      if (depth(pair) > 8) {
        // Read before the first picture (see VideoDecoder#stream); both at 10 bits, like FFmpeg's filters' common format.
        a.convertTo(a.width(), a.height(), 10);
        b.convertTo(b.width(), b.height(), 10);
      }
      if (fullRange(a) != fullRange(b)) {
        // A full-range video against a limited one: both in limited range, as FFmpeg's filters take them.
        a.toLimitedRange();
        b.toLimitedRange();
      }
      return pair;
    } catch (RuntimeException e) {
      a.close();
      if (b != null) {
        b.close();
      }
      throw e;
    }
  }

  /**
   * Whether {@code odd}'s pictures are {@code other}'s size once their odd last row or column is left
   * out, as FrameFork's encode leaves it out (4:2:0 needs even sizes): then {@code odd} hands them
   * out so, at the pair's depth.
   */
  private static boolean cropsTo(VideoDecoder odd, VideoDecoder other) {
    FrameSize even = EncodedPicture.size(odd.width(), odd.height());
    if (even.width() != other.width() || even.height() != other.height()) {
      return false;
    }
    odd.convertTo(other.width(), other.height(), depth(new VideoDecoder[] {odd, other}));
    return true;
  }

  /** Which of the pair was compared without its odd last row or column (see {@link #cropsTo}), or null. */
  private static String cropNote(VideoDecoder[] pair, Path reference, Path distorted) {
    for (int i = 0; i < 2; i++) {
      var par = pair[i].stream().codecpar();
      if (par.width() != pair[i].width() || par.height() != pair[i].height()) {
        return (i == 0 ? reference : distorted) + " is " + par.width() + "x" + par.height() + ": compared without its odd "
            + "last row or column, as FrameFork's encode leaves it out";
      }
    }
    return null;
  }

  /** Whether {@code d}'s pictures are full range, by its stream's tag or its pixel format (yuvj420p, ...). */
  private static boolean fullRange(VideoDecoder d) {
    var par = d.stream().codecpar();
    return par.color_range() == org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG
        || PictureConverter.plainFormat(par.format()) != par.format();
  }

  /**
   * Where the pairs of luma planes go for VMAF (8-bit, or 10-bit in 16-bit samples): scaled to the
   * model's size when asked, scored on this thread or on {@code workers} threads, each frame's score
   * into the tally and the listener.
   */
  private static final class VmafSink implements AutoCloseable {
    final VmafTally tally = new VmafTally();
    private final Consumer<VmafFrame> perFrame;
    private final VmafWorkers parallel;
    private final VmafScorer scorer;
    private final VmafScaler scaleA;
    private final VmafScaler scaleB;
    private final int bits;

    VmafSink(int width, int height, int bits, boolean scaled, int workers, Consumer<VmafFrame> perFrame) {
      this.perFrame = perFrame;
      this.bits = bits;
      int vw = scaled ? VmafScaler.WIDTH : width;
      int vh = scaled ? VmafScaler.HEIGHT : height;
      parallel = workers > 1 ? new VmafWorkers(workers, vw, vh, bits, VMAF_CHUNK, v -> take(v, tally, perFrame)) : null;
      scorer = parallel != null ? null : new VmafScorer(vw, vh);
      scaleA = scaled ? new VmafScaler(width, height, bits) : null;
      scaleB = scaled ? new VmafScaler(width, height, bits) : null;
    }

    void push(YuvFrame x, YuvFrame y) {
      Plane pa = scaleA != null ? scaleA.scale(x).y() : x.y();
      Plane pb = scaleB != null ? scaleB.scale(y).y() : y.y();
      if (parallel != null) {
        parallel.push(pa, pb);
      } else {
        take(scorer.push(pa, pb), tally, perFrame);
      }
    }

    void push(YuvFrame16 reference, YuvFrame16 distorted) {
      YuvFrame16 x = scaleA == null ? reference : scaleA.scale(reference);
      YuvFrame16 y = scaleB == null ? distorted : scaleB.scale(distorted);
      if (parallel == null) {
        take(scorer.push(x.y(), y.y(), bits), tally, perFrame);
        return;
      }
      parallel.push(x.y(), y.y());
    }

    void finish() {
      if (parallel != null) {
        parallel.finish();
      } else {
        take(scorer.finish(), tally, perFrame);
      }
    }

    @Override
    public void close() {
      if (parallel != null) {
        parallel.close();
      }
      if (scaleA != null) {
        scaleA.close();
        scaleB.close();
      }
    }
  }

  private static void take(VmafFrame v, VmafTally tally, Consumer<VmafFrame> perVmafFrame) {
    if (v != null) {
      tally.add(v.vmaf());
      if (perVmafFrame != null) {
        perVmafFrame.accept(v);
      }
    }
  }

  private static VideoDecoder open(Path file) {
    try {
      return VideoDecoder.open(file);
    } catch (org.framefork.encoder.media.MediaException e) {
      // The decoder's message often starts with the file's name already: say it once.
      String why = e.getMessage() == null ? "" : e.getMessage();
      if (why.startsWith(file + ": ")) {
        why = why.substring(file.toString().length() + 2);
      }
      throw new org.framefork.encoder.media.MediaException(file + ": not a video FrameFork can decode (" + why
          + "); check that it is a complete video file", e);
    }
  }
}
