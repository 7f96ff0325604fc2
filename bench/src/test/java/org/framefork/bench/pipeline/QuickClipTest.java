package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.bench.BenchMain;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --quick clip, checked by an independent decoder (Debian's ffprobe). */
class QuickClipTest {
  static final Path SAMPLE = BenchMain.checkoutRoot().resolve("samples/media/sample-360p29.97-6s.mp4");

  @Test
  void cutsJustBeforeTheFirstKeyframeAfterTwoSecondsWithTheAudioUpToIt(@TempDir Path dir) throws Exception {
    // The sample's keyframes are at 0, 1.001 and 2.002 s: the clip is the first 60 frames.
    Path clip = QuickClip.cut(SAMPLE, 2.0, dir.resolve("clip.mp4"));
    List<String> video = ffprobe(clip, "v:0", "stream=nb_read_frames", "-count_frames");
    assertEquals("60", video.getFirst());
    List<String> keyframes = ffprobe(clip, "v:0", "frame=pts_time", "-skip_frame", "nokey");
    assertEquals(2, keyframes.size(), "keyframes " + keyframes);
    List<String> audio = ffprobe(clip, "a:0", "stream=duration");
    double seconds = Double.parseDouble(audio.getFirst());
    assertTrue(seconds > 1.9 && seconds < 2.1, "audio lasts " + seconds + " s");
  }

  /** ffprobe's values of {@code entries} for {@code stream}, one per element, read from its JSON. */
  private static List<String> ffprobe(Path file, String stream, String entries, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of(extra));
    args.addAll(List.of("-select_streams", stream, "-show_entries", entries));
    String section = entries.substring(0, entries.indexOf('=')) + "s";
    String key = entries.substring(entries.indexOf('=') + 1);
    List<String> values = new java.util.ArrayList<>();
    DebianFfmpeg.probeJson(file, args.toArray(String[]::new)).path(section).forEach(e -> values.add(e.path(key).asText()));
    return values;
  }
}
