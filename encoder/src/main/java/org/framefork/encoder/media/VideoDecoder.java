package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG2_FAST;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The engine's one decode loop: decodes one video stream, in presentation order, into yuv420p
 * pictures (yuv420p10le when asked for 10 bits) of a chosen size (the stream's own unless asked otherwise), each with its presentation
 * time. What the chunk encoder, the scene analysis, the quality check and {@code compare} read.
 *
 * <p>{@link #next()} returns the next picture or false at the end; a picture stays valid until the
 * next call. {@link #startAt(FrameStart, ReadFrom)} reads from one frame of the stream exactly: it
 * seeks to the keyframe at or before it and skips what comes before it. When a seek lands late
 * (MPEG-TS and other formats without an index seek by estimate), it seeks again 1, 2 and 4 seconds
 * further back, then reads the file from its start. Frames without a time, or with a time that does
 * not move forward (only damaged input has them), are skipped and counted in {@link
 * #decodeErrors()}. Not thread-safe.
 */
public final class VideoDecoder implements PictureSource {
  private final Path file;
  private final DecoderOptions options;
  private int streamIndex;
  private AVFormatContext in;
  private boolean opened;
  private AVCodecContext dec;
  private AVPacket pkt;
  private AVFrame frame;
  private PictureConverter converter;
  /** What pictures with alpha are composited over (null: their alpha is dropped). */
  private Background background;
  /** Whether full-range pictures are handed out in limited range (see {@link #toLimitedRange}). */
  private boolean limitedRange;
  private AVFrame picture;
  private long pts;
  private long lastPts;
  /** The time of the last picture decoded since the last seek, read or skipped. */
  private long lastSeen = Long.MIN_VALUE;
  private long from = Long.MIN_VALUE;
  /** Where the last {@link #startAt} sought to, and how often it has stepped back since. */
  private long seekPts;
  private int retreats;
  private boolean landingUnchecked;
  private boolean inputDone;
  private boolean flushSent;
  private int decodeErrors;
  /** One frame's time at the stream's nominal rate, in its time base; 0 when the stream gives none. */
  private long frameTicks;
  private int width;
  private int height;
  private int depth;

  public VideoDecoder(Path file, DecoderOptions options) {
    this.file = file;
    this.options = options;
    this.streamIndex = options.streamIndex();
    this.width = options.width();
    this.height = options.height();
    this.depth = options.depth();
    try {
      openInput();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The whole stream at its own size, with FFmpeg's choice of threads. */
  public static VideoDecoder open(Path file) {
    return new VideoDecoder(file, DecoderOptions.defaults());
  }

  private void openInput() {
    Ffmpeg.init();
    in = new AVFormatContext(null);
    Ffmpeg.check(avformat_open_input(in, Ffmpeg.url(file), null, null), file + ": open");
    opened = true;
    Ffmpeg.check(avformat_find_stream_info(in, (PointerPointer<?>) null), file + ": stream info");
    if (streamIndex < 0) {
      streamIndex = firstVideoStream();
    }
    for (int i = 0; i < in.nb_streams(); i++) {
      if (i != streamIndex) {
        in.streams(i).discard(AVDISCARD_ALL);
      }
    }
    AVStream vst = in.streams(streamIndex);
    frameTicks = Ffmpeg.frameRate(vst).ticksPerFrame(Rational.of(vst.time_base()));
    AVCodecParameters par = vst.codecpar();
    openCodec(par, vst);
    if (width <= 0 || height <= 0) {
      width = par.width();
      height = par.height();
    }
    if (converter == null) {
      converter = new PictureConverter(width, height, depth, background);
    }
    if (pkt == null) {
      pkt = av_packet_alloc();
      frame = av_frame_alloc();
    }
    inputDone = false;
    flushSent = false;
    lastPts = Long.MIN_VALUE;
  }

  private int firstVideoStream() {
    for (int i = 0; i < in.nb_streams(); i++) {
      AVStream st = in.streams(i);
      if (st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
        return i;
      }
    }
    throw new MediaException(file + ": no video stream");
  }

  private void openCodec(AVCodecParameters par, AVStream vst) {
    // A WebM VP8/VP9 stream's alpha, asked for (--alpha-over), takes libvpx's decoder, which reads it.
    AVCodec decoder = options.sideAlpha() ? SideAlpha.decoder(vst) : null;
    decoder = decoder != null ? decoder : avcodec_find_decoder(par.codec_id());
    if (decoder == null || decoder.isNull()) {
      throw new MediaException(file + ": no decoder for its video codec");
    }
    dec = avcodec_alloc_context3(decoder);
    Ffmpeg.check(avcodec_parameters_to_context(dec, par), "decoder parameters");
    dec.pkt_timebase(vst.time_base());
    dec.thread_count(options.threads());
    if (options.accuracy() == DecoderOptions.Accuracy.FAST) {
      dec.skip_loop_filter(AVDISCARD_ALL);
      dec.flags2(dec.flags2() | AV_CODEC_FLAG2_FAST);
    }
    Ffmpeg.check(avcodec_open2(dec, decoder, (AVDictionary) null), file + ": open decoder");
  }

  public int streamIndex() {
    return streamIndex;
  }

  /** Width of the pictures handed out. */
  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public Rational timeBase() {
    return Rational.of(in.streams(streamIndex).time_base());
  }

  /**
   * The stream being decoded (its parameters, time base and rates); owned by this decoder, and valid
   * until the first {@link #next()} (a late seek may reopen the file): read what is needed before.
   */
  public AVStream stream() {
    return in.streams(streamIndex);
  }

  /**
   * Hands out pictures of {@code width x height} and {@code depth} bits a sample (8 or 10); call it
   * before the first {@link #next()}.
   */
  public void convertTo(int width, int height, int depth) {
    if (width == this.width && height == this.height && depth == this.depth) {
      return;
    }
    this.width = width;
    this.height = height;
    this.depth = depth;
    remakeConverter();
  }

  /** Composites pictures with alpha over {@code background} (see {@link PictureConverter}); call it before the first {@link #next()}. */
  @Override
  public void compositeOver(Background background) {
    this.background = background;
    remakeConverter();
  }

  private void remakeConverter() {
    converter.close();
    converter = new PictureConverter(width, height, depth, background);
    if (limitedRange) {
      converter.toLimitedRange();
    }
  }

  /**
   * Hands out full-range pictures converted to limited range (see {@link
   * PictureConverter#toLimitedRange}); call it before the first {@link #next()}.
   */
  public void toLimitedRange() {
    limitedRange = true;
    converter.toLimitedRange();
  }

  /**
   * Reads from frame {@code start} on, exactly: from its keyframe (seeking there, unless it is the
   * stream's first frame) or from the start of the file, skipping the frames presented before it.
   */
  public void startAt(FrameStart start, ReadFrom readFrom) {
    if (readFrom == ReadFrom.KEYFRAME && !start.atStreamStart()) {
      startAt(start.keyframePts(), start.pts());
    } else {
      from = start.pts(); // reads on from where the decoder is, the start of the file
    }
  }

  /**
   * Reads from {@code firstPts} on: seeks to {@code keyframePts} (the keyframe at or before it)
   * and lets {@link #next()} skip the frames presented before {@code firstPts}. For a read that
   * may start at the stream's first frame, {@link #startAt(FrameStart, ReadFrom)} says it better.
   */
  public void startAt(long keyframePts, long firstPts) {
    from = firstPts;
    if (firstPts == Long.MIN_VALUE) {
      return;
    }
    seekPts = keyframePts;
    retreats = 0;
    Ffmpeg.check(seekTo(keyframePts), file + ": seek");
  }

  /**
   * BACKWARD: land on the keyframe at or before {@code pts}, never after it (if the demuxer can).
   * Returns FFmpeg's result; on a failure the decoder is where it was.
   */
  private int seekTo(long pts) {
    int r = av_seek_frame(in, streamIndex, pts, AVSEEK_FLAG_BACKWARD);
    if (r < 0) {
      return r;
    }
    avcodec_flush_buffers(dec);
    inputDone = false;
    flushSent = false;
    lastPts = Long.MIN_VALUE;
    lastSeen = Long.MIN_VALUE;
    landingUnchecked = true;
    return r;
  }

  /**
   * Decodes the next picture (presentation order; frames without a time or with a time that does
   * not move forward, which only damaged input has, are skipped).
   *
   * @return false at the end of the stream
   */
  public boolean next() {
    while (true) {
      av_frame_unref(frame);
      int r = avcodec_receive_frame(dec, frame);
      if (r >= 0) {
        if (keep(timeOf(frame))) {
          picture = converter.toEncoded(frame);
          return true;
        }
        continue;
      }
      if (Ffmpeg.isEof(r)) {
        if (!landingUnchecked) {
          return false;
        }
        landingUnchecked = false;
        retreat(); // the seek landed past every frame of the stream
        continue;
      }
      if (!Ffmpeg.isAgain(r)) {
        decodeErrors++;
        continue;
      }
      feed();
    }
  }

  /** The presentation time of decoded picture {@code f}, or {@code AV_NOPTS_VALUE} when it has none. */
  private long timeOf(AVFrame f) {
    long t = f.best_effort_timestamp();
    if (t == AV_NOPTS_VALUE) {
      t = f.pts();
    }
    if (t == AV_NOPTS_VALUE && flushSent && lastSeen != Long.MIN_VALUE && frameTicks > 0) {
      // A picture the decoder puts out at the end without a time, after one it gave a time
      // (the last pictures of an AVI or MPEG-PS file with B-frames, whose packets carry decode
      // times only): the next frame at the stream's rate, as the probe's index has it. Only at
      // the end: in the middle, a picture without a time is damage, and is skipped.
      t = lastSeen + frameTicks;
    }
    if (t != AV_NOPTS_VALUE) {
      lastSeen = t; // also before the range read: a chunk of the last few frames needs it
    }
    return t;
  }

  /**
   * Whether the picture presented at {@code t} is handed out; if not it is skipped, counted as an
   * error when damaged, or tells that a seek landed late (and steps back).
   */
  private boolean keep(long t) {
    if (t == AV_NOPTS_VALUE) {
      if (lastPts != Long.MIN_VALUE) {
        decodeErrors++; // inside the range read; before it, a frame without a time is only skipped
      }
      return false;
    }
    if (landingUnchecked) {
      landingUnchecked = false;
      if (t > from) {
        retreat();
        return false;
      }
    }
    if (t < from) {
      return false;
    }
    if (t <= lastPts) {
      decodeErrors++;
      return false;
    }
    lastPts = t;
    pts = t;
    return true;
  }

  private void feed() {
    if (inputDone) {
      if (!flushSent) {
        avcodec_send_packet(dec, null);
        flushSent = true;
      }
      return;
    }
    while (true) {
      int r = av_read_frame(in, pkt);
      if (r < 0) {
        inputDone = true;
        avcodec_send_packet(dec, null);
        flushSent = true;
        return;
      }
      try {
        if (pkt.stream_index() != streamIndex) {
          continue;
        }
        r = avcodec_send_packet(dec, pkt);
        if (r < 0 && !Ffmpeg.isAgain(r)) {
          decodeErrors++;
        }
        return;
      } finally {
        av_packet_unref(pkt);
      }
    }
  }

  /**
   * A seek landed after the first wanted frame: seek again 1, 2, then 4 seconds before the keyframe
   * (checking each landing), and after that read the file again from its start.
   */
  private void retreat() {
    retreats++;
    if (retreats <= 3) {
      AVStream st = in.streams(streamIndex);
      long second = Math.max(1, st.time_base().den() / Math.max(1, st.time_base().num()));
      if (seekTo(seekPts - (second << (retreats - 1))) >= 0) {
        return;
      }
      retreats = 4; // a demuxer that cannot seek there: read from the start
    }
    restartFromTheBeginning();
  }

  /** How many times the last {@link #startAt} seek landed late and stepped back (4: read from the start). */
  int retreats() {
    return retreats;
  }

  /** Reads the file again from its start: no seek, so nothing can land late. */
  private void restartFromTheBeginning() {
    avcodec_free_context(dec);
    dec = null;
    avformat_close_input(in);
    opened = false;
    lastSeen = Long.MIN_VALUE;
    openInput();
  }

  /** Presentation time of the current picture, in {@link #timeBase()}. */
  public long pts() {
    return pts;
  }

  /** The current picture: yuv420p (or yuv420p10le, see {@link DecoderOptions#depth()}), {@link #width()} x {@link #height()}; valid until the next call. */
  public AVFrame picture() {
    return picture;
  }

  /**
   * The current picture as the decoder gave it, before any conversion, with its side data (HDR
   * metadata, for one); valid until the next call.
   */
  public AVFrame decoded() {
    return frame;
  }

  /** Packets the decoder refused and frames it returned without a usable time. */
  public int decodeErrors() {
    return decodeErrors;
  }

  @Override
  public void close() {
    frame = Ffmpeg.free(frame, avutil::av_frame_free);
    pkt = Ffmpeg.free(pkt, avcodec::av_packet_free);
    converter = Ffmpeg.free(converter, PictureConverter::close);
    dec = Ffmpeg.free(dec, avcodec::avcodec_free_context);
    if (in != null) {
      if (opened) {
        avformat_close_input(in);
      }
      in = null;
    }
  }
}
