package org.framefork.encoder.source;

import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.framefork.encoder.media.AudioStart;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.HdrInfo;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.VideoStream;

/**
 * An image sequence as the planner, the joiner and the verifier see every source: frames with
 * presentation times (frame i at i in a time base of one frame) of which every one is a keyframe,
 * so a chunk may start anywhere.
 */
public final class SequenceMedia {
  private SequenceMedia() {}

  /**
   * {@code s} as a source; {@code audioFile} are the streams of its {@code --audio-file} (none
   * without one), which the source has as far as the video lasts: the joiner cuts them there.
   * They are in the output's timeline: moved by {@code audioShift} seconds, so that the file's
   * first heard sample is at 0 with the first picture (see {@link #audioShift}).
   */
  public static MediaInfo of(ImageSequence s, List<AudioStream> audioFile, double audioShift) {
    List<AudioStream> audio = audioFile.stream().map(a -> cut(a, audioShift, s.durationSeconds())).toList();
    int n = s.frameCount();
    long[] pts = new long[n];
    for (int i = 0; i < n; i++) {
      pts[i] = i;
    }
    FrameIndex index = new FrameIndex(s.timeBase(), pts, pts.clone(), n);
    ImageColours colours = ImageColours.of(s);
    VideoStream video = new VideoStream(0, s.codec(), s.width(), s.height(), s.pixelFormat(), s.timeBase(), s.rate(), false,
        n, n, 0, s.durationSeconds(), 0, false, colours.rangeName(), colours.primariesName(), colours.transferName(), colours.spaceName(), "progressive",
        Ffmpeg.bitDepth(av_get_pix_fmt(s.pixelFormat())), HdrInfo.SDR, n, 0, 0, false);
    return new MediaInfo(Path.of(s.spec()), MediaInfo.IMAGE_SEQUENCE, bytes(s), s.durationSeconds(), 0, video, audio, List.of(), Map.of(),
        0, index);
  }

  /**
   * Seconds added to the times of {@code audioFile}'s streams {@code streams} in the output: minus
   * when the first one is first heard. An MP3's first packet is at 0 and its LAME header says to
   * skip its encoder delay (1105 samples: heard at 25 ms at 44.1 kHz); the joiner puts that packet
   * 25 ms before the first picture, as FFmpeg's command line does.
   */
  public static double audioShift(Path audioFile, List<AudioStream> streams) {
    return audioFile == null || streams.isEmpty() ? 0 : -AudioStart.of(audioFile, streams.getFirst().index()).orElse(0);
  }

  private static AudioStream cut(AudioStream a, double shift, double end) {
    double start = a.startSeconds() + shift;
    double duration = Math.max(0, Math.min(a.durationSeconds(), end - start));
    return new AudioStream(a.index(), a.codec(), a.sampleRate(), a.channels(), a.language(), start, duration,
        a.packetSeconds());
  }

  /** The images' size together, or -1 when one cannot be read. */
  private static long bytes(ImageSequence s) {
    long sum = 0;
    for (Path f : new LinkedHashSet<>(s.frames())) {
      try {
        sum += Files.size(f);
      } catch (java.io.IOException e) {
        return -1;
      }
    }
    return sum;
  }
}
