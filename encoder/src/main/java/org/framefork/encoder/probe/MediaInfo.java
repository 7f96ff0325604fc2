package org.framefork.encoder.probe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a packet scan tells about an input: container, streams, frames, keyframes, metadata.
 *
 * @param audio the audio streams that go with the video: of a file of several programs, those of
 *     the video's program only (see {@link #programs})
 * @param subtitles the subtitle streams that go with the video, as {@code audio}
 * @param programs how many programs the container holds (an MPEG-TS of several channels); 0 when
 *     it says nothing of programs
 */
public record MediaInfo(
    Path path,
    String container,
    long sizeBytes,
    double durationSeconds,
    long bitRate,
    VideoStream video,
    List<AudioStream> audio,
    List<SubtitleStream> subtitles,
    Map<String, String> metadata,
    int programs,
    @JsonIgnore FrameIndex frames) {

  /** What {@link #container()} says of an image sequence (whose audio, if any, is a file of its own). */
  public static final String IMAGE_SEQUENCE = "image sequence";

  /** Whether the source is an image sequence rather than a video file. */
  public boolean isImageSequence() {
    return IMAGE_SEQUENCE.equals(container);
  }

  public boolean hasAudio() {
    return !audio.isEmpty();
  }
}
