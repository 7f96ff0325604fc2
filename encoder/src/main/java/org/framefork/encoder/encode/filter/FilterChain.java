package org.framefork.encoder.encode.filter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.framefork.encoder.io.Checksums;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.RgbToYuv420;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.kernels.filter.Watermark;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.probe.InputException;

/**
 * The filters a job runs on every picture between decoding and encoding, in order, as {@code --vf}
 * gives them: {@code scale=1280:720,denoise=4,sharpen=0.6,overlay=logo.png:16:16}. Plain data,
 * equal when the text is; see {@link FilterSyntax} for the syntax and each filter's class for its
 * options.
 *
 * <p>A chain is made ready for a job once ({@link #prepare}: overlay pictures decoded) and each
 * chunk then {@linkplain FilterSetup#start starts} its own run, so that no working state crosses
 * chunks or threads.
 */
public final class FilterChain {
  private static final FilterChain NONE = new FilterChain(List.of());

  /** The filter names and their options, in the order plain values take them. */
  private static final Map<String, List<String>> OPTIONS = options();

  private final List<Filter> filters;

  private FilterChain(List<Filter> filters) {
    this.filters = List.copyOf(filters);
  }

  private static Map<String, List<String>> options() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("scale", ScaleFilter.OPTIONS);
    m.put("crop", CropFilter.OPTIONS);
    m.put("eq", ToneFilter.OPTIONS);
    m.put("gray", List.of());
    m.put("blur", BlurFilter.OPTIONS);
    m.put("sharpen", SharpenFilter.OPTIONS);
    m.put("denoise", DenoiseFilter.OPTIONS);
    m.put("overlay", OverlayFilter.OPTIONS);
    return m;
  }

  /** No filters: pictures go to the encoder as decoded. */
  public static FilterChain none() {
    return NONE;
  }

  public static FilterChain of(List<Filter> filters) {
    return filters.isEmpty() ? NONE : new FilterChain(filters);
  }

  /**
   * Parses {@code --vf} text; blank text is no filters.
   *
   * @throws IllegalArgumentException naming the filter, for an unknown filter or a bad parameter
   */
  public static FilterChain parse(String text) {
    List<Filter> out = new ArrayList<>();
    for (FilterSyntax.Invocation call : FilterSyntax.parse(text)) {
      List<String> names = OPTIONS.get(call.name());
      if (names == null) {
        throw new IllegalArgumentException("unknown filter '" + call.name() + "' in '" + call.text() + "'; the filters are "
            + String.join(", ", OPTIONS.keySet()));
      }
      FilterArgs args = new FilterArgs(call, names);
      out.add(switch (call.name()) {
        case "scale" -> ScaleFilter.of(args);
        case "crop" -> CropFilter.of(args);
        case "eq" -> ToneFilter.of(args);
        case "gray" -> new GrayFilter();
        case "blur" -> BlurFilter.of(args);
        case "sharpen" -> SharpenFilter.of(args);
        case "denoise" -> DenoiseFilter.of(args);
        case "overlay" -> OverlayFilter.of(args);
        default -> throw new IllegalStateException(call.name());
      });
      if (out.getLast() instanceof AutoCropFilter && out.size() > 1) {
        throw new IllegalArgumentException("crop=auto in '" + text + "' looks for black bars in the source's pictures; "
            + "put it first");
      }
    }
    return of(out);
  }

  /** Whether the chain starts with {@code crop=auto}, which the job makes a rectangle of the source's. */
  public boolean cropsAuto() {
    return !filters.isEmpty() && filters.getFirst() instanceof AutoCropFilter;
  }

  /**
   * This chain with its {@code crop=auto} made {@code found}, the rectangle of its source's bars
   * ({@link CropDetect}); without it when {@code found} is null (no bars).
   */
  public FilterChain withAutoCrop(CropFilter found) {
    if (!cropsAuto()) {
      throw new IllegalStateException("the chain " + this + " has no crop=auto");
    }
    List<Filter> out = new ArrayList<>(filters.subList(1, filters.size()));
    if (found != null) {
      out.addFirst(found);
    }
    return of(out);
  }

  public List<Filter> filters() {
    return filters;
  }

  public boolean isEmpty() {
    return filters.isEmpty();
  }

  /** Whether a filter of the chain is temporal ({@link Filter#temporal}), so that each chunk's run starts afresh. */
  public boolean temporal() {
    return filters.stream().anyMatch(Filter::temporal);
  }

  /** The chain as {@code --vf} text, normalised (defaults written out); empty for none. */
  public String text() {
    return filters.stream().map(Filter::text).collect(Collectors.joining(","));
  }

  /**
   * What makes two jobs' pictures the same: the text, with each overlay picture named by its
   * absolute path and the SHA-256 of its bytes (a changed logo is another job). {@code crop=auto}
   * stays itself: the job's identity also holds the source's, whose bars give the same rectangle.
   */
  public String identity() {
    List<String> parts = new ArrayList<>();
    for (Filter f : filters) {
      if (f instanceof OverlayFilter o) {
        Path abs = o.file().toAbsolutePath().normalize();
        parts.add(new OverlayFilter(abs, o.x(), o.y(), o.fromRight(), o.fromBottom()).text() + "#sha256="
            + sha256(abs));
      } else {
        parts.add(f.text());
      }
    }
    return String.join(",", parts);
  }

  /** The size of the pictures the chain makes from pictures of size {@code in}. */
  public FrameSize outputSize(FrameSize in) {
    FrameSize s = in;
    for (Filter f : filters) {
      s = f.outputSize(s);
    }
    return s;
  }

  /**
   * The pixel shape of the pictures the chain makes from pictures of size {@code in} whose pixels
   * are {@code source}: a scale that changes the width and height by different factors changes it
   * so that the picture keeps its shape on screen (as FFmpeg's scale does; an unknown shape counts
   * as square there); a crop, like the other filters, leaves it.
   */
  public Rational sampleAspectRatio(Rational source, FrameSize in) {
    Rational sar = source;
    FrameSize s = in;
    for (Filter f : filters) {
      FrameSize out = f.outputSize(s);
      if (f instanceof ScaleFilter) {
        sar = scaled(sar, s, out);
      }
      s = out;
    }
    return sar;
  }

  /** {@code sar} after a scale from {@code in} to {@code out}; itself when the factors are equal. */
  private static Rational scaled(Rational sar, FrameSize in, FrameSize out) {
    long num = (long) out.height() * in.width();
    long den = (long) out.width() * in.height();
    if (num == den) {
      return sar;
    }
    Rational base = sar.isValid() ? sar : new Rational(1, 1);
    long n = base.num() * num;
    long d = base.den() * den;
    long g = BigInteger.valueOf(n).gcd(BigInteger.valueOf(d)).longValue();
    n /= g;
    d /= g;
    while (n > Integer.MAX_VALUE || d > Integer.MAX_VALUE) {
      n >>= 1;
      d >>= 1;
    }
    return new Rational(n, Math.max(1, d));
  }

  /**
   * Checks that every overlay picture can be read and decoded, so that a job refuses a bad file
   * before it starts.
   *
   * @throws InputException saying which file and why
   */
  public void checkFiles() {
    for (Filter f : filters) {
      if (f instanceof OverlayFilter o) {
        readPicture(o.file());
      }
    }
  }

  /** Ready for one job of limited-range pictures: see {@link #prepare(ColourMatrix, ColourRange, Kernels)}. */
  public FilterSetup prepare(ColourMatrix matrix, Kernels kernels) {
    return prepare(matrix, ColourRange.LIMITED, kernels);
  }

  /** Ready for one job: the overlay pictures decoded and converted with {@code matrix} into {@code range}. */
  public FilterSetup prepare(ColourMatrix matrix, ColourRange range, Kernels kernels) {
    Map<Path, Watermark> marks = new LinkedHashMap<>();
    for (Filter f : filters) {
      if (f instanceof OverlayFilter o && !marks.containsKey(o.file())) {
        marks.put(o.file(), Watermark.of(readPicture(o.file()), matrix, range));
      }
    }
    return new FilterSetup(this, kernels, marks, matrix, range);
  }

  /** Ready for a job of unknown length: the kernels {@link Kernels#get()} gives. */
  public FilterSetup prepare(ColourMatrix matrix, ColourRange range) {
    return prepare(matrix, range, Kernels.get());
  }

  /**
   * Ready for a job that runs the chain on {@code frames} pictures of size {@code in} (as stored,
   * before a player turns or mirrors them; {@code stored} says so after a refusal's picture size,
   * empty where the picture is shown as stored): the Vector API
   * kernels only for the kernel families whose work repays their warm-up ({@link
   * Kernels#forWork}).
   */
  public FilterSetup prepare(ColourMatrix matrix, ColourRange range, long frames, FrameSize in, String stored) {
    FilterSetup setup = prepare(matrix, range, Kernels.forWork(work(frames, in)));
    requireFits(setup, in, stored);
    return setup;
  }

  /**
   * Refuses an overlay that pictures of size {@code in} (as the filters before it leave them)
   * would not show at all, or that a crop after it cuts away entirely ({@link OverlayReach}), and a
   * crop that reaches past them, before any chunk is encoded.
   *
   * @throws InputException saying which filter and where it lies
   */
  private void requireFits(FilterSetup setup, FrameSize in, String stored) {
    FrameSize s = in;
    OverlayReach reach = new OverlayReach();
    for (Filter f : filters) {
      String off = switch (f) {
        case OverlayFilter o -> o.offPicture(s, setup.watermark(o.file()));
        case CropFilter c -> c.outside(s, stored);
        default -> null;
      };
      FrameSize out = f.outputSize(s);
      off = off != null ? off : reach.through(f, s, out);
      if (off != null) {
        throw new InputException(off);
      }
      if (f instanceof OverlayFilter o) {
        reach.add(o, setup.watermark(o.file()), s);
      }
      s = out;
    }
  }

  /**
   * The kernels' work for {@code frames} pictures of size {@code in}: the scale filter's input
   * goes to the scale kernels (bilinear), that of blur and sharpen (a Gaussian blur each) and
   * denoise to the filter kernels. The tone curve (a table lookup either way), grey (a fill),
   * overlay (a logo's rectangle, not the picture) and crop (a copy) give the Vector API too little
   * to count.
   */
  public Kernels.Work work(long frames, FrameSize in) {
    Kernels.Work work = Kernels.Work.NONE;
    FrameSize size = in;
    for (Filter f : filters) {
      Kernels.Operation op = switch (f) {
        case ScaleFilter s -> Kernels.Operation.BILINEAR;
        case CropFilter c -> null;
        case AutoCropFilter c -> null;
        case BlurFilter b -> Kernels.Operation.BLUR;
        case SharpenFilter s -> Kernels.Operation.BLUR;
        case DenoiseFilter d -> Kernels.Operation.DENOISE;
        case ToneFilter t -> null;
        case GrayFilter g -> null;
        case OverlayFilter o -> null;
      };
      if (op != null) {
        work = work.plus(Kernels.Work.frames(frames, size.width(), size.height(), op));
      }
      size = f.outputSize(size);
    }
    return work;
  }

  /**
   * The matrix a video's colours are in: the one its stream names, else FrameFork's own rule for
   * untagged video of {@code width x height}, the one its RGB conversion picks by ({@link
   * RgbToYuv420#matrixFor}: BT.709 for HD and larger, 1280 wide or 720 high, BT.601 below). FFmpeg's
   * filters assume BT.601 for untagged video whatever its size; players often go by the height.
   */
  public static ColourMatrix matrixFor(String colorSpace, int width, int height) {
    String s = colorSpace == null ? "" : colorSpace.toLowerCase(java.util.Locale.ROOT);
    if (s.equals("bt709")) {
      return ColourMatrix.BT709;
    }
    if (s.equals("smpte170m") || s.equals("bt470bg") || s.equals("fcc") || s.equals("smpte240m")) {
      return ColourMatrix.BT601;
    }
    return RgbToYuv420.matrixFor(width, height);
  }

  /** An overlay picture as RGBA (opaque when it has no alpha). */
  static PackedImage readPicture(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InputException(file + ": no such picture (for overlay); check the path");
    }
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read as a picture (" + e.getMessage() + "); give a PNG for overlay");
    }
    if (img == null) {
      throw new InputException(file + ": not a picture Java can decode; give a PNG for overlay");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    PackedImage rgba = PackedImage.allocate(w, h, PixelLayout.RGBA);
    byte[] d = rgba.data();
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      d[4 * i] = (byte) (p >> 16);
      d[4 * i + 1] = (byte) (p >> 8);
      d[4 * i + 2] = (byte) p;
      d[4 * i + 3] = (byte) (p >>> 24);
    }
    return rgba;
  }

  private static String sha256(Path file) {
    try {
      return Checksums.sha256(file);
    } catch (UncheckedIOException e) {
      return "unreadable";
    }
  }

  /** A number as short as it can be written and read back exactly: 1, 0.6, 1.25. */
  static String number(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterChain c && c.filters.equals(filters);
  }

  @Override
  public int hashCode() {
    return filters.hashCode();
  }

  @Override
  public String toString() {
    return isEmpty() ? "none" : text();
  }
}
