package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.Rational;

/** An audio stream encoded to a file of its own, shifted to start where the source stream did. */
final class EncodedAudioSource extends PacketSource {
  private final AVFormatContext ctx = new AVFormatContext(null);
  private final AVStream ost;
  private final double offsetSeconds;
  /** The packet after {@link #head}: a packet lasts until the next one starts. */
  private final AVPacket next = av_packet_alloc();
  private boolean hasNext;
  private boolean started;
  private long lastDuration;

  EncodedAudioSource(Path file, double offsetSeconds, AVStream ost) {
    this.ost = ost;
    this.offsetSeconds = offsetSeconds;
    Ffmpeg.check(avformat_open_input(ctx, Ffmpeg.url(file), null, null), file + ": open");
    Ffmpeg.check(avformat_find_stream_info(ctx, (PointerPointer<?>) null), file + ": stream info");
  }

  AVCodecParameters parameters() {
    return ctx.streams(0).codecpar();
  }

  AVRational timeBase() {
    return ctx.streams(0).time_base();
  }

  private boolean read(AVPacket p) {
    while (av_read_frame(ctx, p) >= 0) {
      if (p.stream_index() == 0) {
        return true;
      }
      av_packet_unref(p);
    }
    return false;
  }

  @Override
  void advance() {
    if (!started) {
      hasNext = read(next);
      started = true;
    }
    if (!hasNext) {
      has = false;
      return;
    }
    av_packet_move_ref(head, next);
    hasNext = read(next);
    // Each packet lasts until the next one starts: the demuxer's duration field is not reliable
    // here (FFmpeg 8 reads Opus-in-Matroska durations in samples, not in the time base).
    if (hasNext && next.pts() != AV_NOPTS_VALUE && head.pts() != AV_NOPTS_VALUE) {
      lastDuration = next.pts() - head.pts();
    }
    head.duration(lastDuration);
    AVRational itb = ctx.streams(0).time_base();
    Rational tb = Rational.of(itb);
    shift(head, tb, offsetSeconds);
    long t = head.dts() != AV_NOPTS_VALUE ? head.dts() : head.pts();
    headSeconds = t == AV_NOPTS_VALUE ? 0 : tb.seconds(t);
    head.stream_index(ost.index());
    head.pos(-1);
    av_packet_rescale_ts(head, itb, ost.time_base());
    has = true;
  }

  /**
   * The encoder was given the samples up to {@code endSeconds} and no more ({@link
   * AudioTranscoder#transcode}): what the last packet holds past them is its padding, so the packet
   * lasts to there.
   */
  @Override
  boolean cutAt(double endSeconds, AVStream ost) {
    head.duration(Math.max(1, Math.round((endSeconds - headSeconds) / Rational.of(ost.time_base()).toDouble())));
    return true;
  }

  @Override
  public void close() {
    av_packet_free(next);
    avformat_close_input(ctx);
    super.close();
  }
}
