package org.framefork.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.MediaInfo;
import org.junit.jupiter.api.Test;

/**
 * Start's audio check says the engine's sentence in the settings' words, and the video's path, which
 * it starts with, as it is: the queue puts the row's name in its place by that path.
 */
class AudioProblemPathTest {
  @Test
  void theAudioCheckKeepsTheVideosPath() {
    Path input = Path.of("/v/My --fps 30 clip.mp4");
    MediaInfo media = new MediaInfo(input, "mov,mp4,m4a,3gp,3g2,mj2", 1000, 3, 0, null,
        List.of(new AudioStream(1, "aac", 48000, 2, "und", 0, 3, 0.02)), List.of(), Map.of(), 0, null);
    JobSettings s = new JobSettings(VideoCodec.VP9, "medium", 30, ExecutionMode.PARALLEL, 2, 0, Container.WEBM, Path.of("/o"),
        AudioMode.COPY, "", "", null);
    assertEquals(input + ": its aac audio cannot be copied into webm; set Audio to opus, or choose another Format",
        s.audioProblem(media));
  }
}
