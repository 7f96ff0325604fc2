package org.framefork.encoder.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.Rational;

/**
 * An image sequence written down in the job's work folder, one line a fact and one line a frame:
 * what the chunk workers, the quality check and {@code --resume} read instead of scanning the
 * folder again (which could have changed meanwhile). Plain text, like the rest of the work folder.
 */
public final class SequenceManifest {
  /** The manifest's file name in the work folder: chunk readers know a sequence by it. */
  public static final String FILE_NAME = "sequence.txt";
  private static final String HEADER = "framefork image sequence 1";

  private SequenceManifest() {}

  /** Whether {@code source} is a manifest (and not a video file). */
  public static boolean is(Path source) {
    return source.getFileName() != null && source.getFileName().toString().equals(FILE_NAME) && Files.isRegularFile(source);
  }

  /** Writes {@code s} (and how transparent pixels are treated) to {@code file}. */
  public static void write(Path file, ImageSequence s, Background alphaOver) {
    List<String> lines = new ArrayList<>(List.of(HEADER,
        "spec " + s.spec(),
        "rate " + s.rate().num() + "/" + s.rate().den() + " " + s.rateGiven(),
        "size " + s.width() + " " + s.height(),
        "pixel-format " + s.pixelFormat(),
        "codec " + s.codec(),
        "transfer " + s.transfer(),
        "first-number " + s.firstNumber(),
        "held " + s.heldFrames(),
        "gaps " + String.join(",", s.gaps()),
        "alpha-over " + (alphaOver == null ? "none"
            : String.format(Locale.ROOT, "#%02x%02x%02x", alphaOver.red(), alphaOver.green(), alphaOver.blue()))));
    for (Path f : s.frames()) {
      lines.add("frame " + f.toAbsolutePath());
    }
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the sequence", e);
    }
  }

  /** What a manifest holds: the sequence, and the colour its alpha is composited over (null: dropped). */
  public record Read(ImageSequence sequence, Background alphaOver) {}

  public static Read read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the sequence", e);
    }
    if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
      throw new IllegalStateException(file + ": not a FrameFork image sequence");
    }
    Map<String, String> facts = new HashMap<>();
    List<Path> frames = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      int space = line.indexOf(' ');
      String key = space < 0 ? line : line.substring(0, space);
      String value = space < 0 ? "" : line.substring(space + 1);
      if (key.equals("frame")) {
        frames.add(Path.of(value));
      } else {
        facts.put(key, value);
      }
    }
    String[] rate = facts.get("rate").split("[/ ]");
    String[] size = facts.get("size").split(" ");
    String gaps = facts.get("gaps");
    ImageSequence s = new ImageSequence(facts.get("spec"), frames, Integer.parseInt(facts.get("first-number")),
        gaps.isEmpty() ? List.of() : Arrays.asList(gaps.split(",")), Integer.parseInt(facts.get("held")),
        new Rational(Long.parseLong(rate[0]), Long.parseLong(rate[1])), Boolean.parseBoolean(rate[2]),
        Integer.parseInt(size[0]), Integer.parseInt(size[1]), facts.get("pixel-format"), facts.get("codec"),
        Integer.parseInt(facts.getOrDefault("transfer", "2")));
    String alpha = facts.get("alpha-over");
    return new Read(s, alpha.equals("none") ? null : Background.parse(alpha));
  }
}
