package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.framefork.bench.BenchMain;
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

  private static List<String> ffprobe(Path file, String stream, String entries, String... extra) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("ffprobe", "-v", "error", "-select_streams", stream));
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("-show_entries", entries, "-of", "csv=p=0", file.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.replaceAll(",+$", "")).toList();
  }
}
