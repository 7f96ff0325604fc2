package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.cli.Destinations.Destination;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationsTest {
  @TempDir Path dir;

  private Path video(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "not empty");
  }

  @Test
  void defaultOutputSitsBesideTheInputWithTheContainersExtension() throws IOException {
    Path in = video("holiday.final.mov");
    List<Destination> d = Destinations.resolve(List.of(in), null, null, Container.MKV, VideoCodec.H265, AudioMode.AUTO, false);
    assertEquals(dir.resolve("holiday.final.framefork.mkv"), d.get(0).output());
    assertEquals(Container.MKV, d.get(0).container());
  }

  @Test
  void outputDirCollectsEveryOutput() throws IOException {
    Path a = video("a/one.mp4");
    Path b = video("b/two.mp4");
    Path outs = Files.createDirectory(dir.resolve("outs"));
    List<Destination> d = Destinations.resolve(List.of(a, b), null, outs, null, VideoCodec.H264, AudioMode.AUTO, false);
    assertEquals(List.of(outs.resolve("one.framefork.mp4"), outs.resolve("two.framefork.mp4")),
        d.stream().map(Destination::output).toList());
  }

  @Test
  void sameStemFromTwoFoldersCollidesInOneOutputDir() throws IOException {
    Path a = video("a/clip.mp4");
    Path b = video("b/clip.mp4");
    Path outs = Files.createDirectory(dir.resolve("outs"));
    UsageException e = assertThrows(UsageException.class,
        () -> Destinations.resolve(List.of(a, b), null, outs, null, VideoCodec.H264, AudioMode.AUTO, false));
    assertTrue(e.getMessage().contains("would both be written"), e.getMessage());
    // A second run into the same folder would find the first's output in the way.
    assertTrue(e.getMessage().endsWith("rename one, or encode them in separate runs, each with its own --output-dir"),
        e.getMessage());
  }

  @Test
  void containerComesFromTheOutputsName() throws IOException {
    Path in = video("in.mp4");
    Destination d = Destinations.resolve(List.of(in), dir.resolve("out.webm"), null, null, VideoCodec.VP9,
        AudioMode.AUTO, false).get(0);
    assertEquals(Container.WEBM, d.container());
  }

  @Test
  void webmRefusesAacAudio() throws IOException {
    Path in = video("in.mp4");
    UsageException e = assertThrows(UsageException.class, () -> Destinations.resolve(List.of(in),
        dir.resolve("out.webm"), null, null, VideoCodec.AV1, AudioMode.AAC, false));
    assertTrue(e.getMessage().contains("--audio opus"), e.getMessage());
  }

  @Test
  void outputThatIsAnotherInputOfTheBatchIsRefused() throws IOException {
    Path a = video("a.mp4");
    Path b = video("a.framefork.mp4");
    UsageException e = assertThrows(UsageException.class,
        () -> Destinations.resolve(List.of(a, b), null, null, null, VideoCodec.H264, AudioMode.AUTO, true));
    assertTrue(e.getMessage().contains("is the input"), e.getMessage());
  }

  @Test
  void emptyInputIsRefusedWithTheProbersWords() throws IOException {
    Path in = Files.createFile(dir.resolve("empty.mp4"));
    UsageException e = assertThrows(UsageException.class,
        () -> Destinations.resolve(List.of(in), null, null, null, VideoCodec.H264, AudioMode.AUTO, false));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }
}
