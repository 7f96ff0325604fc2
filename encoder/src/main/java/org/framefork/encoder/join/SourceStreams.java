package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.av_get_bits_per_sample;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_shrink_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.Rational;

/** Copied streams of the source file (audio, subtitles), read in file order. */
final class SourceStreams extends PacketSource {
  final AVFormatContext ctx = new AVFormatContext(null);
  /** Per source stream, the output stream it is copied to; null for one left out. */
  private final AVStream[] map;
  private final SubtitleConverter[] converters;
  private final long[] lastDts;
  /** Where the source's video ends, in its own timeline (seconds). */
  private final double videoEndSeconds;
  /** Seconds added to every packet's times (an image sequence's audio file moves to its first picture). */
  private final double shiftSeconds;
  /** Whether packets the source marks discarded are left out (the output cannot hide them). */
  private final boolean dropDiscarded;
  /** Packets of copied streams left out because damage in the source broke them. */
  int dropped;

  /**
   * @param videoEndSeconds where the video ends, in the file's own timeline
   * @param shiftSeconds added to every packet's times (0 for a video's own streams)
   * @param dropDiscarded whether to leave out packets the source marks discarded (an output that
   *     has no edit list to hide them)
   */
  SourceStreams(Path source, double videoEndSeconds, double shiftSeconds, boolean dropDiscarded) {
    this.videoEndSeconds = videoEndSeconds;
    this.dropDiscarded = dropDiscarded;
    this.shiftSeconds = shiftSeconds;
    Ffmpeg.check(avformat_open_input(ctx, Ffmpeg.url(source), null, null), source + ": open");
    Ffmpeg.check(avformat_find_stream_info(ctx, (PointerPointer<?>) null), source + ": stream info");
    map = new AVStream[ctx.nb_streams()];
    converters = new SubtitleConverter[ctx.nb_streams()];
    lastDts = new long[ctx.nb_streams()];
    Arrays.fill(lastDts, Long.MIN_VALUE);
  }

  /** Time base units of stream {@code si} from {@code t} to the end of the video (at least 1). */
  private long endOfSource(int si, long t) {
    Rational tb = Rational.of(ctx.streams(si).time_base());
    return Math.max(1, Math.round(videoEndSeconds / tb.toDouble()) - t);
  }

  void map(int sourceIndex, AVStream out) {
    map(sourceIndex, out, null);
  }

  /** @param converter turns the stream's packets into the output's subtitle format; null copies them */
  void map(int sourceIndex, AVStream out, SubtitleConverter converter) {
    map[sourceIndex] = out;
    converters[sourceIndex] = converter;
  }

  @Override
  void writeHead(AVFormatContext out) {
    int r = av_interleaved_write_frame(out, head);
    has = false;
    // A damaged packet that the muxer's bitstream filter cannot parse (ADTS to MP4, say) is left
    // out; errors of the output itself (disk full, I/O) still fail the job.
    if (r == AVERROR_INVALIDDATA || r == AVERROR_PATCHWELCOME || r == -22 /* EINVAL */) {
      dropped++;
      av_packet_unref(head);
      return;
    }
    Ffmpeg.check(r, "write output");
  }

  @Override
  void advance() {
    while (av_read_frame(ctx, head) >= 0) {
      int si = head.stream_index();
      AVStream ost = si < map.length ? map[si] : null;
      if (ost == null || (dropDiscarded && hidden(head, ctx.streams(si)))) {
        av_packet_unref(head);
        continue;
      }
      AVRational itb = ctx.streams(si).time_base();
      long t = head.dts() != AV_NOPTS_VALUE ? head.dts() : head.pts();
      // A muxer refuses a packet without a time or one that goes back in time: in a sound file
      // neither happens, in a damaged one the packet is skipped rather than the whole output lost.
      // Subtitle cues may share a time (two speakers, a sign and a line of dialogue).
      boolean subtitle = ctx.streams(si).codecpar().codec_type() == AVMEDIA_TYPE_SUBTITLE;
      if (t == AV_NOPTS_VALUE || t < lastDts[si] || (t == lastDts[si] && !subtitle)) {
        dropped++;
        av_packet_unref(head);
        continue;
      }
      lastDts[si] = t;
      if (subtitle && (head.duration() < 0 || head.duration() > endOfSource(si, t))) {
        // A cue "until further notice" (FFmpeg's DVD subtitle encoder writes 2^32-1 ms): until
        // the end, which the MP4 muxer takes where it refuses the raw figure.
        head.duration(endOfSource(si, t));
      }
      SubtitleConverter.Result converted = converters[si] == null ? null : converters[si].convert(head);
      if (converted != null && converted != SubtitleConverter.Result.CONVERTED) {
        if (converted == SubtitleConverter.Result.FAILED) {
          dropped++; // a cue that would not convert (an empty one, or MP4's gap filler, is no cue and no loss)
        }
        av_packet_unref(head);
        continue;
      }
      shift(head, Rational.of(itb), shiftSeconds);
      headSeconds = Rational.of(itb).seconds(t) + shiftSeconds;
      head.stream_index(ost.index());
      head.pos(-1);
      av_packet_rescale_ts(head, itb, ost.time_base());
      has = true;
      return;
    }
    has = false;
  }

  /**
   * PCM is cut to the sample: the packet keeps the samples before {@code endSeconds}, its duration
   * says how long they last. Any other copied codec's packet is one coded frame, kept whole.
   */
  @Override
  boolean cutAt(double endSeconds, AVStream ost) {
    AVCodecParameters par = ost.codecpar();
    int bytesPerSample = av_get_bits_per_sample(par.codec_id()) / 8;
    int channels = par.ch_layout().nb_channels();
    if (!avcodec_get_name(par.codec_id()).getString().startsWith("pcm_") || bytesPerSample <= 0 || channels <= 0
        || par.sample_rate() <= 0) {
      return false;
    }
    long samples = Math.max(1, Math.round((endSeconds - headSeconds) * par.sample_rate()));
    long bytes = samples * bytesPerSample * channels;
    if (bytes >= head.size()) {
      return true; // no sample past the end: only its rounded times reach past it
    }
    av_shrink_packet(head, (int) bytes);
    head.duration(av_rescale_q(samples, av_make_q(1, par.sample_rate()), ost.time_base()));
    return true;
  }

  /**
   * Whether a packet is one the source marks discarded and that ends more than a packet before the
   * stream starts: those a stream copy's edit list hides (the half second before its -ss). MP4
   * hides them again by an edit list, Matroska would play them, so they are left out there; the
   * last one before the start stays, as the priming it is (AAC's 1024 samples, dropped by an MP4
   * decoder, decoded from Matroska) and what the first heard packet overlaps with.
   */
  private static boolean hidden(AVPacket pkt, AVStream st) {
    if ((pkt.flags() & AV_PKT_FLAG_DISCARD) == 0 || pkt.pts() == AV_NOPTS_VALUE || pkt.duration() <= 0) {
      return false;
    }
    long start = st.start_time() != AV_NOPTS_VALUE ? st.start_time() : 0;
    return pkt.pts() + 2 * pkt.duration() <= start;
  }

  @Override
  public void close() {
    for (SubtitleConverter c : converters) {
      if (c != null) {
        c.close();
      }
    }
    avformat_close_input(ctx);
    super.close();
  }
}
