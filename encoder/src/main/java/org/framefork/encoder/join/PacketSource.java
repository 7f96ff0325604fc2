package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.Rational;

/**
 * One input of the join: its next packet ({@link #head}), ready for the output stream, and that
 * packet's decode time in seconds, by which the joiner merges the sources.
 */
abstract class PacketSource implements AutoCloseable {
  final AVPacket head = av_packet_alloc();
  boolean has;
  double headSeconds;

  boolean hasHead() {
    return has;
  }

  double headSeconds() {
    return headSeconds;
  }

  /** Reads the next packet into {@link #head}, or sets {@link #has} false when there is none. */
  abstract void advance();

  /**
   * Where {@link #head}, an audio packet for {@code ost}, ends, in seconds of the output's timeline:
   * its start and its duration, or where the packet says none (an MP3 file's), its codec's frame.
   */
  double headEndSeconds(AVStream ost) {
    if (head.duration() > 0) {
      return headSeconds + head.duration() * Rational.of(ost.time_base()).toDouble();
    }
    int frame = ost.codecpar().frame_size();
    int rate = ost.codecpar().sample_rate();
    return headSeconds + (frame > 0 && rate > 0 ? (double) frame / rate : 0);
  }

  /**
   * Cuts {@link #head}, which starts before {@code endSeconds} and ends after it, at {@code
   * endSeconds} where its stream can be cut there (to the sample; unchanged where it holds no sample
   * past it, its rounded times only reaching past); false, and unchanged, where it cannot (a copied
   * packet of a compressed codec is one frame of sound: it is kept whole).
   *
   * @param ost the output stream the packet goes to (its time base is the packet's)
   */
  boolean cutAt(double endSeconds, AVStream ost) {
    return false;
  }

  /** Moves {@code p}'s times by {@code seconds}, in its stream's time base {@code tb} (unset times stay unset). */
  static void shift(AVPacket p, Rational tb, double seconds) {
    long by = Math.round(seconds / tb.toDouble());
    if (by == 0) {
      return;
    }
    if (p.pts() != AV_NOPTS_VALUE) {
      p.pts(p.pts() + by);
    }
    if (p.dts() != AV_NOPTS_VALUE) {
      p.dts(p.dts() + by);
    }
  }

  void writeHead(AVFormatContext out) {
    Ffmpeg.check(av_interleaved_write_frame(out, head), "write output");
    has = false;
  }

  @Override
  public void close() {
    av_packet_free(head);
  }
}
