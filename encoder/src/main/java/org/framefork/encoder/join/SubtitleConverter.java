package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MOV_TEXT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_SUBRIP;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_WEBVTT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_TEXT_SUB;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_decode_subtitle2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_encode_subtitle;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;

/**
 * Converts a text subtitle stream (SubRip, ASS, WebVTT, MP4's timed text) into the text format a
 * container holds when it cannot hold the source's own: MP4 takes {@code mov_text}, Matroska
 * {@code subrip}, WebM {@code webvtt}. Cue by cue, as FFmpeg's command line does it: decode to FFmpeg's subtitle form,
 * encode again, same times. Bitmap subtitles (DVD, Blu-ray) cannot be converted to text.
 */
final class SubtitleConverter implements AutoCloseable {
  private static final int MAX_CUE_BYTES = 1 << 16;

  private final AVCodecContext dec;
  private final AVCodecContext enc;
  private final AVSubtitle sub = new AVSubtitle();
  private final BytePointer buf = new BytePointer(MAX_CUE_BYTES);
  private final String name;

  /** The converter for {@code in} into {@code format}, or null when its subtitles are not text or there is no text format to convert to. */
  static SubtitleConverter forStream(AVStream in, AVOutputFormat format) {
    AVCodecDescriptor d = avcodec_descriptor_get(in.codecpar().codec_id());
    if (d == null || d.isNull() || (d.props() & AV_CODEC_PROP_TEXT_SUB) == 0) {
      return null;
    }
    // MP4's own, then SubRip (what most players read in Matroska), then WebVTT (WebM's only one).
    for (int target : new int[] {AV_CODEC_ID_MOV_TEXT, AV_CODEC_ID_SUBRIP, AV_CODEC_ID_WEBVTT}) {
      if (avformat_query_codec(format, target, FF_COMPLIANCE_NORMAL) == 1) {
        AVCodec decoder = avcodec_find_decoder(in.codecpar().codec_id());
        AVCodec encoder = avcodec_find_encoder(target);
        if (decoder == null || decoder.isNull() || encoder == null || encoder.isNull()) {
          return null;
        }
        return new SubtitleConverter(in, decoder, encoder);
      }
    }
    return null;
  }

  private SubtitleConverter(AVStream in, AVCodec decoder, AVCodec encoder) {
    name = encoder.name().getString();
    dec = avcodec_alloc_context3(decoder);
    enc = avcodec_alloc_context3(encoder);
    try {
      Ffmpeg.check(avcodec_parameters_to_context(dec, in.codecpar()), "subtitle decoder parameters");
      dec.pkt_timebase(in.time_base());
      Ffmpeg.check(avcodec_open2(dec, decoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "open subtitle decoder");
      enc.time_base(in.time_base());
      // The text encoders read the styles from the decoder's ASS header (FFmpeg's command line
      // hands it over the same way); the context frees it, so it is FFmpeg's memory.
      int size = dec.subtitle_header_size();
      if (dec.subtitle_header() != null && size > 0) {
        BytePointer header = new BytePointer(av_malloc(size + 1L)).capacity(size + 1L);
        Pointer.memcpy(header, dec.subtitle_header(), size);
        header.put(size, (byte) 0);
        enc.subtitle_header(header);
        enc.subtitle_header_size(size);
      }
      Ffmpeg.check(avcodec_open2(enc, encoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "open " + name + " encoder");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The encoder's codec name: what the output stream holds. */
  String target() {
    return name;
  }

  /** The output stream's parameters. */
  void parameters(AVCodecParameters out) {
    Ffmpeg.check(avcodec_parameters_from_context(out, enc), "subtitle parameters");
  }

  /** What {@link #convert} made of a packet. */
  enum Result {
    /** The packet now holds the cue in the target format. */
    CONVERTED,
    /**
     * The packet holds no text: the gap filler MP4 muxers write between cues, or an empty cue that
     * ends the one before. Nothing is lost by leaving it out.
     */
    EMPTY,
    /** The cue would not decode or encode: damaged. */
    FAILED
  }

  /**
   * Replaces {@code pkt}'s cue with the same cue in the target format, keeping its times; the
   * caller leaves out a packet that is not {@link Result#CONVERTED}.
   */
  Result convert(AVPacket pkt) {
    int[] got = new int[1];
    int r = avcodec_decode_subtitle2(dec, sub, got, pkt);
    if (r < 0) {
      return Result.FAILED;
    }
    if (got[0] == 0) {
      // Nothing decoded: fine for MP4's 2-byte gap filler or an empty packet, damage otherwise.
      return pkt.size() <= 2 ? Result.EMPTY : Result.FAILED;
    }
    try {
      if (sub.num_rects() == 0) {
        return Result.EMPTY;
      }
      int n = avcodec_encode_subtitle(enc, buf, MAX_CUE_BYTES, sub);
      if (n <= 0) {
        return Result.FAILED;
      }
      long pts = pkt.pts();
      long dts = pkt.dts();
      long duration = pkt.duration();
      int stream = pkt.stream_index();
      int flags = pkt.flags();
      av_packet_unref(pkt);
      if (av_new_packet(pkt, n) < 0) {
        throw new MediaException("out of memory for a subtitle cue");
      }
      Pointer.memcpy(pkt.data(), buf, n);
      pkt.pts(pts);
      pkt.dts(dts != AV_NOPTS_VALUE ? dts : pts);
      pkt.duration(duration);
      pkt.stream_index(stream);
      pkt.flags(flags);
      return Result.CONVERTED;
    } finally {
      avsubtitle_free(sub);
    }
  }

  @Override
  public void close() {
    if (dec != null) {
      avcodec_free_context(dec);
    }
    if (enc != null) {
      avcodec_free_context(enc);
    }
    buf.close();
    sub.close();
  }
}
