package org.framefork.samples.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The sidecar written next to each sample ({@code NAME.cuts.json}): the clip's ground truth for
 * tests and benchmarks. Frame indices count decoded frames from 0; spans are {@code [start, end)}.
 */
@JsonPropertyOrder(alphabetic = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SampleManifest(
    String legend,
    String file,
    int width,
    int height,
    String fps,
    double fpsValue,
    int frameCount,
    double durationSeconds,
    long seed,
    String sceneLength,
    String codec,
    int crf,
    String preset,
    int gop,
    double grain,
    Sound audio,
    List<Integer> cuts,
    List<Integer> keyframes,
    List<Span> fades,
    List<Span> fastPans,
    List<SceneEntry> scenes,
    String command,
    String determinism) {

  public static final String LEGEND = "cuts: first frame of each new scene (a hard cut lies between cut-1 and cut); "
      + "keyframes: frames encoded as IDR (0, every cut, then every gop frames); "
      + "fades and fastPans: gradual changes inside one scene, frames [start, end), which are not cuts";

  /**
   * What making the clip again with {@code command} gives, for the {@code determinism} field: the
   * promise of the README's "Determinism" section for this encoder.
   */
  public static String determinism(String encoder) {
    String pictures = "The same command hands the encoder the same pictures in any process, interpreted or "
        + "JIT-compiled, on any CPU. ";
    if (encoder.equals("libx264")) {
      return pictures + "With libx264 (held to its SSE2-AVX2 code, never AVX-512) they decode to the same frames "
          + "in any process, whatever ran in it before, on any x86-64 CPU with SSSE3, and are the same bytes with "
          + "the same FFmpeg build and --threads; the AAC sound's bytes repeat on the same machine.";
    }
    return pictures + "Whether " + encoder + " turns them into the same decoded frames and bytes is up to it.";
  }

  /** The audio stream: AAC, its rate, channels and exact length in samples. */
  public record Sound(String codec, int sampleRate, int channels, long samples) {}

  /** A gradual change inside scene {@code scene}, frames {@code [start, end)}. */
  public record Span(int scene, int start, int end) {}

  public record SceneEntry(
      int index, int start, int frames, String backdrop, int objects, double panPixelsPerFrame,
      boolean fastPan, boolean fade, List<Double> chordHz) {}

  /** Writes the sidecar whole or not at all (a temporary file moved into place). */
  public void writeTo(Path path) throws IOException {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
    byte[] json = new ObjectMapper().writer(printer).writeValueAsBytes(this);
    Path tmp = path.resolveSibling("." + path.getFileName() + ".part");
    Files.write(tmp, appendNewline(json));
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static SampleManifest read(Path path) throws IOException {
    return new ObjectMapper().readValue(path.toFile(), SampleManifest.class);
  }

  private static byte[] appendNewline(byte[] json) {
    byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
    out[json.length] = '\n';
    return out;
  }
}
