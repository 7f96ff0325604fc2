package org.framefork.encoder.job;

import java.util.TreeSet;
import org.framefork.encoder.encode.filter.CropDetect;
import org.framefork.encoder.encode.filter.CropFilter;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.source.ImageSequenceDecoder;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.source.SequenceOptions;

/**
 * {@code crop=auto} made a rectangle for one source, as the job probes it: {@link #SAMPLES}
 * keyframes spread over the video (each decoded alone, no frames before it), searched for black
 * bars by {@link CropDetect}. Keyframes from the middle of each tenth, so that a black opening or
 * closing (a fade, the credits' black) is one picture among ten, and one picture that shows its
 * full height keeps the bars' rows.
 */
final class AutoCrop {
  static final int SAMPLES = 10;

  private AutoCrop() {}

  /** The chain with its crop made, and the note that says what was found. */
  record Found(FilterChain chain, Note note) {}

  /** {@code chain}'s {@code crop=auto} made the rectangle of {@code source}'s pictures of size {@code picture}. */
  static Found find(FilterChain chain, ProbedSource source, FrameSize picture, SequenceOptions sequence) {
    FrameIndex frames = source.media().frames();
    DecoderOptions options = DecoderOptions.defaults().withStream(source.media().video().index()).withThreads(1)
        .withSize(picture.width(), picture.height());
    CropDetect detect = new CropDetect(picture);
    YuvFrame yuv = YuvFrame.allocate(picture.width(), picture.height());
    for (int frame : sampled(frames)) {
      try (PictureSource s = source.sequence() == null ? new VideoDecoder(source.media().path(), options)
          : new ImageSequenceDecoder(source.sequence(), options, sequence.alphaOver())) {
        s.startAt(frames.startOf(frame), ReadFrom.KEYFRAME);
        if (s.next()) {
          FramePlanes.copyIn(s.picture(), yuv);
          detect.add(yuv);
        }
      }
    }
    CropFilter found = detect.rectangle();
    String where = " in " + detect.pictures() + " sampled picture" + (detect.pictures() == 1 ? "" : "s");
    Note note = Note.info(found == null ? "crop=auto found no black bars" + where + "; the picture is kept whole"
        : "crop=auto found " + found.width() + "x" + found.height() + " at (" + found.x() + ", " + found.y() + ")" + where
            + " (" + found.text() + ")");
    return new Found(chain.withAutoCrop(found), note);
  }

  /** The frames to look at: the keyframe nearest the middle of each tenth of the keyframes, each once. */
  static TreeSet<Integer> sampled(FrameIndex frames) {
    TreeSet<Integer> out = new TreeSet<>();
    int keyframes = frames.keyframeCount();
    for (int i = 0; i < SAMPLES && keyframes > 0; i++) {
      int k = (int) ((2L * i + 1) * keyframes / (2L * SAMPLES));
      out.add(frames.frameAt(frames.keyframePts(k)));
    }
    return out;
  }
}
