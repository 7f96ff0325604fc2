package org.framefork.encoder.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The picture size an image file's header states, read without decoding, so that a sequence's
 * sizes are checked in moments: PNG, JPEG, BMP, TGA and TIFF. Other formats (and headers that do
 * not parse) answer null, and the caller decodes the file instead.
 */
public final class ImageHeader {
  /** A width and height. */
  record Size(int width, int height) {
    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  private ImageHeader() {}

  /** The size {@code file}'s header states, or null when it cannot tell. */
  static Size size(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = read(ch, 0, 32);
      if (head == null) {
        return null;
      }
      if (name.endsWith(".png") && head.getInt(0) == 0x89504E47) {
        return new Size(head.getInt(16), head.getInt(20));
      }
      if ((name.endsWith(".jpg") || name.endsWith(".jpeg")) && (head.getShort(0) & 0xFFFF) == 0xFFD8) {
        return jpeg(ch);
      }
      head.order(ByteOrder.LITTLE_ENDIAN);
      if (name.endsWith(".bmp") && head.get(0) == 'B' && head.get(1) == 'M') {
        return new Size(head.getInt(18), Math.abs(head.getInt(22)));
      }
      if (name.endsWith(".tga")) {
        return new Size(head.getShort(12) & 0xFFFF, head.getShort(14) & 0xFFFF);
      }
      if (name.endsWith(".tif") || name.endsWith(".tiff")) {
        return tiff(ch, head);
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether {@code file} is a PNG with a transparency (tRNS) chunk before its image data: a palette
   * PNG whose entries are transparent (FFmpeg decodes it as pal8, alpha in the palette). False for
   * any other file, or one that cannot be read.
   */
  public static boolean pngTransparency(Path file) {
    return "png".equals(format(file)) && pngChunkBeforeData(file, 0x74524E53); // tRNS
  }

  /** Whether PNG {@code file} has a chunk of type {@code wanted} before its first IDAT (or its IEND). */
  private static boolean pngChunkBeforeData(Path file, int wanted) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer chunk;
      for (long at = 8; (chunk = read(ch, at, 8)) != null; at += 12L + (chunk.getInt(0) & 0xFFFFFFFFL)) {
        int type = chunk.getInt(4);
        if (type == wanted || type == 0x49444154 || type == 0x49454E44) { // IDAT, IEND: the pictures come
          return type == wanted;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unreadable: no chunk said.
    }
    return false;
  }

  /**
   * The format {@code file}'s first bytes say it is, as a key of {@link ImageDecoder#CODECS} ({@code
   * png}, {@code jpg}, {@code bmp}, {@code tif}, {@code webp}, {@code exr}, {@code dpx}), or null
   * when they say none of them (a TGA has no signature) or the file cannot be read.
   */
  static String format(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = read(ch, 0, 12);
      if (head == null) {
        return null;
      }
      int magic = head.getInt(0);
      return magic == 0x89504E47 ? "png"
          : (magic >>> 8) == 0xFFD8FF ? "jpg"
          : (magic >>> 16) == 0x424D ? "bmp"
          : magic == 0x49492A00 || magic == 0x4D4D002A ? "tif"
          : magic == 0x52494646 && head.getInt(8) == 0x57454250 ? "webp"
          : magic == 0x762F3101 ? "exr"
          : magic == 0x53445058 || magic == 0x58504453 ? "dpx" : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether {@code file} is an animation rather than one picture: a PNG with an animation control
   * chunk ({@code acTL}, APNG) before its image data, or a WebP whose header says it is animated.
   * FFmpeg reads such a file as a video of its own frames; an image decoder would give its first.
   */
  static boolean isAnimated(Path file) {
    boolean png = ImageDecoder.extensionOf(file).equals("png");
    if (!png && !ImageDecoder.extensionOf(file).equals("webp")) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = read(ch, 0, 21);
      // A WebP's RIFF....WEBPVP8X header, then its flags: bit 1 is "animation".
      return head != null && (png ? head.getInt(0) == 0x89504E47 && pngHasAnimationControl(ch)
          : head.getInt(0) == 0x52494646 && head.getInt(8) == 0x57454250 && head.getInt(12) == 0x56503858
              && (head.get(20) & 0x02) != 0);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Walks the PNG's chunks up to its first image data ({@code IDAT}), looking for {@code acTL}. */
  private static boolean pngHasAnimationControl(FileChannel ch) throws IOException {
    long at = 8;
    for (int i = 0; i < 1000; i++) {
      ByteBuffer chunk = read(ch, at, 8);
      if (chunk == null) {
        return false;
      }
      int type = chunk.getInt(4);
      if (type == 0x6163544C) { // acTL
        return true;
      }
      if (type == 0x49444154) { // IDAT
        return false;
      }
      at += 12 + (chunk.getInt(0) & 0xFFFFFFFFL);
    }
    return false;
  }

  /** Walks the JPEG's segments to its frame header (SOFn). */
  private static Size jpeg(FileChannel ch) throws IOException {
    long at = 2;
    for (int i = 0; i < 1000; i++) {
      ByteBuffer seg = read(ch, at, 9);
      if (seg == null || (seg.get(0) & 0xFF) != 0xFF) {
        return null;
      }
      int marker = seg.get(1) & 0xFF;
      boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        return new Size(seg.getShort(7) & 0xFFFF, seg.getShort(5) & 0xFFFF);
      }
      at += 2 + (seg.getShort(2) & 0xFFFF);
    }
    return null;
  }

  /** The first image file directory's ImageWidth (256) and ImageLength (257); null past an int's range. */
  private static Size tiff(FileChannel ch, ByteBuffer head) throws IOException {
    long width = tiffTag(ch, head, 256);
    long height = tiffTag(ch, head, 257);
    boolean fits = width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE;
    return fits ? new Size((int) width, (int) height) : null;
  }

  /**
   * Whether the pictures of a sequence whose first image is {@code first}, decoded by FFmpeg decoder
   * {@code codec}, carry premultiplied alpha: EXR's (its colour is multiplied by alpha), and a TIFF's
   * whose ExtraSamples (338) says its alpha is associated (1), not unassociated (2); FFmpeg's TIFF
   * decoder gives the same frames for both. PNG's and others' alpha is straight.
   */
  public static boolean premultipliedAlpha(Path first, String codec) {
    if ("exr".equals(codec)) {
      return true;
    }
    return tiffExtraSamples(first) == 1;
  }

  /**
   * The first value of a TIFF's ExtraSamples (338): 1 for associated (premultiplied) alpha, 2 for
   * unassociated, 0 unspecified (taken as unassociated); -1 when it has none, or {@code file} is no
   * TIFF or cannot be read.
   */
  static int tiffExtraSamples(Path file) {
    // One open a file: a sequence of 10,000 images is read once for its sizes and once for this.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = read(ch, 0, 8);
      int magic = head == null ? 0 : head.getInt(0);
      long value = magic == 0x49492A00 || magic == 0x4D4D002A ? tiffTag(ch, head, 338) : -1;
      return value <= 2 ? (int) value : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The first value of tag {@code wanted} (a SHORT or LONG) in the first image file directory of
   * the TIFF whose first 8 bytes are {@code head}, or -1 when it has none or it cannot be read.
   */
  private static long tiffTag(FileChannel ch, ByteBuffer head, int wanted) throws IOException {
    ByteOrder order = head.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    head.order(order);
    long ifd = head.getInt(4) & 0xFFFFFFFFL;
    ByteBuffer count = read(ch, ifd, 2);
    if (count == null) {
      return -1;
    }
    int entries = count.order(order).getShort(0) & 0xFFFF;
    ByteBuffer dir = read(ch, ifd + 2, 12 * entries);
    if (dir == null) {
      return -1;
    }
    dir.order(order);
    for (int e = 0; e < entries; e++) {
      int type = dir.getShort(12 * e + 2) & 0xFFFF;
      if ((dir.getShort(12 * e) & 0xFFFF) != wanted || type != 3 && type != 4) {
        continue;
      }
      long n = dir.getInt(12 * e + 4) & 0xFFFFFFFFL;
      if (n == 0) {
        return -1; // no value: the entry's inline bytes mean nothing
      }
      // Values of more than 4 bytes lie at the offset the entry holds.
      ByteBuffer value = n * (type == 3 ? 2 : 4) > 4 ? read(ch, dir.getInt(12 * e + 8) & 0xFFFFFFFFL, 4)
          : dir.position(12 * e + 8).slice();
      if (value == null) {
        return -1;
      }
      value.order(order);
      return type == 3 ? value.getShort(0) & 0xFFFF : value.getInt(0) & 0xFFFFFFFFL;
    }
    return -1;
  }

  /** {@code n} bytes at {@code at} (big-endian), or null when the file ends first. */
  private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        return null;
      }
    }
    return b.flip();
  }
}
