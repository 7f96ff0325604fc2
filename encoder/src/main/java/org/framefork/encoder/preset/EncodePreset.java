package org.framefork.encoder.preset;

import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.probe.InputException;

/**
 * A named set of encode settings that people pick and share, as HandBrake's presets: the codec,
 * its quality and speed, the audio and the filters. Where the outputs go, the workers and the
 * chunking are the machine's business, not the preset's. The command line applies a preset as the
 * flags {@link #asArguments()} gives, so a preset means exactly what those flags mean.
 *
 * @param speed the encoder's speed preset ({@code --preset}: ultrafast ... veryslow, or a number for vp9 and av1)
 * @param filters {@code --vf}'s text; empty for none
 */
public record EncodePreset(String name, String description, VideoCodec codec, int crf, String speed, AudioMode audio,
    String filters) {
  /** Longest name: it has to fit a menu and a file name. */
  public static final int MAX_NAME = 60;

  public EncodePreset {
    name = name == null ? "" : name.strip();
    description = description == null ? "" : description.strip();
    filters = filters == null ? "" : filters.strip();
  }

  /**
   * Checks the preset as the command line checks its flags, through the engine's own parsers:
   * returns null when it can run, else one sentence that names the setting and what to give.
   */
  public String problem() {
    if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      return "a preset needs a name of 1 to " + MAX_NAME + " characters on one line";
    }
    if (description.chars().anyMatch(Character::isISOControl)) {
      return "preset \"" + name + "\": the description must be one line";
    }
    if (codec == null || speed == null || audio == null) {
      return "preset \"" + name + "\": needs a codec, a speed and an audio mode";
    }
    try {
      new EncodeSettings(codec, crf, speed, 1);
    } catch (IllegalArgumentException e) {
      return "preset \"" + name + "\": " + e.getMessage();
    }
    try {
      FilterChain.parse(filters).checkFiles();
    } catch (IllegalArgumentException | InputException e) {
      return "preset \"" + name + "\": filters: " + e.getMessage();
    }
    return null;
  }

  /** The preset as {@code encode}'s flags; given in its place on the command line, later flags override them. */
  public List<String> asArguments() {
    List<String> args = new ArrayList<>(List.of("--codec", codec.cliName(), "--crf", Integer.toString(crf),
        "--preset", speed, "--audio", audio.toString()));
    args.add("--vf");
    args.add(filters); // an empty --vf clears filters that an earlier flag set, as the preset has none
    return args;
  }

  public EncodePreset withName(String newName) {
    return new EncodePreset(newName, description, codec, crf, speed, audio, filters);
  }

  /** One line for lists and tooltips: the settings in words, then the description. */
  public String summary() {
    return codec + " " + speed + " CRF " + crf + ", audio " + audio + (filters.isEmpty() ? "" : ", " + filters);
  }
}
