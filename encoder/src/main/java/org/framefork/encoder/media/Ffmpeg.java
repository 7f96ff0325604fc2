package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/** Small bridge to FFmpeg's C API: error codes to exceptions, log level, rationals. */
public final class Ffmpeg {
  private static volatile boolean initialised;

  private Ffmpeg() {}

  /**
   * Loads the natives once and quiets FFmpeg's own console logging: errors reach the user through
   * our exceptions, not through FFmpeg's stderr. {@code -Dframefork.ffmpegLog=N} sets another level.
   */
  public static void init() {
    if (initialised) {
      return;
    }
    synchronized (Ffmpeg.class) {
      if (!initialised) {
        String level = System.getProperty("framefork.ffmpegLog");
        av_log_set_level(level == null ? AV_LOG_FATAL : Integer.parseInt(level));
        initialised = true;
      }
    }
  }

  /**
   * Loads FFmpeg's libraries that every job uses (formats, codecs, scaling, resampling) now, rather
   * than when a class first needs its library.
   */
  public static void loadLibraries() {
    init();
    for (Class<?> lib : List.of(avcodec.class, avformat.class, swscale.class, swresample.class)) {
      Loader.load(lib);
    }
  }

  /** The {@code hvc1} sample entry of MP4 and QuickTime, little-endian as FFmpeg's MKTAG('h','v','c','1'). */
  private static final int HVC1 = tag("hvc1");

  /** A four-character code as FFmpeg's MKTAG makes it (the first character in the low byte). */
  public static int tag(String fourcc) {
    return fourcc.charAt(0) | fourcc.charAt(1) << 8 | fourcc.charAt(2) << 16 | fourcc.charAt(3) << 24;
  }

  /**
   * The tag a video stream of {@code codecId} gets in a file of the muxer {@code muxer}: {@code
   * hvc1} for HEVC in MP4 or MOV, with the parameter sets in the sample entry (the encoder's global
   * headers), which Apple's players (QuickTime, Safari, iOS) need: they do not play FFmpeg's
   * default, {@code hev1}. As HandBrake and {@code ffmpeg -tag:v hvc1} write it. Else 0, the
   * muxer's own.
   */
  public static int videoTag(String muxer, int codecId) {
    return codecId == avcodec.AV_CODEC_ID_HEVC && (muxer.equals("mp4") || muxer.equals("mov")) ? HVC1 : 0;
  }

  /**
   * The name FFmpeg should open {@code file} by: through its file protocol, so that a local name
   * with a colon ({@code 2024-01-01T12:30.mp4}, {@code http:x.mp4}) is never read as a protocol or
   * a network address.
   */
  public static String url(java.nio.file.Path file) {
    return "file:" + file.toAbsolutePath();
  }

  /**
   * A stream's pixel shape: the container's record of it (Matroska's display size, MP4's
   * {@code pasp}), else the codec's (H.264's and H.265's VUI); 0/1 when neither says. VP9 and AV1
   * streams carry none of their own, so for them only the container's counts.
   */
  public static Rational sampleAspectRatio(org.bytedeco.ffmpeg.avformat.AVStream st) {
    Rational container = Rational.of(st.sample_aspect_ratio());
    return container.isValid() ? container : Rational.of(st.codecpar().sample_aspect_ratio());
  }

  /** A video stream's nominal frame rate: its average rate, else its base rate (invalid when it states neither). */
  public static Rational frameRate(org.bytedeco.ffmpeg.avformat.AVStream st) {
    Rational avg = Rational.of(st.avg_frame_rate());
    return avg.isValid() ? avg : Rational.of(st.r_frame_rate());
  }

  /**
   * {@code guess} (a stream's base rate, FFmpeg's guess where the stream states no average rate)
   * where it is within twice {@code measured} (frames over their time, 0 where unknown) either way,
   * else the measure: a guess of 1000 or 90000 fps for a stream of 25 is no rate to write.
   */
  public static Rational plausibleRate(Rational guess, double measured) {
    if (measured <= 0 || guess.isValid() && guess.toDouble() <= 2 * measured && guess.toDouble() >= measured / 2) {
      return guess;
    }
    return Rational.of(avutil.av_d2q(measured, 1 << 16));
  }

  public static String errorText(int code) {
    byte[] buf = new byte[256];
    av_strerror(code, buf, buf.length);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  /** Throws {@link MediaException} when {@code code} is negative; returns it otherwise. */
  public static int check(int code, String what) {
    if (code < 0) {
      throw new MediaException(what + ": " + errorText(code), code);
    }
    return code;
  }

  /**
   * Whether {@code failure}, or what it wraps, is a disk that is full (or a quota used up): FFmpeg's
   * {@code AVERROR(ENOSPC)} or {@code AVERROR(EDQUOT)}, or Java's I/O error of the same. Another
   * attempt would fail the same way, and the source is not to blame.
   */
  public static boolean isOutOfSpace(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof MediaException m && (m.code() == -ENOSPC || m.code() == -EDQUOT)) {
        return true;
      }
      if (t instanceof java.io.IOException && t.getMessage() != null
          && (t.getMessage().contains("No space left on device") || t.getMessage().contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }

  /** Linux's errno values that {@link #isOutOfSpace} looks for (AVERROR(e) is -e on Linux). */
  private static final int ENOSPC = 28;
  private static final int EDQUOT = 122;

  public static boolean isAgain(int code) {
    return code == AVERROR_EAGAIN();
  }

  public static boolean isEof(int code) {
    return code == AVERROR_EOF;
  }

  /**
   * Frees a native object unless it is null, and returns null for the field that held it, as in
   * {@code frame = Ffmpeg.free(frame, avutil::av_frame_free)}: a second close then does nothing.
   */
  public static <T> T free(T object, java.util.function.Consumer<T> free) {
    if (object != null) {
      free.accept(object);
    }
    return null;
  }

  public static AVRational rational(int num, int den) {
    return avutil.av_make_q(num, den);
  }

  public static AVRational rational(Rational r) {
    return avutil.av_make_q((int) r.num(), (int) r.den());
  }

  /**
   * Adds side data of {@code type} and {@code size} bytes to a stream's parameters (the record its
   * muxer writes) and returns its bytes to fill, or null when FFmpeg cannot allocate them.
   */
  public static org.bytedeco.javacpp.BytePointer newStreamSideData(org.bytedeco.ffmpeg.avcodec.AVCodecParameters par, int type,
      long size) {
    org.bytedeco.javacpp.PointerPointer<org.bytedeco.ffmpeg.avcodec.AVPacketSideData> list =
        new org.bytedeco.javacpp.PointerPointer<>(1);
    list.put(0, par.coded_side_data());
    org.bytedeco.javacpp.IntPointer count = new org.bytedeco.javacpp.IntPointer(1);
    count.put(0, par.nb_coded_side_data());
    org.bytedeco.ffmpeg.avcodec.AVPacketSideData added = avcodec.av_packet_side_data_new(list, count, type, size, 0);
    if (added == null || added.isNull()) {
      return null;
    }
    par.coded_side_data(new org.bytedeco.ffmpeg.avcodec.AVPacketSideData(list.get(0)));
    par.nb_coded_side_data(count.get(0));
    return added.data().capacity(size);
  }

  /** Bits per sample of pixel format {@code format} (its first component's), 8 when unknown. */
  public static int bitDepth(int format) {
    org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor d = avutil.av_pix_fmt_desc_get(format);
    return d == null || d.isNull() ? 8 : d.comp(0).depth();
  }
}
