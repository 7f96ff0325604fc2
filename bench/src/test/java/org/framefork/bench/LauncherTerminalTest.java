package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./framefork} launcher draws the progress bar in a terminal and prints log lines into a
 * pipe: the JVM it starts keeps the launcher's stdin, which decides whether Java sees a terminal. The
 * terminal is a real pseudo-terminal made by util-linux {@code script}.
 */
class LauncherTerminalTest {
  private static final String CLIP = "samples/media/sample-360p29.97-6s.mp4";

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aTerminalGetsTheBarAndAPipeGetsLines() throws Exception {
    Path root = BenchMain.checkoutRoot();
    Path tty = dir.resolve("tty.mp4");
    Path piped = dir.resolve("piped.mp4");
    String command = quote(root.resolve("framefork")) + " encode " + quote(root.resolve(CLIP)) + " -o " + quote(tty);
    String terminal = run(List.of("script", "-qec", command, "/dev/null"), "terminal");
    String pipe = run(List.of(root.resolve("framefork").toString(), "encode", root.resolve(CLIP).toString(),
        "-o", piped.toString()), "pipe");

    // The bar redraws its line with carriage returns and shows a speed in frames per second.
    assertTrue(terminal.contains("fr/s") && terminal.contains("180/180 fr"), "a bar in the terminal:\n" + terminal);
    assertTrue(terminal.contains("\r"), "the bar redraws its line:\n" + terminal);
    assertFalse(pipe.contains("fr/s") || pipe.contains("\r"), "no bar in a pipe:\n" + pipe);
    assertTrue(pipe.contains("chunk 0"), "log lines in a pipe:\n" + pipe);
    for (Path out : List.of(tty, piped)) {
      assertEquals(180, DebianFfmpeg.decodedFrames(out), "both encodes finish: " + out);
    }
  }

  /**
   * With stdout and stderr in one log ({@code > log 2>&1}), a failed input's error line comes before
   * the next input starts. The launcher filters the JVM's stderr through a pipe; stdout went straight
   * to the file, so the error line landed wherever the filter happened to write it, often under the
   * next input's heading.
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aLogHasEachInputsErrorUnderItsOwnHeading() throws Exception {
    Path root = BenchMain.checkoutRoot();
    Path in = Files.createDirectories(dir.resolve("in"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path good = in.resolve("a.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "1", "-c:v", "libx264", good.toString());
    byte[] bytes = Files.readAllBytes(good);
    Files.write(in.resolve("b.mp4"), java.util.Arrays.copyOf(bytes, 2000)); // cut short: its index is missing
    Files.copy(good, in.resolve("c.mp4"));
    Files.write(in.resolve("d.mp4"), java.util.Arrays.copyOf(bytes, 1500));
    Files.copy(good, in.resolve("e.mp4"));
    Path log = dir.resolve("log.txt");
    Process p = new ProcessBuilder(root.resolve("framefork").toString(), "encode", in.toString(), "--output-dir",
        out.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    assertTrue(p.waitFor(150, TimeUnit.SECONDS), "the batch ended");
    List<String> lines = Files.readAllLines(log);
    assertEquals(1, p.exitValue(), String.join("\n", lines));
    for (String bad : List.of("b.mp4", "d.mp4")) {
      int heading = lines.indexOf("probing " + in.resolve(bad));
      assertTrue(heading >= 0 && heading + 1 < lines.size(), "a heading for " + bad + ":\n" + String.join("\n", lines));
      assertTrue(lines.get(heading + 1).startsWith("framefork: " + in.resolve(bad) + ": "),
          "the error of " + bad + " right under its heading:\n" + String.join("\n", lines));
    }
    for (String ok : List.of("a", "c", "e")) {
      assertEquals(25, DebianFfmpeg.decodedFrames(out.resolve(ok + ".framefork.mp4")), ok);
    }
  }

  /**
   * Target quality probes a chunk for seconds to minutes with no frame out, and may encode its final
   * again: the bar's clock kept 0:00:00 through the probes (it redrew only on a change), and its
   * count went 62/92, 30/92, 8/92, 92/92, 62/92. Now the clock runs while no frame is out, the bar
   * says that chunks probe, and the count never goes back.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theBarsClockRunsThroughTheProbesAndItsCountNeverGoesBack() throws Exception {
    Path root = BenchMain.checkoutRoot();
    Path clip = dir.resolve("one-second.mp4");
    DebianFfmpeg.ffmpeg("-i", root.resolve(CLIP).toString(), "-t", "1", "-c", "copy", clip.toString());
    long frames = DebianFfmpeg.decodedFrames(clip);
    Path tuned = dir.resolve("tuned.mp4");
    String command = quote(root.resolve("framefork")) + " encode " + quote(clip) + " -o " + quote(tuned)
        + " --target-quality vmaf=93";
    String terminal = run(List.of("script", "-qec", command, "/dev/null"), "tuned", 270);

    Pattern shown = Pattern.compile(" (\\d+)/(\\d+) fr \\((\\d+):(\\d\\d):(\\d\\d) / ");
    List<String> draws = Arrays.stream(terminal.split("[\r\n]+")).map(l -> l.replaceAll("\u001B\\[[0-9;]*m", ""))
        .filter(l -> shown.matcher(l).find()).toList();
    assertFalse(draws.isEmpty(), "a bar in the terminal:\n" + terminal);
    Set<Integer> clockWithNoFrame = new TreeSet<>();
    long last = 0;
    for (String draw : draws) {
      Matcher m = shown.matcher(draw);
      assertTrue(m.find(), draw);
      long count = Long.parseLong(m.group(1));
      assertEquals(frames, Long.parseLong(m.group(2)), "the total stays the clip's frames: " + draw);
      assertTrue(count >= last, "the count never goes back: " + last + " then " + draw);
      last = count;
      if (count == 0) {
        clockWithNoFrame.add(Integer.parseInt(m.group(3)) * 3600 + Integer.parseInt(m.group(4)) * 60
            + Integer.parseInt(m.group(5)));
      }
    }
    assertEquals(frames, last, "the bar ends at every frame");
    assertTrue(clockWithNoFrame.size() >= 3, "the clock runs while the chunk probes: " + clockWithNoFrame + "\n"
        + String.join("\n", draws));
    assertTrue(draws.stream().anyMatch(d -> d.contains("probe crf ") || d.contains("probing")),
        "the bar says that the chunk probes:\n" + String.join("\n", draws));
    assertEquals(frames, DebianFfmpeg.decodedFrames(tuned));
  }

  /** Runs {@code command} to its end with its stdout and stderr together in a file; returns them. */
  private String run(List<String> command, String name) throws Exception {
    return run(command, name, 150);
  }

  /** {@link #run(List, String)} with {@code seconds} to end in. */
  private String run(List<String> command, String name, int seconds) throws Exception {
    Path log = dir.resolve(name + ".txt");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), name + " run ended");
    String text = Files.readString(log);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  private static String quote(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
