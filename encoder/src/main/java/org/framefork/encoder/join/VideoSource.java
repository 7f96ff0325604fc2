package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.Rational;

/** The segments' packets, one segment after another, with exact times from the timeline. */
final class VideoSource extends PacketSource {
  private final List<Path> segments;
  private final Timeline timeline;
  /** The source's video time base, the timeline's. */
  private final Rational timeBase;
  private final AVStream outStream;
  private int segment = -1;
  private int packet;
  private AVFormatContext ctx;
  long written;

  VideoSource(List<Path> segments, Timeline timeline, Rational timeBase, AVStream outStream) {
    this.segments = segments;
    this.timeline = timeline;
    this.timeBase = timeBase;
    this.outStream = outStream;
  }

  AVStream outStream() {
    return outStream;
  }

  AVCodecParameters firstSegmentParameters() {
    openSegment(0);
    return ctx.streams(0).codecpar();
  }

  /** The first segment's pixel shape (see {@link Ffmpeg#sampleAspectRatio}). */
  Rational firstSegmentAspectRatio() {
    openSegment(0);
    return Ffmpeg.sampleAspectRatio(ctx.streams(0));
  }

  private void openSegment(int k) {
    closeSegment();
    ctx = new AVFormatContext(null);
    Ffmpeg.check(avformat_open_input(ctx, Ffmpeg.url(segments.get(k)), null, null), segments.get(k) + ": open segment");
    Ffmpeg.check(avformat_find_stream_info(ctx, (PointerPointer<?>) null), segments.get(k) + ": segment info");
    segment = k;
    packet = 0;
  }

  private void closeSegment() {
    if (ctx != null) {
      avformat_close_input(ctx);
      ctx = null;
    }
  }

  @Override
  void advance() {
    while (segment < segments.size()) {
      if (ctx != null && av_read_frame(ctx, head) >= 0) {
        head.stream_index(outStream.index());
        head.pts(timeline.pts()[segment][packet]);
        head.dts(timeline.dts()[segment][packet]);
        head.duration(timeline.duration()[segment][packet]);
        head.pos(-1);
        packet++;
        headSeconds = timeBase.seconds(head.dts());
        av_packet_rescale_ts(head, Ffmpeg.rational(timeBase), outStream.time_base());
        has = true;
        written++;
        return;
      }
      if (segment + 1 >= segments.size()) {
        closeSegment();
        segment = segments.size();
        break;
      }
      openSegment(segment + 1);
    }
    has = false;
  }

  @Override
  public void close() {
    closeSegment();
    super.close();
  }
}
