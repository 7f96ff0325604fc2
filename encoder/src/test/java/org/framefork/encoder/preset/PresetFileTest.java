package org.framefork.encoder.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.VideoCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preset file: what it writes comes back the same, and what it cannot use is refused in one line. */
class PresetFileTest {
  @TempDir Path dir;

  @Test
  void theBuiltInsAreValidAndComeBackFromAFileUnchanged() throws IOException {
    assertEquals(List.of("Fast 1080p30", "HQ 1080p30", "Web 720p", "Archive AV1", "Small H.265"),
        BuiltInPresets.ALL.stream().map(EncodePreset::name).toList());
    for (EncodePreset p : BuiltInPresets.ALL) {
      assertNull(p.problem(), p.name());
      assertFalse(p.description().isBlank(), p.name() + " has a description");
    }
    Path file = dir.resolve("all.json");
    PresetFile.write(file, BuiltInPresets.ALL);
    assertEquals(BuiltInPresets.ALL, PresetFile.read(file));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left beside it");
    }
  }

  @Test
  void aFileOfALaterOrUnknownVersionIsRefusedInOneLine() throws IOException {
    String later = write("later.json", "{\"format\":\"framefork-presets\",\"version\":2,\"presets\":[]}");
    assertEquals(later + ": preset file version 2 is newer than this FrameFork reads (1); update FrameFork to use it",
        refusal(later));
    String odd = write("odd.json", "{\"format\":\"framefork-presets\",\"version\":\"one\",\"presets\":[]}");
    assertEquals(odd + ": unknown preset file version \"one\"; this FrameFork reads version 1", refusal(odd));
    String other = write("other.json", "{\"version\":1}");
    assertTrue(refusal(other).endsWith("not a FrameFork preset file (no \"format\": \"framefork-presets\")"));
    String broken = write("broken.json", "{\"format\":");
    assertTrue(refusal(broken).startsWith(broken + ": not a FrameFork preset file (not JSON"), refusal(broken));
  }

  @Test
  void aVideoIsNotAPresetFileEither() throws IOException {
    // An mp4's first bytes (a box size, then "ftyp") made Jackson guess UTF-32 and fail with its own words.
    Path mp4 = dir.resolve("clip.mp4");
    Files.write(mp4, new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0});
    assertEquals(mp4 + ": not a FrameFork preset file (not text)", refusal(mp4.toString()));
  }

  @Test
  void settingsAreCheckedAsTheCommandLineChecksThem() throws IOException {
    assertEquals("preset \"q\": CRF 99 is out of range for h264; use 0 to 51",
        preset("q", "h264", 99, "medium", "aac", "").problem());
    String crf = write("crf.json", file("\"name\":\"q\",\"codec\":\"h264\",\"crf\":99,\"speed\":\"medium\",\"audio\":\"aac\""));
    assertEquals(crf + ": preset \"q\": CRF 99 is out of range for h264; use 0 to 51", refusal(crf));
    String codec = write("codec.json", file("\"name\":\"q\",\"codec\":\"mpeg2\",\"crf\":20,\"speed\":\"medium\",\"audio\":\"aac\""));
    assertEquals(codec + ": preset 1: unknown codec 'mpeg2'; use one of h264, h265, vp9, av1", refusal(codec));
    String vf = write("vf.json", file("\"name\":\"q\",\"codec\":\"h264\",\"crf\":20,\"speed\":\"medium\",\"audio\":\"aac\","
        + "\"filters\":\"scale=3:2\""));
    assertTrue(refusal(vf).startsWith(vf + ": preset \"q\": filters: filter 'scale=3:2': sizes must be even"), refusal(vf));
    String extra = write("extra.json", file("\"name\":\"q\",\"codec\":\"h264\",\"crf\":20,\"speed\":\"medium\",\"audio\":\"aac\","
        + "\"fps\":30"));
    assertTrue(refusal(extra).startsWith(extra + ": preset 1: unknown setting \"fps\""), refusal(extra));
  }

  private static EncodePreset preset(String name, String codec, int crf, String speed, String audio, String vf) {
    return new EncodePreset(name, "", VideoCodec.parse(codec), crf, speed, AudioMode.parse(audio), vf);
  }

  private static String file(String presetFields) {
    return "{\"format\":\"framefork-presets\",\"version\":1,\"presets\":[{" + presetFields + "}]}";
  }

  private String write(String name, String json) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, json);
    return f.toString();
  }

  private static String refusal(String file) {
    String m = assertThrows(PresetFileException.class, () -> PresetFile.read(Path.of(file))).getMessage();
    assertFalse(m.contains("\n"), "one line: " + m);
    return m;
  }
}
