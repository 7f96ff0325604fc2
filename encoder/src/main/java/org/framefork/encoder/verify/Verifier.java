package org.framefork.encoder.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.media.AudioStart;
import org.framefork.encoder.media.HdrMetadata;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.probe.VideoStream;

/** Checks an output against its source: frames, duration, audio and its sync, depth and HDR metadata. */
public final class Verifier {
  private Verifier() {}

  /**
   * @param expectAudio whether the output should carry audio (the source had some and it was not
   *     dropped on purpose)
   * @param droppedFrames frames of the source that were damaged beyond decoding and left out on
   *     purpose; the output must have exactly the rest
   * @param picture the depth and HDR metadata the encoders were given, which the output must have
   */
  public static Verification verify(MediaInfo source, Path output, boolean expectAudio, long droppedFrames,
      PictureFormat picture) {
    MediaInfo out = Prober.probe(output);
    List<String> problems = new ArrayList<>();
    checkPicture(source.video(), out.video(), picture, problems);
    long srcFrames = source.video().frameCount() - droppedFrames;
    long outFrames = out.video().frameCount();
    if (srcFrames != outFrames) {
      problems.add("the output has " + outFrames + " frames, the source " + srcFrames
          + (droppedFrames > 0 ? " (after " + droppedFrames + " damaged ones)" : ""));
    }
    double frame = srcFrames > 0 ? source.video().durationSeconds() / srcFrames : 0;
    double srcDur = source.video().durationSeconds();
    double outDur = out.video().durationSeconds();
    checkDuration(source, out, frame, droppedFrames, problems);
    checkFileLength(source, out, problems);
    boolean audioPresent = out.hasAudio();
    double drift = 0;
    if (expectAudio && !audioPresent) {
      problems.add("the source has audio, the output has none");
    } else if (expectAudio) {
      drift = audioDrift(source, out);
      if (drift >= frame) {
        problems.add(String.format("audio drifts %.1f ms against the video (limit: one frame, %.1f ms)", drift * 1000, frame * 1000));
      }
    }
    return new Verification(srcFrames, outFrames, srcDur, outDur, frame, expectAudio, audioPresent, drift, problems.isEmpty(),
        List.copyOf(problems), picture(out.video()));
  }

  /**
   * The output's frames carry the source's times and durations, so its first and last frames start
   * as the source's do within the rounding of two ticks (frame-exactness), and its video ends where
   * the source's does. Matroska and WebM store each frame's own length: the end within half a
   * frame, so that a one-frame video of 1 ms (a container that kept no frame durations) does not
   * pass for a source of 3 s. MP4 and MOV store durations in decode order, so where frames are
   * reordered the last one shown reads the gap of one a few frames before it (1.040 s for 1.000 s
   * when the last frames are 40 ms and 80 ms apart; the edit list still says 1.000 s): there the
   * end may be off by as much as one of the source's last {@value #REORDER_WINDOW} gaps differs from
   * its last frame's own length, and no more (so a one-frame MP4 of 1 ms fails for 3 s, too).
   */
  private static void checkDuration(MediaInfo source, MediaInfo out, double frame, long droppedFrames,
      List<String> problems) {
    FrameIndex src = source.frames();
    FrameIndex got = out.frames();
    double tick = 2 * Math.max(out.video().timeBase().toDouble(), source.video().timeBase().toDouble()) + 1e-6;
    if (droppedFrames == 0 && src != null && got != null && src.frameCount() > 0
        && src.frameCount() == got.frameCount()) {
      double srcSpan = span(src);
      double outSpan = span(got);
      if (Math.abs(srcSpan - outSpan) > tick) {
        problems.add(String.format("the output's last frame starts %.3f s after its first, the source's %.3f s",
            outSpan, srcSpan));
      }
    }
    double srcDur = source.video().durationSeconds();
    double outDur = out.video().durationSeconds();
    boolean ownLengths = out.container().startsWith("matroska") || src == null;
    double slack = ownLengths ? frame / 2 + tick : Math.max(frame / 2, reorderSlack(src)) + tick;
    if (Math.abs(srcDur - outDur) > slack) {
      problems.add(String.format("the output's video lasts %.3f s, the source's %.3f s", outDur, srcDur));
    }
  }

  /** Frames of the end that a reordering encoder's decode order mixes (x264's 3 B-frames and more). */
  private static final int REORDER_WINDOW = 8;

  private static double span(FrameIndex f) {
    return f.timeBase().seconds(f.pts(f.frameCount() - 1) - f.pts(0));
  }

  /**
   * How far the last frame's length may read off where a reordering encoder's decode order gives it
   * the gap of a frame before it: the most one of the source's last {@link #REORDER_WINDOW} gaps
   * differs from the last frame's own length (0 for one frame, or frames all alike).
   */
  private static double reorderSlack(FrameIndex f) {
    int n = f.frameCount();
    if (n < 2) {
      return 0;
    }
    long own = f.endPts() - f.pts(n - 1);
    long most = 0;
    for (int i = Math.max(1, n - REORDER_WINDOW); i < n; i++) {
      most = Math.max(most, Math.abs(f.pts(i) - f.pts(i - 1) - own));
    }
    return f.timeBase().seconds(most);
  }

  /** The output's pictures as its stream says: what {@link #checkPicture} checked. */
  private static Verification.OutputPicture picture(VideoStream out) {
    return new Verification.OutputPicture(out.bitDepth(), out.hdr().format(), out.colorTransfer(), out.colorPrimaries(),
        out.colorSpace(), out.hdr().staticMetadata() != null);
  }

  /** The output's bits per sample, transfer and HDR10 metadata against what the encoders were given. */
  private static void checkPicture(VideoStream source, VideoStream out, PictureFormat picture, List<String> problems) {
    if (out.bitDepth() != picture.depth()) {
      problems.add("the output's pictures are " + out.bitDepth() + "-bit, not " + picture.depth() + "-bit as asked");
    }
    // No tag (an image sequence's source has none) is FFmpeg's "unknown".
    String transfer = picture.toneMap() != null ? "bt709" : Objects.requireNonNullElse(source.colorTransfer(), "unknown");
    if (!transfer.equals(Objects.requireNonNullElse(out.colorTransfer(), "unknown"))) {
      problems.add("the output's transfer is " + out.colorTransfer() + ", not " + transfer);
    }
    // Full range is carried (a JPEG's yuvj420p too), limited stays limited; tone mapping makes limited.
    boolean full = picture.toneMap() == null && EncodedPicture.range(source) == ColourRange.FULL;
    if (full != "pc".equals(out.colorRange())) {
      problems.add("the output's range is " + Objects.requireNonNullElse(out.colorRange(), "unknown") + ", not "
          + (full ? "pc (full range, as the source's)" : "tv (limited)"));
    }
    HdrMetadata want = picture.outputHdr();
    HdrMetadata got = out.hdr().staticMetadata();
    if (want != null && (got == null || !sameMetadata(want, got))) {
      problems.add("the output's HDR10 metadata is " + (got == null ? "missing" : "different from the source's"));
    }
  }

  private static boolean sameMetadata(HdrMetadata a, HdrMetadata b) {
    boolean display = a.masteringDisplay() == null ? b.masteringDisplay() == null : a.masteringDisplay().sameAs(b.masteringDisplay());
    return display && Objects.equals(a.contentLight(), b.contentLight());
  }

  /**
   * The file as a whole: time before the first frame or after the last (an empty edit, a stream
   * left far behind) makes it play longer than its pictures and sound, which the streams alone hide.
   */
  private static void checkFileLength(MediaInfo source, MediaInfo out, List<String> problems) {
    // The source's length: its container's figure (an estimate from the bit rate for some files,
    // so never less than where its streams end); of a file of several programs, where the video's
    // program ends, since the container's figure spans the others too, which are left out.
    double sourceLength = source.programs() > 1 ? 0 : source.durationSeconds();
    sourceLength = Math.max(sourceLength, source.video().startSeconds() + source.video().durationSeconds());
    for (AudioStream a : source.audio()) {
      sourceLength = Math.max(sourceLength, a.startSeconds() + a.durationSeconds());
    }
    double slack = Math.max(1.0, 0.05 * sourceLength);
    if (out.durationSeconds() > sourceLength + slack) {
      problems.add(String.format("the output file lasts %.3f s, the source %.3f s", out.durationSeconds(), sourceLength));
    }
  }

  /**
   * How far the output's first audio stream moved against its video, compared with the source's
   * (start and end offsets), in seconds, beyond what packet sizes and encoder padding explain.
   */
  private static double audioDrift(MediaInfo source, MediaInfo out) {
    AudioStream sa = source.audio().get(0);
    AudioStream oa = out.audio().get(0);
    // Sync is where audio starts and ends relative to video; compare both ends with the source.
    // The start is where the sound is heard: a codec's priming (AAC's 1024 samples, 128 ms at
    // 8 kHz) comes before it, dropped by the decoder where the file says so (an MP4 edit list),
    // decoded where it does not (AAC in Matroska), so it is left out of both.
    // Both measured the same way: when either does not decode, both by their first packet.
    // An image sequence's audio is a file of its own, not at source.path(). Copied, it is measured
    // by packets, as they were copied; encoded, by its heard start (an encoder's priming comes
    // before it), which the joiner put at 0, with the first picture (SequenceMedia#audioShift).
    OptionalDouble heardSrc = !source.isImageSequence() ? AudioStart.content(source.path(), sa.index())
        : sa.codec().equals(oa.codec()) ? OptionalDouble.empty() : OptionalDouble.of(source.video().startSeconds());
    OptionalDouble heardOut = AudioStart.content(out.path(), oa.index());
    boolean heard = heardSrc.isPresent() && heardOut.isPresent();
    double srcStart = (heard ? heardSrc.getAsDouble() : sa.startSeconds()) - source.video().startSeconds();
    double outStart = (heard ? heardOut.getAsDouble() : oa.startSeconds()) - out.video().startSeconds();
    double srcEnd = sa.startSeconds() + sa.durationSeconds() - source.video().startSeconds();
    double outEnd = oa.startSeconds() + oa.durationSeconds() - out.video().startSeconds();
    // The ends are where the last packets end, so each is known to a packet (128 ms of 8 kHz
    // PCM in 1024-sample packets); an encoder pads its last frame with silence (AAC up to 1024
    // samples), which a longer output end may hold. Beyond those, a difference is drift.
    // An output that ends later may hold that padding and a packet's rounding; one that ends
    // earlier, only the source's rounding (at most a quarter second: a short output is lost sound).
    double endDiff = outEnd - srcEnd;
    double granularity = endDiff > 0 ? Math.max(sa.packetSeconds(), oa.packetSeconds()) : Math.min(sa.packetSeconds(), 0.25);
    double endDrift = Math.max(0, Math.abs(endDiff) - granularity);
    return Math.max(Math.abs(outStart - srcStart), endDrift);
  }
}
