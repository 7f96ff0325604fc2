package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;

/**
 * A WebM VP8/VP9 stream's alpha: its own VP8/VP9 stream in each block's additional data, which the
 * stream's {@code alpha_mode} 1 announces. FFmpeg's native decoders ignore it (their pictures are
 * yuv420p); libvpx's decoders ({@code libvpx}, {@code libvpx-vp9}) decode it too and put out
 * yuva420p, which {@link PictureConverter} composites like any planar YUVA picture.
 */
public final class SideAlpha {
  private SideAlpha() {}

  /** Whether stream {@code st}'s tags announce alpha side data: {@code alpha_mode} 1. */
  public static boolean announced(AVStream st) {
    if (st.metadata() == null || st.metadata().isNull()) {
      return false;
    }
    AVDictionaryEntry mode = av_dict_get(st.metadata(), "alpha_mode", null, 0);
    return mode != null && !mode.isNull() && "1".equals(mode.value().getString());
  }

  /** libvpx's decoder of stream {@code st}'s alpha, where it is a VP8/VP9 stream with alpha_mode 1 and the build has one; else null. */
  static AVCodec decoder(AVStream st) {
    if (!announced(st)) {
      return null;
    }
    int codec = st.codecpar().codec_id();
    return codec == AV_CODEC_ID_VP9 ? found("libvpx-vp9") : codec == AV_CODEC_ID_VP8 ? found("libvpx") : null;
  }

  /** Whether this build decodes the alpha of a {@code codec} ("vp8", "vp9": FFmpeg's name) stream with alpha_mode 1. */
  public static boolean decodable(String codec) {
    Ffmpeg.init();
    return "vp9".equals(codec) ? found("libvpx-vp9") != null : "vp8".equals(codec) && found("libvpx") != null;
  }

  private static AVCodec found(String name) {
    AVCodec c = avcodec_find_decoder_by_name(name);
    return c == null || c.isNull() ? null : c;
  }
}
