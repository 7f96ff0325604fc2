package org.framefork.encoder.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.io.AtomicFiles;

/**
 * The preset file, shared by the command line ({@code --preset-file}) and the app (import, export,
 * the user's own presets):
 *
 * <pre>{"format": "framefork-presets", "version": 1, "presets": [{"name": ..., "description": ...,
 *   "codec": "h264", "crf": 22, "speed": "veryfast", "audio": "aac", "filters": "scale=-1:720"}]}</pre>
 *
 * A file of a later version is refused rather than half understood, and so is a setting this
 * version does not know; every preset is checked as the command line checks its flags.
 */
public final class PresetFile {
  public static final String FORMAT = "framefork-presets";
  /** The version this FrameFork writes and the only one it reads. */
  public static final int VERSION = 1;
  private static final Set<String> FIELDS = Set.of("name", "description", "codec", "crf", "speed", "audio", "filters");
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PresetFile() {}

  /** The presets in {@code file}, checked; a {@link PresetFileException} says in one line why not. */
  public static List<EncodePreset> read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new PresetFileException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new PresetFileException(file + ": not a FrameFork preset file (not JSON: " + e.getOriginalMessage() + ")");
    } catch (CharConversionException e) {
      // Jackson's guess of a binary file's encoding (an .mp4 looks like UTF-32) fails before any JSON is parsed.
      throw new PresetFileException(file + ": not a FrameFork preset file (not text)");
    } catch (IOException e) {
      throw new PresetFileException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    checkHeader(file, root);
    JsonNode presets = root.get("presets");
    if (presets == null || !presets.isArray() || presets.isEmpty()) {
      throw new PresetFileException(file + ": holds no presets (\"presets\" must be a list of at least one)");
    }
    List<EncodePreset> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode p : presets) {
      EncodePreset preset = preset(file, p, out.size() + 1);
      if (!names.add(preset.name().toLowerCase(java.util.Locale.ROOT))) {
        throw new PresetFileException(file + ": two presets are named \"" + preset.name() + "\"; rename one");
      }
      out.add(preset);
    }
    return List.copyOf(out);
  }

  private static void checkHeader(Path file, JsonNode root) {
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
      throw new PresetFileException(file + ": not a FrameFork preset file (no \"format\": \"" + FORMAT + "\")");
    }
    JsonNode v = root.get("version");
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
      throw new PresetFileException(file + ": unknown preset file version " + (v == null ? "(none)" : v.toString())
          + "; this FrameFork reads version " + VERSION);
    }
    if (v.intValue() > VERSION) {
      throw new PresetFileException(file + ": preset file version " + v.intValue() + " is newer than this FrameFork "
          + "reads (" + VERSION + "); update FrameFork to use it");
    }
  }

  /** Preset number {@code n} of the file, its fields typed and checked. */
  private static EncodePreset preset(Path file, JsonNode p, int n) {
    String where = file + ": preset " + n;
    if (!p.isObject()) {
      throw new PresetFileException(where + " is not an object of settings");
    }
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new PresetFileException(where + ": unknown setting \"" + f + "\"; the settings are " + String.join(", ",
            FIELDS.stream().sorted().toList()));
      }
    }
    EncodePreset preset;
    try {
      JsonNode crf = p.get("crf");
      if (crf == null || !crf.isIntegralNumber() || !crf.canConvertToInt()) {
        throw new IllegalArgumentException("\"crf\" must be a whole number");
      }
      preset = new EncodePreset(text(p, "name"), optionalText(p, "description"), VideoCodec.parse(text(p, "codec")),
          crf.intValue(), text(p, "speed"), AudioMode.parse(text(p, "audio")), optionalText(p, "filters"));
    } catch (IllegalArgumentException e) {
      throw new PresetFileException(where + ": " + e.getMessage());
    }
    String problem = preset.problem();
    if (problem != null) {
      throw new PresetFileException(file + ": " + problem);
    }
    return preset;
  }

  private static String text(JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("\"" + field + "\" must be given, as text");
    }
    return v.asText();
  }

  private static String optionalText(JsonNode p, String field) {
    return p.has(field) ? text(p, field) : "";
  }

  /** Writes {@code presets} as a preset file of this version, atomically. */
  public static void write(Path file, List<EncodePreset> presets) throws IOException {
    AtomicFiles.write(file, MAPPER.writeValueAsBytes(tree(presets)));
  }

  static ObjectNode tree(List<EncodePreset> presets) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ArrayNode list = root.putArray("presets");
    for (EncodePreset p : presets) {
      ObjectNode o = list.addObject();
      o.put("name", p.name());
      o.put("description", p.description());
      o.put("codec", p.codec().cliName());
      o.put("crf", p.crf());
      o.put("speed", p.speed());
      o.put("audio", p.audio().toString());
      o.put("filters", p.filters());
    }
    return root;
  }
}
