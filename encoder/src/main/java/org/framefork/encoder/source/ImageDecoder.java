package org.framefork.encoder.source;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_BMP;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_DPX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_EXR;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_TARGA;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_TIFF;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_WEBP;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.probe.InputException;

/**
 * Decodes image files with FFmpeg's image decoders, one whole file a picture, as FFmpeg's {@code
 * image2} demuxer feeds them, but with one decoder for every file of a sequence. Not thread-safe.
 */
public final class ImageDecoder implements AutoCloseable {
  /** The image formats a sequence may be made of, by extension, and their decoders. */
  static final Map<String, Integer> CODECS = Map.ofEntries(
      Map.entry("png", AV_CODEC_ID_PNG), Map.entry("jpg", AV_CODEC_ID_MJPEG), Map.entry("jpeg", AV_CODEC_ID_MJPEG),
      Map.entry("tif", AV_CODEC_ID_TIFF), Map.entry("tiff", AV_CODEC_ID_TIFF), Map.entry("bmp", AV_CODEC_ID_BMP),
      Map.entry("tga", AV_CODEC_ID_TARGA), Map.entry("webp", AV_CODEC_ID_WEBP), Map.entry("dpx", AV_CODEC_ID_DPX),
      Map.entry("exr", AV_CODEC_ID_EXR));

  private final String extension;
  private AVCodecContext dec;
  private AVPacket pkt;
  private AVFrame frame;

  /** A decoder for images of the format {@code extension} (one of {@link #CODECS}' keys, {@link #formatOf}). */
  public ImageDecoder(String extension) {
    this.extension = extension;
    Ffmpeg.init();
    try {
      AVCodec codec = avcodec_find_decoder(CODECS.get(extension));
      if (codec == null || codec.isNull()) {
        throw new InputException("this FFmpeg build cannot decode ." + extension + " images");
      }
      dec = avcodec_alloc_context3(codec);
      dec.thread_count(1); // the parallelism comes from chunks
      Ffmpeg.check(avcodec_open2(dec, codec, (AVDictionary) null), "open ." + extension + " decoder");
      pkt = av_packet_alloc();
      frame = av_frame_alloc();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The lower-case extension of {@code file}'s name, or "" when it has none. */
  public static String extensionOf(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  /**
   * The format {@code file} is decoded as (a key of {@link #CODECS}): the one its first bytes say
   * (a JPEG saved as {@code .png} is a JPEG, as FFmpeg's {@code image2} reads it), else the one
   * its extension names.
   */
  public static String formatOf(Path file) {
    String format = ImageHeader.format(file);
    return format != null ? format : extensionOf(file);
  }

  /** The format's name as people say it: {@code jpg} is "JPEG", {@code webp} "WebP". */
  static String formatName(String format) {
    return switch (format) {
      case "jpg", "jpeg" -> "JPEG";
      case "tif", "tiff" -> "TIFF";
      case "webp" -> "WebP";
      default -> format.toUpperCase(Locale.ROOT);
    };
  }

  /** Whether {@code file} is named as an image a sequence may hold. */
  static boolean isImage(Path file) {
    return CODECS.containsKey(extensionOf(file));
  }

  String extension() {
    return extension;
  }

  /** {@code file}'s picture, valid until the next call; throws {@link UndecodableImageException} when it does not decode. */
  public AVFrame decode(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + "); check that the image is still there");
    }
    if (bytes.length == 0) {
      throw new InputException(file + ": is empty (0 bytes); re-export the image");
    }
    av_frame_unref(frame);
    Ffmpeg.check(av_new_packet(pkt, bytes.length), "image packet");
    pkt.data().put(bytes, 0, bytes.length);
    // Every image is a keyframe: without the flag FFmpeg's PNG decoder takes a picture of the same
    // size as a "P-frame" of the one before (MNG style) and adds the two.
    pkt.flags(pkt.flags() | AV_PKT_FLAG_KEY);
    int r;
    try {
      r = avcodec_send_packet(dec, pkt);
    } finally {
      av_packet_unref(pkt);
    }
    if (r >= 0) {
      r = avcodec_receive_frame(dec, frame);
    }
    if (r < 0 || frame.decode_error_flags() != 0) {
      avcodec_flush_buffers(dec); // the next file starts clean
      String format = ImageHeader.format(file);
      if (format != null && !CODECS.get(format).equals(CODECS.get(extension))) {
        String named = CODECS.get(format).equals(CODECS.get(extensionOf(file))) ? "" : " named ." + extensionOf(file);
        throw new UndecodableImageException(file + ": is a " + formatName(format) + named + ", but the sequence's first "
            + "image is a " + formatName(extension) + "; re-export the images in one format, or give this one alone");
      }
      throw new UndecodableImageException(file + ": the image cannot be decoded (" + (r < 0 ? Ffmpeg.errorText(r) : "damaged data")
          + "); it may be truncated or damaged: re-export it");
    }
    return frame;
  }

  @Override
  public void close() {
    frame = Ffmpeg.free(frame, avutil::av_frame_free);
    pkt = Ffmpeg.free(pkt, avcodec::av_packet_free);
    dec = Ffmpeg.free(dec, avcodec::avcodec_free_context);
  }
}
