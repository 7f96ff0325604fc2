package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.framefork.samples.output.SampleManifest;
import org.junit.jupiter.api.Test;

/**
 * The clips in {@code samples/media} against their sidecars, from the packet index alone (no
 * decoding, so it stays fast): tests and benchmarks elsewhere take these sidecars as the truth.
 */
class CommittedSamplesTest {
  /** Maven runs tests in the module's folder; the clips are committed beside the sources. */
  private static final Path MEDIA = Path.of("media");
  private static final long BUDGET_BYTES = 20L * 1024 * 1024;

  private static List<Path> clips() throws Exception {
    try (Stream<Path> files = Files.list(MEDIA)) {
      return files.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
    }
  }

  @Test
  void theCommittedMediaStayWithinTheirBudget() throws Exception {
    long total = 0;
    try (Stream<Path> files = Files.list(MEDIA)) {
      for (Path p : files.toList()) {
        total += Files.size(p);
      }
    }
    assertTrue(total <= BUDGET_BYTES, "samples/media holds " + total + " bytes, over the 20 MiB budget");
    assertTrue(clips().stream().anyMatch(p -> p.getFileName().toString().startsWith("sample-720p30-10s")));
  }

  @Test
  void everyCommittedClipHasTheFramesAndKeyframesItsSidecarLists() throws Exception {
    IndependentDecoder.requireInstalled();
    List<Path> clips = clips();
    assertFalse(clips.isEmpty(), "no clips in " + MEDIA.toAbsolutePath());
    for (Path clip : clips) {
      SampleManifest m = SampleManifest.read(SampleSpec.sidecarFor(clip));
      List<long[]> packets = new ArrayList<>();
      String csv = IndependentDecoder.run("ffprobe", "-v", "error", "-select_streams", "v:0",
          "-show_entries", "packet=pts,flags", "-of", "csv=p=0", clip.toString());
      for (String line : csv.split("\n")) {
        String[] f = line.trim().split(",");
        if (f.length >= 2 && !f[0].isEmpty()) {
          packets.add(new long[] {Long.parseLong(f[0]), f[1].contains("K") ? 1 : 0});
        }
      }
      // Packets come in decode order; sorting by presentation time gives display order.
      packets.sort((a, b) -> Long.compare(a[0], b[0]));
      List<Integer> keyframes = new ArrayList<>();
      for (int i = 0; i < packets.size(); i++) {
        if (packets.get(i)[1] == 1) {
          keyframes.add(i);
        }
      }
      assertEquals(m.frameCount(), packets.size(), clip + ": frame count");
      assertEquals(m.keyframes(), keyframes, clip + ": keyframes");
      assertTrue(keyframes.containsAll(m.cuts()), clip + ": a cut that is not a keyframe");
    }
  }

  /** The README says each sidecar states what repeats: the committed ones say what the generator writes now. */
  @Test
  void everyCommittedSidecarSaysWhatRepeats() throws Exception {
    for (Path clip : clips()) {
      SampleManifest m = SampleManifest.read(SampleSpec.sidecarFor(clip));
      assertEquals(SampleManifest.determinism(m.codec()), m.determinism(), clip + ": determinism");
      assertTrue(m.command().contains("-o samples/media/" + clip.getFileName() + " "), clip + ": " + m.command());
    }
  }
}
