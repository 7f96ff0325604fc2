package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.framefork.encoder.media.Ffmpeg;

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

  void writeHead(AVFormatContext out) {
    Ffmpeg.check(av_interleaved_write_frame(out, head), "write output");
    has = false;
  }

  @Override
  public void close() {
    av_packet_free(head);
  }
}
