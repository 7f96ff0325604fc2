package org.framefork.app.queue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.framefork.app.FrameForkApp;

/**
 * Finds the sample videos shipped in {@code samples/media}: under the working folder, under
 * {@code -Dframefork.home}, or above the app's jar (the repository when run from a build).
 */
public final class BundledSamples {
  private BundledSamples() {}

  /** Where samples are looked for, nearest first. */
  public static List<Path> searchedFolders() {
    Set<Path> roots = new LinkedHashSet<>();
    roots.add(Path.of("").toAbsolutePath());
    String home = System.getProperty("framefork.home");
    if (home != null) {
      roots.add(Path.of(home).toAbsolutePath());
    }
    try {
      Path code = Path.of(FrameForkApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = code.getParent(); p != null && roots.size() < 8; p = p.getParent()) {
        roots.add(p);
      }
    } catch (URISyntaxException | RuntimeException ignored) {
      // no code source (e.g. a custom class loader): the working folder is still searched
    }
    List<Path> out = new ArrayList<>();
    for (Path r : roots) {
      out.add(r.resolve("samples").resolve("media").normalize());
    }
    return out;
  }

  /** The .mp4 files of the first samples folder that has any, sorted by name; empty if none. */
  public static List<Path> find() {
    for (Path dir : searchedFolders()) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> mp4 = files.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mp4"))
            .filter(Files::isRegularFile).sorted().toList();
        if (!mp4.isEmpty()) {
          return mp4;
        }
      } catch (IOException ignored) {
        // an unreadable folder is skipped like a missing one
      }
    }
    return List.of();
  }
}
