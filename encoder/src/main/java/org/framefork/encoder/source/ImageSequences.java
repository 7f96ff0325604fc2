package org.framefork.encoder.source;

import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.framefork.encoder.io.FileErrors;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;

/**
 * Finds the images of a sequence: the files a printf pattern ({@code render/frame_%04d.png}), a
 * folder or a glob ({@code "render/*.png"}) names, ordered by their number, with the numbers that
 * are missing, and checks that they are one format and one size; one image file named by itself is
 * a sequence of that one image. What it refuses, it refuses in one line that says what to do.
 */
public final class ImageSequences {
  /** A printf conversion for the frame number: {@code %d}, {@code %4d}, {@code %04d}. */
  private static final Pattern PRINTF = Pattern.compile("%(0?)(\\d*)d");
  /** The number in a file name: its last run of digits. */
  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");
  /** Gaps listed in a refusal; the rest are counted. */
  private static final int GAPS_SHOWN = 10;

  private ImageSequences() {}

  /**
   * Whether {@code spec} names an image sequence rather than a video file: a printf pattern, a
   * folder, a glob of images, or one image file (a sequence of that image alone, even one named
   * "100%done.png" or "frame_%04d.png": a file that is there is itself). An animated PNG or WebP is a video.
   */
  public static boolean names(Path spec) {
    if (Files.isDirectory(spec)) {
      return true;
    }
    if (spec.getFileName() == null) {
      return false;
    }
    if (Files.isRegularFile(spec)) {
      return ImageDecoder.isImage(spec) && !ImageHeader.isAnimated(spec);
    }
    String name = spec.getFileName().toString();
    return (PRINTF.matcher(name).find() || isGlob(name)) && ImageDecoder.isImage(spec);
  }

  /**
   * What an output of the sequence {@code spec} is named after: a folder's name; what a pattern's or
   * glob's names share ({@code frame_%04d.png}: {@code frame}), or their folder's name when they share
   * nothing; one image file's name without its extension.
   */
  public static String outputStem(Path spec) {
    if (Files.isRegularFile(spec)) {
      return stem(spec); // one image: its own name, whatever characters it holds
    }
    boolean folder = Files.isDirectory(spec);
    Path imagesDir = folder ? spec : spec.getParent();
    String stem = folder ? "" : spec.getFileName().toString().replaceAll("\\.[^.]*$", "")
        .replaceAll("%0?\\d*d|[*?\\[\\]{}]", "").replaceAll("[_.\\- ]+$", "");
    if (stem.isEmpty()) {
      stem = imagesDir == null || imagesDir.getFileName() == null ? "sequence" : imagesDir.getFileName().toString();
    }
    return stem;
  }

  /** The file extensions of the images a sequence may hold ({@code png}, {@code exr}...), lower case. */
  public static java.util.Set<String> imageExtensions() {
    return ImageDecoder.CODECS.keySet();
  }

  /** Whether {@code name} is an image file a folder or glob sequence may hold. */
  public static boolean isImage(Path file) {
    return ImageDecoder.isImage(file);
  }

  /**
   * Whether a folder, or a pattern {@code pattern} (a file name's) that does not itself start with
   * '.', leaves {@code file} out, as the shell's globs do: a hidden file, such as the AppleDouble
   * "._frame_0001.png" macOS writes beside each file it copies to a foreign disk, is no frame.
   */
  public static boolean leavesOut(Path file, String pattern) {
    return file.getFileName().toString().startsWith(".") && !pattern.startsWith(".");
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  /** The sequence {@code spec} names, read as {@code options} say. */
  public static ImageSequence scan(Path spec, SequenceOptions options) {
    TreeMap<Long, Path> numbered = new TreeMap<>();
    List<Path> unnumbered = new ArrayList<>();
    collect(spec, numbered, unnumbered);
    List<Path> frames = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    int held = 0;
    long first = -1;
    if (!numbered.isEmpty() && unnumbered.isEmpty()) {
      first = options.startNumber() != null ? options.startNumber() : numbered.firstKey();
      requireImageAtStart(spec, numbered, first);
      long missing = gaps(numbered, first, gaps);
      if (missing > 0 && !options.allowGaps()) {
        throw new InputException(spec + ": numbers are missing from the sequence (" + gapList(gaps)
            + "); add the images, or pass --allow-gaps to hold the frame before each gap");
      }
      order(spec, numbered, first, missing, frames);
      held = (int) missing; // at most MAX_FRAMES once ordered
    } else {
      unnumbered.addAll(numbered.values());
      unnumbered.sort(Comparator.comparing(Path::toString));
      frames.addAll(unnumbered);
    }
    if (frames.isEmpty()) {
      throw new InputException(spec + ": " + (options.startNumber() != null
          ? "no image is numbered " + options.startNumber() + " or later; check --start-number"
          : "no image files (" + extensionList() + "); nothing to encode"));
    }
    return described(spec, frames, first, gaps, held, options);
  }

  /** Every image file {@code spec} names: by number where the name has one. */
  private static void collect(Path spec, TreeMap<Long, Path> numbered, List<Path> unnumbered) {
    if (Files.isRegularFile(spec)) {
      file(spec, numbered, unnumbered, spec); // one image named by itself: that image alone
      return;
    }
    Path name = spec.getFileName();
    Matcher printf = name == null ? null : PRINTF.matcher(name.toString());
    if (printf != null && printf.find() && !Files.isDirectory(spec)) {
      collectPrintf(spec, printf, numbered);
      return;
    }
    Path dir = Files.isDirectory(spec) ? spec : parentOf(spec);
    PathMatcher glob = Files.isDirectory(spec) ? p -> true
        : FileSystems.getDefault().getPathMatcher("glob:" + name);
    String pattern = Files.isDirectory(spec) ? "" : name.toString();
    for (Path f : list(dir, spec)) {
      if (ImageDecoder.isImage(f) && glob.matches(f.getFileName()) && !leavesOut(f, pattern)) {
        file(f, numbered, unnumbered, spec);
      }
    }
    requireOneFormat(spec, numbered.values(), unnumbered);
  }

  /** Puts the image {@code f} of {@code spec} among the numbered files by its name's last number, else the unnumbered. */
  private static void file(Path f, TreeMap<Long, Path> numbered, List<Path> unnumbered, Path spec) {
    Matcher m = LAST_NUMBER.matcher(stem(f));
    if (m.find() && frameNumber(m.group(1)) >= 0) {
      putNumbered(numbered, frameNumber(m.group(1)), f, spec);
    } else {
      unnumbered.add(f);
    }
  }

  /**
   * For one image named by itself, which is encoded alone: a line for the report and {@code probe}
   * when the images beside it make a sequence the user may have meant. A numbered image ({@code
   * render/frame_0001.png}): what to give to encode the images numbered like it ({@code
   * render/frame_%04d.png}), with their count. A file named as a pattern ({@code frame_%04d.png}):
   * the images the pattern names, which a file of that name hides. Null for any other input, or
   * when no such image is beside it.
   */
  public static String othersBeside(Path spec) {
    if (!Files.isRegularFile(spec) || !names(spec)) {
      return null;
    }
    String name = spec.getFileName().toString();
    Matcher printf = PRINTF.matcher(name);
    try {
      return printf.find() ? imagesThePatternNames(spec, printf) : imagesNumberedLike(spec);
    } catch (InputException e) {
      return null; // the folder cannot be listed: nothing to add
    }
  }

  private static String imagesThePatternNames(Path spec, Matcher printf) {
    TreeMap<Long, Path> named = new TreeMap<>();
    collectPrintf(spec, printf, named);
    int n = named.size();
    return n == 0 ? null : spec.getFileName() + " is a file, encoded as itself (one image); as a pattern it names " + n
        + " image" + (n == 1 ? "" : "s") + " beside it (" + named.firstEntry().getValue().getFileName()
        + (n == 1 ? "" : "..." + named.lastEntry().getValue().getFileName()) + "): rename the file to encode them";
  }

  private static String imagesNumberedLike(Path spec) {
    String name = spec.getFileName().toString();
    Matcher m = LAST_NUMBER.matcher(stem(spec));
    if (!m.find() || frameNumber(m.group(1)) < 0) {
      return null;
    }
    String prefix = name.substring(0, m.start(1));
    String suffix = name.substring(m.end(1));
    Pattern like = Pattern.compile(Pattern.quote(prefix) + "\\d+" + Pattern.quote(suffix));
    long others = list(parentOf(spec), spec).stream().map(f -> f.getFileName().toString())
        .filter(n -> !n.equals(name) && like.matcher(n).matches()).count();
    String digits = m.group(1);
    String printf = digits.length() > 1 && digits.charAt(0) == '0' ? "%0" + digits.length() + "d" : "%d";
    return others == 0 ? null : name + " was taken alone, as a sequence of one image; " + others + " more image"
        + (others == 1 ? " is" : "s are") + " numbered like it beside it: give " + spec.resolveSibling(prefix + printf + suffix)
        + " or the folder to encode them all";
  }

  /** The files whose names the pattern makes, printf-exactly ({@code %04d} takes 0012, not 12). */
  private static void collectPrintf(Path spec, Matcher printf, TreeMap<Long, Path> numbered) {
    String name = spec.getFileName().toString();
    String prefix = name.substring(0, printf.start());
    String suffix = name.substring(printf.end());
    String format = printf.group();
    if (!ImageDecoder.isImage(Path.of("x" + suffix))) {
      throw new InputException(spec + ": not an image pattern FrameFork reads (" + extensionList() + ")");
    }
    Pattern files = Pattern.compile(Pattern.quote(prefix) + "(\\d+)" + Pattern.quote(suffix));
    for (Path f : list(parentOf(spec), spec)) {
      Matcher m = files.matcher(f.getFileName().toString());
      if (m.matches() && frameNumber(m.group(1)) >= 0) {
        long n = frameNumber(m.group(1));
        if (String.format(Locale.ROOT, format, n).equals(m.group(1))) {
          putNumbered(numbered, n, f, spec);
        }
      }
    }
  }

  /**
   * The frame number {@code digits} make, or -1 when it is over {@link Integer#MAX_VALUE}, as
   * FFmpeg's {@code image2} counts (a time stamp such as {@code 1701961812345.png} is a name, not a
   * frame number).
   */
  private static long frameNumber(String digits) {
    return digits.length() < 11 && Long.parseLong(digits) <= Integer.MAX_VALUE ? Long.parseLong(digits) : -1;
  }

  private static void putNumbered(TreeMap<Long, Path> numbered, long n, Path f, Path spec) {
    Path other = numbered.put(n, f);
    if (other != null) {
      throw new InputException(spec + ": two images have the number " + n + " (" + other.getFileName() + ", "
          + f.getFileName() + "); remove one, or give a pattern such as frame_%04d.png");
    }
  }

  /**
   * Refuses a {@code --start-number} that no image has (below the lowest number found, or in a gap):
   * the first frame would have no image of its own, nor one before it in the sequence to hold.
   */
  private static void requireImageAtStart(Path spec, TreeMap<Long, Path> numbered, long first) {
    if (first > numbered.lastKey() || numbered.containsKey(first)) {
      return;
    }
    var next = numbered.ceilingEntry(first);
    String named = next.getKey() + " (" + next.getValue().getFileName() + ")";
    throw new InputException(spec + ": --start-number " + first + (first < numbered.firstKey()
        ? ": the first image is numbered " + named + "; give " + next.getKey() + " or more, or leave --start-number out"
        : ": no image has that number (the next is " + named + "); give a number that has an image"));
  }

  /** The most frames a sequence may have once --allow-gaps holds its missing numbers (over 4 days at 24 fps). */
  static final long MAX_FRAMES = 10_000_000;

  /**
   * Notes in {@code gaps} the missing numbers from {@code first} (a number that has an image, or one
   * beyond the last) to the last number, walking the images rather than the numbers (a jump from 1 to
   * 2000000000 is one gap); returns how many numbers are missing.
   */
  private static long gaps(TreeMap<Long, Path> numbered, long first, List<String> gaps) {
    long held = 0;
    long expected = first;
    for (long n : numbered.tailMap(first, true).keySet()) {
      if (n > expected) {
        gaps.add(expected == n - 1 ? Long.toString(expected) : expected + "-" + (n - 1));
        held += n - expected;
      }
      expected = n + 1;
    }
    return held;
  }

  /**
   * Fills {@code frames} from {@code first} to the last number, each of the {@code held} missing numbers
   * holding the file before it; refuses a sequence whose holds would make more than {@link #MAX_FRAMES}.
   */
  private static void order(Path spec, TreeMap<Long, Path> numbered, long first, long held, List<Path> frames) {
    SortedMap<Long, Path> taken = numbered.tailMap(first, true);
    if (taken.size() + held > MAX_FRAMES) {
      throw new InputException(spec + ": holding the frame before each gap would make " + (taken.size() + held)
          + " frames from " + taken.size() + " images (numbers " + first + " to " + numbered.lastKey()
          + "); give the images a run of numbers, or --start-number past the jump");
    }
    Path fill = null;
    long next = first;
    for (Map.Entry<Long, Path> image : taken.entrySet()) {
      for (; next < image.getKey(); next++) {
        frames.add(fill);
      }
      fill = image.getValue();
      frames.add(fill);
      next++;
    }
  }

  private static String gapList(List<String> gaps) {
    String shown = String.join(", ", gaps.subList(0, Math.min(GAPS_SHOWN, gaps.size())));
    return gaps.size() > GAPS_SHOWN ? shown + " and " + (gaps.size() - GAPS_SHOWN) + " more gaps" : shown;
  }

  /** The sequence, once every image's size is checked and the first is decoded. */
  private static ImageSequence described(Path spec, List<Path> frames, long first, List<String> gaps, int held,
      SequenceOptions options) {
    String ext = ImageDecoder.formatOf(frames.getFirst());
    try (ImageDecoder decoder = new ImageDecoder(ext)) {
      AVFrame f = decoder.decode(frames.getFirst());
      int width = f.width();
      int height = f.height();
      if (!Prober.takesPictureSize(width, height)) {
        throw new InputException(frames.getFirst() + ": is " + width + "x" + height + ", larger than the "
            + Prober.largestPicture() + " FrameFork encodes");
      }
      String pixelFormat = av_get_pix_fmt_name(f.format()) == null ? "unknown" : av_get_pix_fmt_name(f.format()).getString();
      String codec = avcodec.avcodec_get_name(ImageDecoder.CODECS.get(ext)).getString();
      requireOneSize(frames, width, height, decoder);
      if (options.alphaOver() != null && "tif".equals(ImageHeader.format(frames.getFirst()))) {
        requireOneAlphaKind(frames);
      }
      // One image file is itself: its name's number says nothing of the frames, and is not shown.
      int number = Files.isRegularFile(spec) ? -1 : Math.toIntExact(first);
      return new ImageSequence(spec.toString(), frames, number, gaps, held, options.rateOrDefault(),
          options.rate() != null, width, height, pixelFormat, codec, f.color_trc());
    }
  }

  /** Refuses a sequence whose images differ in size, naming the first that does. */
  private static void requireOneSize(List<Path> frames, int width, int height, ImageDecoder decoder) {
    Path previous = null;
    for (Path f : frames) {
      if (f.equals(previous)) {
        continue; // a held frame
      }
      previous = f;
      ImageHeader.Size size = ImageHeader.size(f);
      if (size == null) {
        AVFrame decoded = decoder.decode(f);
        size = new ImageHeader.Size(decoded.width(), decoded.height());
      }
      if (size.width() != width || size.height() != height) {
        throw new InputException(f + ": is " + size + ", but the sequence's first image " + frames.getFirst().getFileName()
            + " is " + width + "x" + height + "; every image of a sequence must have one size");
      }
    }
  }

  /**
   * Refuses a TIFF sequence, composited, whose images differ in whether their alpha is associated
   * (premultiplied): the first image's ExtraSamples decides it for every one (see
   * {@link ImageHeader#premultipliedAlpha}). An image with no alpha is composited by neither kind.
   */
  private static void requireOneAlphaKind(List<Path> frames) {
    Path first = frames.getFirst();
    int kind = ImageHeader.tiffExtraSamples(first);
    Path previous = first;
    for (Path f : frames) {
      if (f.equals(previous)) {
        continue; // the first image, or a held frame
      }
      previous = f;
      int extra = ImageHeader.tiffExtraSamples(f);
      if (extra >= 0 && (extra == 1) != (kind == 1)) {
        throw new InputException(f + ": its alpha is " + (extra == 1 ? "associated (premultiplied)" : "unassociated")
            + ", but " + first.getFileName() + (kind == 1 ? "'s is associated (premultiplied)"
                : kind < 0 ? " has no ExtraSamples, so alpha is taken as unassociated" : "'s is unassociated")
            + "; every image of a sequence must have one kind");
      }
    }
  }

  private static void requireOneFormat(Path spec, Iterable<Path> numbered, List<Path> unnumbered) {
    String ext = null;
    for (Iterable<Path> files : List.of(numbered, unnumbered)) {
      for (Path f : files) {
        String e = canonical(ImageDecoder.extensionOf(f));
        if (ext != null && !ext.equals(e)) {
          throw new InputException(spec + ": holds both ." + ext + " and ." + e + " images; give a pattern such as "
              + "\"frames/*." + ext + "\" to pick one format");
        }
        ext = e;
      }
    }
  }

  private static String canonical(String ext) {
    return switch (ext) {
      case "jpeg" -> "jpg";
      case "tiff" -> "tif";
      default -> ext;
    };
  }

  private static List<Path> list(Path dir, Path spec) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(spec + ": the folder " + dir + " does not exist; check the path");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new InputException(dir + ": the folder cannot be read (" + FileErrors.reason(e) + ")");
    } catch (java.io.UncheckedIOException e) {
      // A folder that opens may still fail as its names are read (/proc/1/map_files): its cause says why.
      throw new InputException(dir + ": the folder cannot be read (" + FileErrors.reason(e.getCause()) + ")");
    }
  }

  private static Path parentOf(Path spec) {
    Path parent = spec.getParent();
    return parent == null ? Path.of(".") : parent;
  }

  private static String stem(Path f) {
    String name = f.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** What tells that a sequence's images changed: their names, sizes and times, and the latest time. */
  public record Stamp(String fingerprint, long modifiedMillis) {}

  /**
   * The {@link Stamp} of the image files in the folder {@code spec} reads (all of them, not only the
   * sequence's: a file added to a gap changes the sequence too); of one image named by itself, its own.
   */
  public static Stamp stamp(Path spec) {
    Path dir = Files.isDirectory(spec) ? spec : parentOf(spec);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      long latest = 0;
      for (Path f : Files.isRegularFile(spec) ? List.of(spec) : list(dir, spec)) {
        if (ImageDecoder.isImage(f)) {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          long modified = a.lastModifiedTime().toMillis();
          latest = Math.max(latest, modified);
          md.update((f.getFileName() + "\0" + a.size() + "\0" + modified + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return new Stamp("images:" + HexFormat.of().formatHex(md.digest()), latest);
    } catch (IOException e) {
      throw new InputException(spec + ": cannot be read (" + e.getMessage() + ")");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String extensionList() {
    return ImageDecoder.CODECS.keySet().stream().sorted().map(e -> "." + e).reduce((a, b) -> a + ", " + b).orElse("");
  }
}
