package org.framefork.encoder.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.framefork.encoder.source.ImageSequences;

/**
 * Turns the command line's input arguments into the video files to encode, in order: a file is
 * itself (an image file, an image sequence of that one image), a folder is every video file
 * directly in it (by extension, sorted by name) or, holding images and no videos, one image
 * sequence; a printf pattern or a glob of images is one image sequence, and any other pattern
 * the shell did not expand ({@code "clips/*.mp4"}, quoted) is expanded here ({@code **} crosses
 * folders).
 *
 * <p>Files found in folders and by patterns skip FrameFork's own earlier outputs ({@link
 * EarlierOutputs}: the command line's {@code *.framefork.*}, the desktop app's {@code clip-h264.mp4}
 * beside {@code clip.mov}) so that encoding a folder twice does not encode the first run's results.
 * A file named on its own is always taken. The same file named twice is encoded once. Hidden files
 * (macOS's AppleDouble {@code ._clip.mp4} beside each file it copies) a folder leaves out, and a
 * pattern too unless its name starts with '.', as the shell's globs do.
 */
public final class InputExpander {
  /** Extensions of the video files a folder or pattern contributes. */
  public static final Set<String> VIDEO_EXTENSIONS = Set.of(
      "mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg", "ts", "m2ts", "mts", "flv", "wmv",
      "3gp", "ogv", "mxf", "y4m", "vob", "dv");

  /**
   * What an empty argument is (a script's unset "$IN"): not the current folder, which {@code
   * Path.of("")} names and whose every video encode would take.
   */
  static final String EMPTY_NAME = "an empty input name; give a file, folder or pattern";

  private InputExpander() {}

  /** The files {@code args} name; throws {@link UsageException} naming every argument that names none. */
  static List<Path> expand(List<String> args) {
    List<String> problems = new ArrayList<>();
    List<Path> files = expand(args, problems);
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
    return files;
  }

  /** The files {@code args} name; an argument that names none adds its problem to {@code problems}. */
  public static List<Path> expand(List<String> args, java.util.Collection<String> problems) {
    return expand(args, problems, new ArrayList<>());
  }

  /**
   * As {@link #expand(List, java.util.Collection)}; a file named twice (another spelling, a link to
   * it) is encoded once, and {@code notices} says so.
   */
  static List<Path> expand(List<String> args, java.util.Collection<String> problems, List<String> notices) {
    return expand(args, problems, notices, new java.util.HashSet<>());
  }

  /**
   * As {@link #expand(List, java.util.Collection, List)}; {@code found} gets the files that a folder
   * or a pattern brought, not named themselves (one that cannot be read fails at its turn). A file
   * named on the command line, under any spelling and in any order, is not among them.
   */
  static List<Path> expand(List<String> args, java.util.Collection<String> problems, List<String> notices, Set<Path> found) {
    Set<Path> named = new java.util.HashSet<>();
    for (String arg : args) {
      Path path = Path.of(arg);
      if (!Files.isDirectory(path)) { // a file, or a missing one the readability check names
        named.add(realPath(path));
      }
    }
    Map<Path, Path> byRealPath = new LinkedHashMap<>();
    EarlierOutputs.Listings listings = new EarlierOutputs.Listings();
    for (String arg : args) {
      try {
        for (Path p : expandOne(arg, listings, notices)) {
          // An image sequence (its folder or pattern) comes back as the argument itself: it was named.
          if (!p.equals(Path.of(arg)) && !named.contains(realPath(p))) {
            found.add(p);
          }
          Path first = byRealPath.putIfAbsent(realPath(p), p);
          if (first != null && !first.equals(p)) {
            notices.add(p + ": the same file as " + first + "; encoded once");
          }
        }
      } catch (UsageException e) {
        problems.addAll(e.problems());
      }
    }
    return List.copyOf(byRealPath.values());
  }

  private static List<Path> expandOne(String arg, EarlierOutputs.Listings listings, List<String> notices) {
    if (arg.isEmpty()) {
      throw new UsageException(EMPTY_NAME);
    }
    Path path = Path.of(arg);
    if (Files.isDirectory(path)) {
      List<Path> skipped = new ArrayList<>();
      List<Path> videos = listVideos(path, listings, skipped);
      if (isImageSequence(path, videos)) {
        return List.of(path);
      }
      if (videos.isEmpty()) {
        throw new UsageException(nothingToTake(arg, skipped));
      }
      noteSkipped(arg, skipped, notices);
      return videos;
    }
    if (Files.exists(path) || !isPattern(arg) || ImageSequences.names(path)) {
      // A printf pattern or a glob of images is one input, an image sequence, which its scan checks.
      // Missing and unreadable files are reported by the same check the engine uses.
      return List.of(path);
    }
    List<Path> skipped = new ArrayList<>();
    List<Path> matches = glob(arg, listings, skipped);
    if (matches.isEmpty() && !skipped.isEmpty()) {
      throw new UsageException(arg + ": matches only earlier outputs (" + skippedList(skipped)
          + "); name one itself to encode it");
    }
    if (matches.isEmpty()) {
      throw new UsageException(arg + ": no video file matches this pattern; check the path");
    }
    noteSkipped(arg, skipped, notices);
    return matches;
  }

  /** One notice for the earlier outputs a folder or pattern brought and encode left out. */
  private static void noteSkipped(String arg, List<Path> skipped, List<String> notices) {
    if (!skipped.isEmpty()) {
      notices.add(arg + ": left out " + skipped.size() + " earlier output" + (skipped.size() == 1 ? "" : "s") + " ("
          + skippedList(skipped) + "); name one itself to encode it");
    }
  }

  /** The first few skipped files, each with whose output it is. */
  private static String skippedList(List<Path> skipped) {
    List<String> named = skipped.stream().sorted().limit(3)
        .map(p -> p.getFileName() + " (" + EarlierOutputs.whose(p) + ")").toList();
    return String.join(", ", named) + (skipped.size() > 3 ? " and " + (skipped.size() - 3) + " more" : "");
  }

  /** Whether {@code name} is a video file's, by its extension. */
  static boolean isVideoName(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a folder or a pattern contributes {@code p}: a video file by its extension, not one of
   * FrameFork's earlier outputs, which go to {@code skipped}.
   */
  private static boolean contributes(Path p, EarlierOutputs.Listings listings, List<Path> skipped) {
    if (!isVideoName(p.getFileName().toString()) || !Files.isRegularFile(p)) {
      return false;
    }
    if (EarlierOutputs.isEarlierOutput(p, listings)) {
      skipped.add(p);
      return false;
    }
    return true;
  }

  /** The video files directly in {@code dir} that encode takes from it, sorted by name. */
  static List<Path> listVideos(Path dir) {
    return listVideos(dir, new EarlierOutputs.Listings(), new ArrayList<>());
  }

  private static List<Path> listVideos(Path dir, EarlierOutputs.Listings listings, List<Path> skipped) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().filter(p -> !ImageSequences.leavesOut(p, "") && contributes(p, listings, skipped)).toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      // A folder that opens may still fail as its names are read (/proc/1/map_files, to root): unchecked.
      throw new UsageException(dir + ": the folder cannot be read (" + reason(e) + ")");
    }
  }

  /** Why a folder cannot be listed, in the system's words (an AccessDeniedException's message is only the path). */
  private static String reason(Exception e) {
    return org.framefork.encoder.io.FileErrors.reason(e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e);
  }

  /**
   * What encode and probe say of a folder {@code arg} with no video and no image in it: that it holds
   * only the earlier outputs {@code skipped}, or nothing to take.
   */
  private static String nothingToTake(String arg, List<Path> skipped) {
    return skipped.isEmpty()
        ? arg + ": the folder holds no video files (" + extensionList() + ") and no images; nothing to encode"
        : arg + ": the folder holds only earlier outputs (" + skippedList(skipped) + "); name one itself to encode it";
  }

  /** For probe: what encode says of folder {@code dir}, which holds no images, when it holds no video either; else null. */
  static String emptyFolderProblem(Path dir) {
    List<Path> skipped = new ArrayList<>();
    return listVideos(dir, new EarlierOutputs.Listings(), skipped).isEmpty() ? nothingToTake(dir.toString(), skipped) : null;
  }

  /**
   * Whether folder {@code dir}, whose videos encode takes are {@code videos} ({@link #listVideos(Path)}),
   * is one input, an image sequence: it holds images and no such video. A folder with any video in
   * it is a folder of videos, its images left out; encode and probe both judge a folder by this.
   */
  static boolean isImageSequence(Path dir, List<Path> videos) {
    return videos.isEmpty() && holdsImages(dir);
  }

  /** Whether {@code dir} holds an image file, which makes it an image sequence when it holds no video. */
  public static boolean holdsImages(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> ImageSequences.isImage(p) && !ImageSequences.leavesOut(p, "") && Files.isRegularFile(p));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  private static boolean isPattern(String arg) {
    return arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0 || arg.indexOf('{') >= 0;
  }

  /** Expands a glob from the longest leading part of it that has no pattern characters. */
  private static List<Path> glob(String pattern, EarlierOutputs.Listings listings, List<Path> skipped) {
    String sep = FileSystems.getDefault().getSeparator();
    String[] parts = pattern.split(java.util.regex.Pattern.quote(sep), -1);
    StringBuilder base = new StringBuilder();
    int i = 0;
    for (; i < parts.length - 1 && !isPattern(parts[i]); i++) {
      base.append(parts[i]).append(sep);
    }
    Path root = base.isEmpty() ? Path.of(".") : Path.of(base.toString());
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    String rest = String.join(sep, java.util.Arrays.asList(parts).subList(i, parts.length));
    PathMatcher written;
    try {
      written = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new UsageException(pattern + ": not a file, and not a pattern either (" + e.getDescription()
          + "); check the path, or put a backslash before [ ] * ? in a name");
    }
    PathMatcher matcher = withEmptyFolderRuns(rest, sep, written);
    boolean deep = rest.contains("**") || rest.contains(sep);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = deep ? walk(root, rest.split(java.util.regex.Pattern.quote(sep), -1)).stream() : Files.list(root)) {
      s.filter(p -> matcher.matches(root.relativize(p)))
          .filter(p -> !ImageSequences.leavesOut(p, rest.substring(rest.lastIndexOf(sep) + 1)))
          .filter(p -> contributes(p, listings, skipped))
          .map(p -> base.isEmpty() ? root.relativize(p) : p)
          .sorted()
          .forEach(found::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UsageException(pattern + ": cannot list " + root + " (" + reason(e) + ")");
    }
    return found;
  }

  /**
   * What a deep pattern's {@code segments} (its part after {@code root}, split at each separator) may
   * match below {@code root}, as bash looks: no deeper than its segments reach unless one is {@code **};
   * a hidden folder (.Trashes, an encode's .clip.mp4.framefork-work) only where the segment at its
   * depth names one (starts with '.', or a brace alternative does); a folder below the root that
   * cannot be read is passed over, not the end. A root that is a link to a folder is looked into;
   * links to folders below it are not followed.
   */
  private static List<Path> walk(Path root, String[] segments) throws IOException {
    boolean anyDepth = Arrays.stream(segments).anyMatch(g -> g.contains("**"));
    boolean dotAnywhere = anyDepth && Arrays.stream(segments).anyMatch(InputExpander::namesHidden);
    List<Path> seen = new ArrayList<>();
    int depthLimit = anyDepth ? Integer.MAX_VALUE : segments.length;
    Files.walkFileTree(root, Set.of(FileVisitOption.FOLLOW_LINKS), depthLimit, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
        if (d.equals(root)) {
          seen.add(d);
          return FileVisitResult.CONTINUE;
        }
        int depth = root.relativize(d).getNameCount() - 1; // the segment a folder's name meets
        boolean hidden = d.getFileName().toString().startsWith(".");
        if (Files.isSymbolicLink(d) || hidden && !dotAnywhere && !(depth < segments.length && namesHidden(segments[depth]))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        seen.add(d);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
        seen.add(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        return passOver(f, e); // a folder that does not open
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        return e == null ? FileVisitResult.CONTINUE : passOver(d, e); // one that opens but whose names fail
      }

      private FileVisitResult passOver(Path f, IOException e) throws IOException {
        if (f.equals(root)) {
          throw e;
        }
        return FileVisitResult.CONTINUE; // as bash, which takes what it can read
      }
    });
    return seen;
  }

  /** Whether a pattern segment names hidden entries: ".*", or a brace alternative such as "{.hid,a}". */
  private static boolean namesHidden(String segment) {
    return segment.startsWith(".") || segment.contains("{.") || segment.contains(",.");
  }

  /**
   * Lets each {@code **}{@code /} also match no folder at all, as in bash's globstar: {@code
   * clips/**}{@code /*.mov} then takes the {@code .mov} files in {@code clips} itself too (Java's glob
   * wants at least one folder there). A pattern whose own braces would nest stays as it is.
   */
  private static PathMatcher withEmptyFolderRuns(String rest, String sep, PathMatcher matcher) {
    String run = "**" + sep;
    if (!rest.contains(run)) {
      return matcher;
    }
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + rest.replace(run, "{" + run + ",}"));
    } catch (java.util.regex.PatternSyntaxException e) {
      return matcher;
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static String extensionList() {
    return VIDEO_EXTENSIONS.stream().sorted().map(e -> "." + e).reduce((a, b) -> a + ", " + b).orElse("");
  }
}
