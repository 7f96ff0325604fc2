package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.nio.file.Path;
import java.util.OptionalDouble;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;

/**
 * When an audio stream's first sample is heard: the time of the first frame its decoder puts out.
 * That is not its first packet's time when the codec primes: AAC starts 1024 samples early (21 ms
 * at 48 kHz, 128 ms at 8 kHz), Opus 312, and the decoder drops them. Sync is between what is heard
 * and what is seen, so audio is placed and checked by this time.
 */
public final class AudioStart {
  private AudioStart() {}

  /** Decodes at most this many packets looking for the first frame. */
  private static final int MAX_PACKETS = 256;

  /** Seconds, in the file's own timeline; empty when the stream does not decode. */
  public static OptionalDouble of(Path file, int streamIndex) {
    First f = first(file, streamIndex);
    return f == null ? OptionalDouble.empty() : OptionalDouble.of(f.frame());
  }

  /**
   * When the stream's content is heard: its first decoded sample, plus the codec's priming where the
   * file does not tell the decoder to drop it. An MP4 edit list (or Matroska's CodecDelay) has the
   * decoder skip AAC's 1024 priming samples; AAC in Matroska says nothing, so they are decoded and
   * played (encoder start-up, not the source's sound) and the content comes 21 ms (at 48 kHz) later.
   * Two files holding the same sound in sync give the same time, however each signals its priming.
   */
  public static OptionalDouble content(Path file, int streamIndex) {
    First f = first(file, streamIndex);
    if (f == null) {
      return OptionalDouble.empty();
    }
    double skipped = Double.isNaN(f.packet()) ? 0 : Math.max(0, f.frame() - f.packet());
    return OptionalDouble.of(f.frame() + Math.max(0, f.priming() - skipped));
  }

  /**
   * @param frame the first decoded frame's time
   * @param packet the stream's first packet's time (NaN when it has none)
   * @param priming the samples the codec puts before the sound, in seconds
   */
  private record First(double frame, double packet, double priming) {}

  private static First first(Path file, int streamIndex) {
    Ffmpeg.init();
    AVFormatContext fmt = new AVFormatContext(null);
    if (avformat_open_input(fmt, Ffmpeg.url(file), null, null) < 0) {
      return null;
    }
    AVCodecContext dec = null;
    try {
      if (avformat_find_stream_info(fmt, (PointerPointer<?>) null) < 0 || streamIndex < 0 || streamIndex >= fmt.nb_streams()) {
        return null;
      }
      for (int i = 0; i < fmt.nb_streams(); i++) {
        if (i != streamIndex) {
          fmt.streams(i).discard(AVDISCARD_ALL);
        }
      }
      AVStream st = fmt.streams(streamIndex);
      AVCodec codec = avcodec_find_decoder(st.codecpar().codec_id());
      if (codec == null || codec.isNull()) {
        return null;
      }
      dec = avcodec_alloc_context3(codec);
      if (avcodec_parameters_to_context(dec, st.codecpar()) < 0) {
        return null;
      }
      dec.pkt_timebase(st.time_base());
      if (avcodec_open2(dec, codec, (AVDictionary) null) < 0) {
        return null;
      }
      return decodeFirst(fmt, dec, streamIndex, Rational.of(st.time_base()), priming(st.codecpar()));
    } finally {
      if (dec != null) {
        avcodec_free_context(dec);
      }
      avformat_close_input(fmt);
    }
  }

  /**
   * The codec's priming: what the file declares (Opus's pre-skip, an encoder's initial padding),
   * else AAC's one frame (1024 samples; 2048 for HE-AAC, whose frames are that long), else none.
   */
  private static double priming(AVCodecParameters par) {
    int rate = par.sample_rate();
    if (rate <= 0) {
      return 0;
    }
    long samples = par.initial_padding() > 0 ? par.initial_padding()
        : par.codec_id() == AV_CODEC_ID_AAC ? (par.frame_size() > 0 ? par.frame_size() : 1024) : 0;
    return (double) samples / rate;
  }

  private static First decodeFirst(AVFormatContext fmt, AVCodecContext dec, int streamIndex, Rational tb, double priming) {
    AVPacket pkt = av_packet_alloc();
    AVFrame frame = av_frame_alloc();
    try {
      double packet = Double.NaN;
      for (int n = 0; n < MAX_PACKETS && av_read_frame(fmt, pkt) >= 0; n++) {
        try {
          if (pkt.stream_index() != streamIndex) {
            continue;
          }
          if (Double.isNaN(packet) && pkt.pts() != AV_NOPTS_VALUE) {
            packet = tb.seconds(pkt.pts());
          }
          if (avcodec_send_packet(dec, pkt) < 0) {
            continue;
          }
        } finally {
          av_packet_unref(pkt);
        }
        if (avcodec_receive_frame(dec, frame) >= 0) {
          return first(frame, tb, packet, priming);
        }
      }
      // A short stream, or a decoder that holds frames back: what it has comes out when flushed.
      avcodec_send_packet(dec, null);
      return avcodec_receive_frame(dec, frame) >= 0 ? first(frame, tb, packet, priming) : null;
    } finally {
      av_frame_free(frame);
      av_packet_free(pkt);
    }
  }

  private static First first(AVFrame frame, Rational tb, double packet, double priming) {
    OptionalDouble t = time(frame, tb);
    return t.isPresent() ? new First(t.getAsDouble(), packet, priming) : null;
  }

  private static OptionalDouble time(AVFrame frame, Rational tb) {
    long t = frame.best_effort_timestamp() != AV_NOPTS_VALUE ? frame.best_effort_timestamp() : frame.pts();
    return t == AV_NOPTS_VALUE ? OptionalDouble.empty() : OptionalDouble.of(tb.seconds(t));
  }
}
