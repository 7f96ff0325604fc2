package org.framefork.encoder.job;

import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.encode.filter.CropDetect;
import org.framefork.encoder.encode.filter.CropFilter;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.source.PictureSources;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.source.SequenceOptions;

/**
 * {@code crop=auto} made a rectangle for one source, as the job probes it: {@link #SAMPLES}
 * pictures spread over the video (up to {@link #MAX_SAMPLES} on a long one, {@link #samples}),
 * searched for black bars by {@link CropDetect}, which leaves out pictures black or almost black
 * all over (a fade, titles or credits on black). Pictures from the middle of each part, so that a
 * black opening or closing is one picture among ten, and one picture that shows its full height
 * keeps the bars' rows. With {@link #SAMPLES} keyframes or more, keyframes (each decoded alone);
 * with fewer (a short clip, a long GOP), frames, each decoded forward from its keyframe, by one
 * decoder while they share it.
 */
final class AutoCrop {
  static final int SAMPLES = 10;
  static final int MAX_SAMPLES = 30;
  static final int SECONDS_PER_SAMPLE = 6;

  private AutoCrop() {}

  /** The chain with its crop made, and the note that says what was found. */
  record Found(FilterChain chain, Note note) {}

  /**
   * {@code chain}'s {@code crop=auto} made the rectangle of {@code source}'s pictures of size
   * {@code picture}.
   *
   * @throws CancellationException when {@code stop} says so, between pictures
   */
  static Found find(FilterChain chain, ProbedSource source, FrameSize picture, SequenceOptions sequence,
      BooleanSupplier stop) {
    FrameIndex frames = source.media().frames();
    CropDetect detect = new CropDetect(picture);
    YuvFrame yuv = YuvFrame.allocate(picture.width(), picture.height());
    TreeSet<Integer> sampled = sampled(frames);
    try (Reader reader = new Reader(source, picture, sequence, stop)) {
      for (int frame : sampled) {
        if (stop.getAsBoolean()) {
          throw new CancellationException("crop=auto's search for black bars cancelled");
        }
        if (reader.readTo(frames, frame)) {
          FramePlanes.copyIn(reader.picture(), yuv);
          detect.add(yuv);
        }
      }
    }
    CropFilter found = detect.rectangle();
    return new Found(chain.withAutoCrop(found), Note.info(note(detect, found, sampled.size(),
        source.media().video().storedPictureText())));
  }

  /**
   * What the search found, for the report: the rectangle (in the stored picture; {@code stored}
   * says so where players turn or mirror it, {@link org.framefork.encoder.probe.VideoStream#storedPictureText}), or why the
   * picture is kept whole.
   */
  static String note(CropDetect detect, CropFilter found, int sampled, String stored) {
    int n = detect.pictures();
    int black = detect.blackPictures();
    if (n == 0 && black == 0) {
      return "crop=auto could read none of the " + sampled + " pictures it sampled; the picture is kept whole";
    }
    if (n == 0) {
      return "crop=auto found every picture it could read black or almost black (titles on black, or too dark to tell; "
          + black + " of " + sampled + " sampled); the picture is kept whole";
    }
    String where = " in " + n + " sampled picture" + (n == 1 ? "" : "s");
    String left = black == 0 ? "" : "; " + black + " black or almost black picture" + (black == 1 ? "" : "s") + " left out";
    return found == null ? "crop=auto found no black bars" + where + "; the picture is kept whole" + left
        : "crop=auto found " + found.width() + "x" + found.height() + " at (" + found.x() + ", " + found.y() + ")" + where
            + " (" + found.text() + ")" + stored + left;
  }

  /**
   * The frames to look at, each once: the keyframe nearest the middle of each of {@link #samples}
   * parts of the keyframes; with fewer than {@link #SAMPLES} keyframes, the frame in the middle of
   * each tenth of the frames.
   */
  static TreeSet<Integer> sampled(FrameIndex frames) {
    TreeSet<Integer> out = new TreeSet<>();
    int keyframes = frames.keyframeCount();
    int all = frames.frameCount();
    int n = samples(frames);
    for (int i = 0; i < n && all > 0; i++) {
      if (keyframes >= SAMPLES) {
        out.add(frames.frameAt(frames.keyframePts((int) ((2L * i + 1) * keyframes / (2L * n)))));
      } else {
        out.add((int) ((2L * i + 1) * all / (2L * n)));
      }
    }
    out.remove(-1);
    return out;
  }

  /**
   * How many pictures to look at: {@link #SAMPLES}, and on a video of over a minute one per
   * {@link #SECONDS_PER_SAMPLE} s up to {@link #MAX_SAMPLES}, as long as each is a keyframe of its
   * own (decoded alone, some 30 ms at 720p): a longer film's dark scenes do not decide its bars.
   */
  static int samples(FrameIndex frames) {
    int keyframes = frames.keyframeCount();
    if (keyframes < SAMPLES) {
      return SAMPLES;
    }
    int wanted = (int) Math.min(MAX_SAMPLES, frames.durationSeconds() / SECONDS_PER_SAMPLE);
    return Math.max(SAMPLES, Math.min(wanted, keyframes));
  }

  /**
   * Reads the sampled frames in order: a frame past the current one that decodes from the same
   * keyframe is reached by decoding forward; any other opens the source afresh at its keyframe.
   */
  private static final class Reader implements AutoCloseable {
    private final ProbedSource source;
    private final DecoderOptions options;
    private final SequenceOptions sequence;
    private final BooleanSupplier stop;
    private PictureSource open;
    private long keyframe;

    Reader(ProbedSource source, FrameSize picture, SequenceOptions sequence, BooleanSupplier stop) {
      this.source = source;
      this.options = DecoderOptions.defaults().withStream(source.media().video().index()).withThreads(1)
          .withSize(picture.width(), picture.height());
      this.sequence = sequence;
      this.stop = stop;
    }

    /** Reads frame {@code frame}, or the first after it the source holds; false when none could be read. */
    boolean readTo(FrameIndex frames, int frame) {
      long pts = frames.pts(frame);
      if (open != null && frames.keyframeAtOrBefore(pts) == keyframe && open.pts() <= pts) {
        while (open.pts() < pts) {
          if (stop.getAsBoolean()) {
            throw new CancellationException("crop=auto's search for black bars cancelled");
          }
          if (!open.next()) {
            close();
            return false;
          }
        }
        return true;
      }
      close();
      open = PictureSources.open(source, sequence.alphaOver(), options);
      keyframe = frames.keyframeAtOrBefore(pts);
      open.startAt(frames.startOf(frame), ReadFrom.KEYFRAME);
      if (!open.next()) {
        close();
        return false;
      }
      return true;
    }

    /** The picture read last; valid until the next read. */
    AVFrame picture() {
      return open.picture();
    }

    @Override
    public void close() {
      if (open != null) {
        open.close();
        open = null;
      }
    }
  }
}
