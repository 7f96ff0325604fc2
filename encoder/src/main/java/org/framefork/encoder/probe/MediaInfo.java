package org.framefork.encoder.probe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a packet scan tells about an input: container, streams, frames, keyframes, metadata. */
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
    @JsonIgnore FrameIndex frames) {

  public boolean hasAudio() {
    return !audio.isEmpty();
  }
}
