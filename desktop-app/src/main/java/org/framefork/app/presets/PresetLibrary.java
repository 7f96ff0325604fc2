package org.framefork.app.presets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.framefork.app.AppLog;
import org.framefork.app.DiskWriter;
import org.framefork.encoder.preset.BuiltInPresets;
import org.framefork.encoder.preset.EncodePreset;
import org.framefork.encoder.preset.PresetFile;
import org.framefork.encoder.preset.PresetFileException;

/**
 * The presets the app offers: the built-ins, then the user's own, which are kept in a preset file
 * of the data folder (the format the command line reads) and written on a thread of their own after
 * each change. Changed on the EDT; listeners hear of every change.
 */
public final class PresetLibrary {
  private final Path file;
  private final boolean readOnly;
  private final List<EncodePreset> user = new ArrayList<>();
  private final List<Runnable> listeners = new ArrayList<>();
  private final DiskWriter writer = new DiskWriter("framefork-presets-writer");
  /** What loading found wrong, for the window to say once; null when nothing was. */
  private final String loadProblem;

  private PresetLibrary(Path file, boolean readOnly, List<EncodePreset> user, String loadProblem) {
    this.file = file;
    this.readOnly = readOnly;
    this.user.addAll(user);
    this.loadProblem = loadProblem;
  }

  /**
   * Reads the user's presets from {@code file} (none when it does not exist); call it off the UI
   * thread. {@code readOnly}: a scripted run, which never writes. {@code file} null: none kept.
   */
  public static PresetLibrary load(Path file, boolean readOnly) {
    if (file == null || !Files.exists(file)) {
      return new PresetLibrary(file, readOnly, List.of(), null);
    }
    try {
      return new PresetLibrary(file, readOnly, PresetFile.read(file), null);
    } catch (PresetFileException e) {
      AppLog.warn("your presets were not loaded: " + e.getMessage());
      // Kept as it is: a later FrameFork may read it. Saving would overwrite it, so this session does not save.
      return new PresetLibrary(file, true, List.of(), "Your presets were not loaded: " + e.getMessage());
    }
  }

  public String loadProblem() {
    return loadProblem;
  }

  public void onChange(Runnable r) {
    listeners.add(r);
  }

  /** Stops telling {@code r} (the same object given to {@link #onChange}) of changes. */
  public void removeOnChange(Runnable r) {
    listeners.remove(r);
  }

  /** How many are told of changes (tests). */
  int listenerCount() {
    return listeners.size();
  }

  /** Built-ins first, then the user's, in the order they were made. */
  public List<EncodePreset> all() {
    List<EncodePreset> all = new ArrayList<>(BuiltInPresets.ALL);
    all.addAll(user);
    return List.copyOf(all);
  }

  public boolean isBuiltIn(EncodePreset p) {
    return BuiltInPresets.ALL.contains(p);
  }

  public EncodePreset find(String name) {
    return all().stream().filter(p -> p.name().equalsIgnoreCase(name.strip())).findFirst().orElse(null);
  }

  /** Why {@code name} cannot name a new preset (taken, empty, too long), or null. */
  public String nameProblem(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > EncodePreset.MAX_NAME) {
      return "Give a name of 1 to " + EncodePreset.MAX_NAME + " characters.";
    }
    if (find(n) != null) {
      return "A preset named \"" + find(n).name() + "\" exists; choose another name.";
    }
    return null;
  }

  public void add(EncodePreset p) {
    user.add(p);
    changed();
  }

  /** Renames a preset of the user's; built-ins keep their names. */
  public EncodePreset rename(EncodePreset p, String newName) {
    int i = user.indexOf(p);
    if (i < 0) {
      throw new IllegalArgumentException("only your own presets can be renamed");
    }
    EncodePreset renamed = p.withName(newName);
    user.set(i, renamed);
    changed();
    return renamed;
  }

  public void delete(EncodePreset p) {
    if (user.remove(p)) {
      changed();
    }
  }

  /**
   * Adds imported presets; one whose name is taken gets " (2)", " (3)"... Returns them as added.
   */
  public List<EncodePreset> addImported(List<EncodePreset> presets) {
    List<EncodePreset> added = new ArrayList<>();
    for (EncodePreset p : presets) {
      String name = p.name();
      for (int n = 2; find(name) != null; n++) {
        name = p.name() + " (" + n + ")";
      }
      EncodePreset q = p.withName(name);
      user.add(q);
      added.add(q);
    }
    changed();
    return added;
  }

  private void changed() {
    if (!readOnly && file != null) {
      List<EncodePreset> snapshot = List.copyOf(user);
      writer.execute(() -> write(snapshot));
    }
    listeners.forEach(Runnable::run);
  }

  private void write(List<EncodePreset> snapshot) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (snapshot.isEmpty()) {
        Files.deleteIfExists(file); // a preset file holds at least one preset
      } else {
        PresetFile.write(file, snapshot);
      }
    } catch (IOException | RuntimeException e) {
      AppLog.warn("could not save your presets to " + file + ": " + e.getMessage());
    }
  }

  /** Waits until the saved presets are on disk (tests, quit); false after {@code millis}. */
  public boolean awaitWritten(long millis) {
    return writer.awaitIdle(millis);
  }


  /** A file name for exporting {@code p}: its name in safe characters. */
  public static String fileNameFor(EncodePreset p) {
    String safe = p.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return (safe.isEmpty() ? "preset" : safe) + ".json";
  }
}
