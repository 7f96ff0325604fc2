package org.framefork.encoder.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import org.framefork.encoder.preset.BuiltInPresets;
import org.framefork.encoder.preset.EncodePreset;
import org.framefork.encoder.preset.PresetFile;
import org.framefork.encoder.preset.PresetFileException;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --preset-file FILE} and {@code --preset-name NAME}: the preset's flags take the option's
 * place on the command line, so that they are parsed, and checked, as if typed there, and flags
 * given after it override it (the last of an option wins). A file of one preset applies it; a file
 * of several needs {@code --preset-name} after it to pick one, which also looks among the
 * built-ins.
 */
final class PresetArguments implements IParameterPreprocessor {
  @Override
  public boolean preprocess(Stack<String> args, CommandSpec spec, ArgSpec option, Map<String, Object> info) {
    String name = ((picocli.CommandLine.Model.OptionSpec) option).longestName();
    if (args.isEmpty()) {
      throw new ParameterException(spec.commandLine(), name + " needs a value");
    }
    String value = args.pop();
    EncodeCommand command = (EncodeCommand) spec.userObject();
    EncodePreset preset = name.equals("--preset-file") ? fromFile(spec, command, Path.of(value))
        : byName(spec, command, value);
    if (preset != null) {
      List<String> flags = preset.asArguments();
      for (int i = flags.size() - 1; i >= 0; i--) {
        args.push(flags.get(i)); // the stack's top is parsed next: the first flag goes on last
      }
      command.presetApplied(preset);
    }
    return true; // the option's value is consumed here
  }

  private static EncodePreset fromFile(CommandSpec spec, EncodeCommand command, Path file) {
    List<EncodePreset> presets;
    try {
      presets = PresetFile.read(file);
    } catch (PresetFileException e) {
      throw new ParameterException(spec.commandLine(), "--preset-file " + e.getMessage());
    }
    command.presetsFromFile(file, presets);
    return presets.size() == 1 ? presets.getFirst() : null;
  }

  private static EncodePreset byName(CommandSpec spec, EncodeCommand command, String name) {
    for (EncodePreset p : command.presetsFromFile()) {
      if (p.name().equalsIgnoreCase(name.strip())) {
        return p;
      }
    }
    return BuiltInPresets.find(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "--preset-name \"" + name + "\": no such preset; the built-in ones are " + BuiltInPresets.names()
            + (command.presetsFromFile().isEmpty() ? "" : ", and " + command.presetFileName() + " holds "
            + String.join(", ", command.presetsFromFile().stream().map(p -> "\"" + p.name() + "\"").toList()))));
  }
}
