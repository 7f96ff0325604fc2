package org.framefork.encoder.job;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_PAL8;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.DecoderOptions.Accuracy;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.media.SideAlpha;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.source.ImageHeader;
import org.framefork.encoder.source.ImageSequence;
import org.framefork.encoder.source.ImageSequences;
import org.framefork.encoder.source.SequenceOptions;

/**
 * What the report says about how a source was read: an image sequence's rate, held gaps, alpha and
 * audio file, a video's dropped alpha, and the conversion of any RGB source to YUV.
 */
final class SourceNotes {
  /** Audio within this much of the video's length is left as it is. */
  private static final double AUDIO_SLACK_SECONDS = 0.05;

  private SourceNotes() {}

  /**
   * The notes on {@code s}, read with {@code options} and encoded at {@code depth} bits; {@code
   * audioFile}: its audio file's streams (empty: none); {@code audioEnd} where the audio written
   * ends, and {@code keptPastEnd} whether a packet reaching past the video's end was kept whole
   * ({@link org.framefork.encoder.join.SegmentJoiner#audioKeptPastEnd}).
   */
  public static List<Note> of(ImageSequence s, SequenceOptions options, List<AudioStream> audioFile, int depth,
      double audioEnd, boolean keptPastEnd) {
    List<Note> notes = new ArrayList<>();
    notes.add(Note.info("image sequence of " + s.imageCount() + (s.imageCount() == 1 ? " image (" : " images (") + s.pixelFormat()
        + ") at " + rate(s) + (s.rateGiven() ? " fps (--fps)" : " fps, the default for an image sequence (--fps sets another)")));
    String othersBeside = ImageSequences.othersBeside(java.nio.file.Path.of(s.spec()));
    if (othersBeside != null) {
      notes.add(Note.info(othersBeside));
    }
    if (s.heldFrames() > 0) {
      notes.add(Note.info((s.heldFrames() == 1 ? "1 frame holds the image before it over the missing number "
          : s.heldFrames() + " frames hold the image before them over the missing numbers ")
          + String.join(", ", s.gaps()) + " (--allow-gaps)"));
    }
    notes.addAll(imageAlphaNote(s, options));
    notes.addAll(colourNote(s.pixelFormat(), s.width(), s.height(), depth, options.alphaOver() != null));
    if (!audioFile.isEmpty()) {
      notes.addAll(audioNotes(s, audioFile, audioEnd, keptPastEnd));
    }
    return notes;
  }

  /**
   * What became of the images' alpha: composited over {@code --alpha-over}'s colour (RGB, palette and
   * grey images; see {@link PictureConverter}), else dropped. A palette's alpha is that of a PNG's
   * transparency (tRNS) chunk in the first image.
   */
  private static List<Note> imageAlphaNote(ImageSequence s, SequenceOptions options) {
    int format = av_get_pix_fmt(s.pixelFormat());
    boolean palette = format == AV_PIX_FMT_PAL8;
    if (!PictureConverter.hasAlpha(format) || palette && !ImageHeader.pngTransparency(s.frames().getFirst())) {
      return List.of();
    }
    Background over = options.alphaOver();
    if (!PictureConverter.composites(format)) {
      return List.of(Note.warning("the images' alpha channel (" + s.pixelFormat() + ") was dropped: --alpha-over composites "
          + "RGB, palette and grey images only"));
    }
    return List.of(over == null
        ? Note.warning("the images' alpha channel was dropped (--alpha-over COLOUR composites them over a colour instead)")
        : Note.info(String.format(Locale.ROOT, "the images were composited over #%02x%02x%02x (--alpha-over)",
            over.red(), over.green(), over.blue())));
  }

  /**
   * The note on a video's alpha channel (qtrle argb, ProRes 4444, PNG-in-MOV with alpha, WebM VP8/VP9
   * with {@code alpha_mode} 1): composited over {@code over} ({@code --alpha-over}, null: none given),
   * else dropped; none when its pictures have none. FFmpeg's GIF decoder puts out bgra whether or not
   * the GIF has a transparent colour, so a GIF's alpha is said only when its first picture has a
   * pixel that is not opaque. A WebM's alpha is side data that FFmpeg's native VP8/VP9 decoders
   * ignore: composited where libvpx's decoder, which reads it, is in the build ({@link #sideAlphaNote}).
   */
  public static List<Note> videoAlphaNote(Path file, VideoStream video, Background over) {
    String pixelFormat = video.pixelFormat();
    int format = pixelFormat == null ? -1 : av_get_pix_fmt(pixelFormat);
    // A palette's alpha (PNG-in-MOV with tRNS) is said, as a GIF's, where the first picture has a transparent pixel.
    boolean inFormat = format >= 0 && PictureConverter.hasAlpha(format)
        && (!video.codec().equals("gif") && format != AV_PIX_FMT_PAL8 || firstPictureTransparent(file, video.index()));
    if (!inFormat && !video.alphaMode()) {
      return List.of();
    }
    if (!inFormat) {
      return sideAlphaNote(video, over);
    }
    if (over == null) {
      // The app, which has no such setting, drops this advice by its words (JobSettings).
      return List.of(Note.warning("the video's alpha channel (" + pixelFormat + ") was dropped from its pictures (--alpha-over "
          + "COLOUR composites them over a colour instead)"));
    }
    if (!PictureConverter.composites(format) && !PictureConverter.compositesYuv(format)) {
      return List.of(Note.warning("the video's alpha channel (" + pixelFormat + ") was dropped: --alpha-over composites "
          + "RGB, palette, grey and little-endian planar YUV pictures only"));
    }
    return List.of(Note.info("the video's pictures were composited over " + over.hex() + " (--alpha-over)"
        + (PictureConverter.compositesYuv(format) ? ", in YUV in their own matrix" : "")));
  }

  /**
   * The note on a WebM VP8/VP9 stream's alpha side data: composited where {@code over} is given and
   * libvpx's decoder reads it ({@link SideAlpha}), else dropped, said so.
   */
  private static List<Note> sideAlphaNote(VideoStream video, Background over) {
    String channel = "the video's alpha channel (" + video.codec() + " alpha_mode 1)";
    if (!SideAlpha.decodable(video.codec())) {
      return List.of(Note.warning(channel + " was dropped: it is side data that FFmpeg's native " + video.codec()
          + " decoder ignores, and this build has no libvpx decoder, which reads it"));
    }
    if (over == null) {
      return List.of(Note.warning(channel + " was dropped from its pictures (--alpha-over COLOUR composites them over a "
          + "colour instead)"));
    }
    return List.of(Note.info("the video's pictures were composited over " + over.hex() + " (--alpha-over), in YUV in "
        + "their own matrix, their alpha (" + video.codec() + " alpha_mode 1) read by libvpx's decoder"));
  }

  /** Whether the first picture of stream {@code stream} of {@code file} has a pixel that is not opaque (true when it cannot tell). */
  private static boolean firstPictureTransparent(Path file, int stream) {
    try (VideoDecoder d = new VideoDecoder(file, DecoderOptions.defaults().withStream(stream).withThreads(1)
        .withAccuracy(Accuracy.FAST))) {
      if (!d.next()) {
        return false;
      }
      AVFrame f = d.decoded();
      if (f.format() == AV_PIX_FMT_PAL8) {
        return paletteTransparent(f);
      }
      if (f.format() != AV_PIX_FMT_BGRA) {
        return true;
      }
      byte[] row = new byte[f.width() * 4];
      for (int y = 0; y < f.height(); y++) {
        f.data(0).position((long) y * f.linesize(0)).get(row);
        for (int i = 3; i < row.length; i += 4) {
          if ((row[i] & 0xFF) != 255) {
            return true;
          }
        }
      }
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** Whether a pal8 picture has a pixel whose palette entry (32-bit native-endian ARGB) is not opaque. */
  private static boolean paletteTransparent(AVFrame f) {
    byte[] entries = new byte[4 * 256];
    f.data(1).position(0).get(entries);
    java.nio.IntBuffer palette = java.nio.ByteBuffer.wrap(entries).order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
    byte[] row = new byte[f.width()];
    for (int y = 0; y < f.height(); y++) {
      f.data(0).position((long) y * f.linesize(0)).get(row);
      for (byte index : row) {
        if (palette.get(index & 0xFF) >>> 24 != 255) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether pictures of {@code pixelFormat} (FFmpeg's name; null for none) are RGB or palette ones, which become YUV here. */
  static boolean convertsRgb(String pixelFormat) {
    int format = pixelFormat == null ? -1 : av_get_pix_fmt(pixelFormat);
    return format >= 0 && PictureConverter.isRgb(format);
  }

  /**
   * How RGB (or palette) pictures of {@code pixelFormat} became YUV at {@code depth} bits, and by
   * whom: FrameFork's colour kernels or libswscale; none when they are not RGB. {@code alphaOver}:
   * whether their alpha was composited over a colour (--alpha-over).
   */
  public static List<Note> colourNote(String pixelFormat, int width, int height, int depth, boolean alphaOver) {
    int format = pixelFormat == null ? -1 : av_get_pix_fmt(pixelFormat);
    boolean greyComposited = alphaOver && format >= 0 && PictureConverter.isGreyWithAlpha(format);
    if (!convertsRgb(pixelFormat) && !greyComposited) {
      return List.of();
    }
    FrameSize size = EncodedPicture.size(width, height);
    ColourMatrix m = PictureConverter.rgbMatrix(format, size.width(), size.height());
    String by = PictureConverter.convertsWithKernels(format, depth, alphaOver) ? "FrameFork's colour kernels" : "libswscale";
    String what = format == AV_PIX_FMT_PAL8 ? "the palette's RGB" : greyComposited ? "the composited grey, as RGB," : "RGB";
    return List.of(Note.info(what + " was converted to YUV 4:2:0 ("
        + depth + "-bit) by " + by + ": " + (m == ColourMatrix.BT709 ? "BT.709" : "BT.601")
        + ", limited range, as the output's colour tags say"));
  }

  /**
   * What became of the audio file against the video's length: cut at its end (to the sample, or,
   * copied in a compressed codec, after it, at the end of the packet that holds it, {@code
   * audioEnd}: {@code keptPastEnd} says which), or shorter.
   */
  private static List<Note> audioNotes(ImageSequence s, List<AudioStream> audioFile, double audioEnd, boolean keptPastEnd) {
    AudioStream a = audioFile.getFirst();
    double video = s.durationSeconds();
    double audio = a.startSeconds() + a.durationSeconds();
    if (audio > video + AUDIO_SLACK_SECONDS && keptPastEnd) {
      return List.of(Note.info(String.format(Locale.ROOT, "the audio file (%.2f s) was cut after the video's end (%.3f s), "
          + "at the end of its copied %s packet that holds it: the audio ends at %.3f s", audio, video, a.codec(), audioEnd)));
    }
    if (audio > video + AUDIO_SLACK_SECONDS) {
      return List.of(Note.info(String.format(Locale.ROOT, "the audio file (%.2f s) was cut at the video's end (%.2f s)", audio, video)));
    }
    if (audio < video - AUDIO_SLACK_SECONDS) {
      return List.of(Note.info(String.format(Locale.ROOT, "the audio file (%.2f s) is shorter than the video (%.2f s): silence "
          + "after its end", audio, video)));
    }
    return List.of();
  }

  private static String rate(ImageSequence s) {
    return s.rate().den() == 1 ? Long.toString(s.rate().num()) : String.format(Locale.ROOT, "%.3f", s.rate().toDouble());
  }
}
