package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.preset.EncodePreset;
import org.framefork.encoder.preset.PresetFile;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --preset-file} and {@code --preset-name}: the output has the preset's codec and CRF, and later flags win. */
class PresetCommandLineTest {
  @TempDir Path dir;
  /** H.264 with B-frames and AAC audio: each preset changes the codec, the size or the audio. */
  final Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);

  @Test
  void aPresetFileSetsCodecCrfAndFiltersAndFlagsAfterItOverrideIt() throws IOException {
    Path presets = dir.resolve("small.json");
    PresetFile.write(presets, List.of(new EncodePreset("Tiny HEVC", "for the test", VideoCodec.H265, 31, "ultrafast",
        AudioMode.NONE, "scale=160:-1")));

    Path out = dir.resolve("preset.mp4");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset-file", presets.toString(), "-j", "2");
    assertEquals(0, run.code(), run::toString);
    assertEquals("hevc\n160\n120", DebianFfmpeg.probe(out, "v:0", "stream=codec_name,width,height", false));
    assertEquals("", DebianFfmpeg.probe(out, "a", "stream=codec_name", false), "the preset's audio none");
    assertEquals(31.0, DebianFfmpeg.encoderCrf(out));

    Path overridden = dir.resolve("overridden.mkv");
    run = CliRun.of("encode", in.toString(), "-o", overridden.toString(), "--crf", "20", "--preset-file", presets.toString(),
        "--crf", "36", "--audio", "aac");
    assertEquals(0, run.code(), run::toString);
    assertEquals(36.0, DebianFfmpeg.encoderCrf(overridden), "the --crf after the preset wins, the one before it does not");
    assertEquals("aac", DebianFfmpeg.probe(overridden, "a:0", "stream=codec_name", false));
  }

  @Test
  void aBuiltInPresetByName() {
    Path out = dir.resolve("web.mp4");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset-name", "Web 720p", "--preset", "ultrafast");
    assertEquals(0, run.code(), run::toString);
    // 720 lines is a limit, as in HandBrake: the smaller source keeps its size rather than being enlarged.
    String sourceSize = DebianFfmpeg.probe(in, "v:0", "stream=width,height", false);
    assertEquals("h264\n" + sourceSize, DebianFfmpeg.probe(out, "v:0", "stream=codec_name,width,height", false));
    assertTrue(Integer.parseInt(sourceSize.split("\n")[1]) < 720, sourceSize);
    assertEquals("aac", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
    assertEquals(23.0, DebianFfmpeg.encoderCrf(out));
  }

  @Test
  void aPresetThatCannotBeUsedIsOneLineAndNothingIsWritten() throws IOException {
    Path later = dir.resolve("later.json");
    Files.writeString(later, "{\"format\":\"framefork-presets\",\"version\":7,\"presets\":[]}");
    Path out = dir.resolve("out.mp4");
    for (String[] args : List.of(new String[] {"--preset-file", later.toString()},
        new String[] {"--preset-name", "Tiny 4K"}, new String[] {"--preset-file", dir.resolve("none.json").toString()})) {
      List<String> all = new java.util.ArrayList<>(List.of("encode", in.toString(), "-o", out.toString()));
      all.addAll(List.of(args));
      String line = CliRun.refused(dir, all.toArray(String[]::new));
      assertTrue(line.startsWith("framefork: --preset-"), line);
    }
    assertTrue(CliRun.refused(dir, "encode", in.toString(), "-o", out.toString(), "--preset-file", later.toString())
        .contains("version 7 is newer than this FrameFork reads (1)"));
  }
}
