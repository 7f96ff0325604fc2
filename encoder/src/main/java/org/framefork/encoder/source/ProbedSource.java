package org.framefork.encoder.source;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;

/**
 * A source as probed: a video file's packet scan, or an image sequence's scan as a source with the
 * streams of its audio file. The job, {@code probe} and the app read a source here, so that they
 * tell a sequence from a video by one rule.
 *
 * @param sequence the image sequence; null for a video file
 * @param audioFile the streams of the sequence's {@code --audio-file} as the file has them (not cut
 *     at the video's end, as {@code media}'s are); empty without one
 * @param audioShift seconds the audio file's streams move in the output ({@link
 *     SequenceMedia#audioShift}, which decodes the file's start); 0 without one
 */
public record ProbedSource(MediaInfo media, ImageSequence sequence, List<AudioStream> audioFile, double audioShift) {
  public ProbedSource {
    audioFile = List.copyOf(audioFile);
  }

  /** {@code input} probed, a sequence read as {@code options} say (their audio file probed too). */
  public static ProbedSource probe(Path input, SequenceOptions options) {
    return probe(input, options, null);
  }

  /**
   * As {@link #probe(Path, SequenceOptions)}, with the streams of {@code options}' audio file when
   * the caller has probed it already (a batch's check reads it once for all its sequences); null
   * probes it here.
   */
  public static ProbedSource probe(Path input, SequenceOptions options, List<AudioStream> audioFileProbed) {
    if (!ImageSequences.names(input)) {
      return new ProbedSource(Prober.probe(input), null, List.of(), 0);
    }
    ImageSequence sequence = ImageSequences.scan(input, options);
    List<AudioStream> audio = options.audioFile() == null ? List.of()
        : audioFileProbed != null ? audioFileProbed : Prober.probeAudio(options.audioFile());
    double shift = SequenceMedia.audioShift(options.audioFile(), audio);
    return new ProbedSource(SequenceMedia.of(sequence, audio, shift), sequence, audio, shift);
  }
}
