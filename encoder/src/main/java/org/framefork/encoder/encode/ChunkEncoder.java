package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.encode.filter.FilterRun;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.plan.Chunk;

/**
 * Encodes one chunk into one segment file, with a decoder and an encoder of its own.
 *
 * <p>Its {@link VideoDecoder} decodes forward from the keyframe at or before the chunk (stepping
 * back when a seek lands late); it keeps exactly the frames whose presentation time falls in the
 * chunk and hands them to the encoder with their source time (the encoder's time base is the
 * source stream's). It runs in steps of a few frames so that the
 * concurrent mode can interleave chunks on one thread; a whole-chunk run is {@code while
 * (!finished()) step(n)}. Not thread-safe: one thread at a time, though any thread.
 *
 * <p>With a filter chain, each picture (as yuv420p) is copied into planes on the heap, filtered by
 * the chunk's own {@link FilterRun} and copied into a frame the encoder owns; the planes and the
 * frame are made once per chunk. The encoder's size is the chain's output size.
 */
public final class ChunkEncoder implements AutoCloseable {
  /** Segment container: Matroska holds all four codecs; exact times come back from the plan. */
  public static final String SEGMENT_MUXER = "matroska";

  private final Path source;
  private final int videoIndex;
  /** The chunk's current extent: a split (see {@link #truncate}) moves its end earlier. */
  private volatile Chunk chunk;
  /** Guards the chunk's end against a split while a frame is being taken. */
  private final Object endLock = new Object();
  /** Source time of the last frame handed to the encoder; guarded by endLock. */
  private long takenPts = Long.MIN_VALUE;
  /** Whether the chunk has met its end (its next frame belongs to the next chunk); guarded by endLock. */
  private boolean ending;
  private final EncodeSettings settings;
  private final Path segment;
  private final boolean seek;
  private final FilterSetup filters;

  private VideoDecoder decoder;
  private AVCodecContext enc;
  private AVFormatContext out;
  private AVStream outStream;
  private AVPacket outPkt;
  /** The decoded picture on the heap, for the filters; laid out like the first decoded picture. */
  private YuvFrame planes;
  private FilterRun filterRun;
  /** The filtered picture, handed to the encoder. */
  private AVFrame filtered;

  private boolean finished;
  /** The encoder has been told the input ended and is being drained, a step at a time. */
  private boolean flushing;
  private volatile int framesEncoded;
  /** Frames the encoder has put out (one packet each); behind framesEncoded by the encoder's delay. */
  private volatile int framesWritten;
  private long[] encodedPts = new long[64];
  private long bytes;

  /**
   * @param seek whether to seek to the chunk's keyframe; false decodes from the start of the file
   *     (slower, used on a retry when a seek landed wrong)
   */
  public ChunkEncoder(Path source, int videoIndex, Chunk chunk, EncodeSettings settings, Path segment, boolean seek) {
    this(source, videoIndex, chunk, settings, segment, seek, null);
  }

  /**
   * @param filters the job's filter chain, or null for none; this chunk starts its own run of it
   *     (a temporal filter starts fresh at the chunk's first frame)
   */
  public ChunkEncoder(Path source, int videoIndex, Chunk chunk, EncodeSettings settings, Path segment, boolean seek,
      FilterSetup filters) {
    this.source = source;
    this.videoIndex = videoIndex;
    this.chunk = chunk;
    this.settings = settings;
    this.segment = segment;
    this.seek = seek;
    this.filters = filters == null || filters.chain().isEmpty() ? null : filters;
  }

  public void open() {
    decoder = new VideoDecoder(source, DecoderOptions.defaults().withStream(videoIndex).withThreads(1));
    FrameStart first = new FrameStart(chunk.firstFrame(), chunk.startPts(), chunk.seekPts());
    decoder.startAt(first, seek ? ReadFrom.KEYFRAME : ReadFrom.FILE_START);
    AVStream st = decoder.stream();
    AVCodecParameters par = st.codecpar();

    out = new AVFormatContext(null);
    Ffmpeg.check(avformat_alloc_output_context2(out, null, SEGMENT_MUXER, segment.toString()), "segment muxer");

    AVCodec codec = avcodec_find_encoder_by_name(settings.codec().encoderName());
    if (codec == null || codec.isNull()) {
      throw new MediaException("this FFmpeg build has no " + settings.codec().encoderName() + " encoder");
    }
    enc = avcodec_alloc_context3(codec);
    FrameSize decoded = EncodedPicture.size(par.width(), par.height());
    decoder.scaleTo(decoded.width(), decoded.height());
    FrameSize encoded = decoded;
    if (filters != null) {
      filterRun = filters.start(decoded);
      encoded = filterRun.outputSize();
    }
    enc.width(encoded.width());
    enc.height(encoded.height());
    enc.pix_fmt(AV_PIX_FMT_YUV420P);
    enc.time_base(st.time_base());
    if (st.avg_frame_rate().num() > 0) {
      enc.framerate(st.avg_frame_rate());
    }
    Rational sar = EncodedPicture.sampleAspectRatio(Ffmpeg.sampleAspectRatio(st), decoded, encoded);
    enc.sample_aspect_ratio(Ffmpeg.rational(sar));
    enc.color_primaries(par.color_primaries());
    enc.color_trc(par.color_trc());
    enc.colorspace(EncodedPicture.colorspace(par));
    enc.color_range(EncodedPicture.colorRange(par));
    enc.chroma_sample_location(par.chroma_location());
    if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    AVDictionary opts = new AVDictionary(null);
    try {
      CodecOptions.apply(settings, enc, opts);
      Ffmpeg.check(avcodec_open2(enc, codec, opts), "open " + settings.codec().encoderName() + " encoder");
    } finally {
      av_dict_free(opts);
    }

    outStream = avformat_new_stream(out, null);
    Ffmpeg.check(avcodec_parameters_from_context(outStream.codecpar(), enc), "segment stream parameters");
    outStream.time_base(enc.time_base());
    // The container's record of the pixel shape: VP9 and AV1 streams carry none of their own
    // (H.264's and H.265's VUI do), so without it a non-square source would play stretched.
    outStream.sample_aspect_ratio(enc.sample_aspect_ratio());
    AVIOContext pb = new AVIOContext(null);
    Ffmpeg.check(avio_open(pb, Ffmpeg.url(segment), AVIO_FLAG_WRITE), segment + ": create");
    out.pb(pb);
    Ffmpeg.check(avformat_write_header(out, (AVDictionary) null), "segment header");

    outPkt = av_packet_alloc();
  }

  /**
   * Encodes up to {@code maxFrames} more frames of the chunk (fewer at its end).
   *
   * @return frames encoded by this call
   */
  public int step(int maxFrames) {
    return step(maxFrames, () -> false);
  }

  /**
   * Like {@link #step(int)}, but returns early, after the frame in hand, as soon as {@code stop}
   * says so: a cancelled job does not wait for the rest of a step.
   */
  public int step(int maxFrames, java.util.function.BooleanSupplier stop) {
    int before = framesEncoded;
    if (flushing && !finished && !stop.getAsBoolean()) {
      drainFlushing(maxFrames);
      return 0;
    }
    while (!finished && framesEncoded - before < maxFrames && !stop.getAsBoolean()) {
      if (flushing) {
        break; // the input is all in: the next step drains the encoder
      }
      if (framesEncoded > before && framesEncoded >= chunk.frameCount()) {
        break; // every frame taken: the caller hears of it before the encoder drains (see allTaken)
      }
      if (!decoder.next()) {
        finish(); // the end of the stream
        break;
      }
      take(decoder.picture(), decoder.pts());
    }
    return framesEncoded - before;
  }

  /** Encodes {@code f}, presented at {@code pts} (the decoder has skipped what precedes the chunk). */
  private void take(AVFrame f, long pts) {
    synchronized (endLock) {
      if (pts >= chunk.endPts()) {
        ending = true;
      } else {
        takenPts = pts;
      }
    }
    if (ending) {
      finish(); // the next chunk's first frame: this chunk is complete
      return;
    }
    if (framesEncoded == encodedPts.length) {
      encodedPts = java.util.Arrays.copyOf(encodedPts, framesEncoded * 2);
    }
    encodedPts[framesEncoded] = pts;
    AVFrame toEncode = f;
    if (filterRun != null) {
      toEncode = filter(toEncode);
    }
    toEncode.pts(pts);
    // The decoder's picture type would force the source's keyframes on the encoder: let it choose.
    toEncode.pict_type(AV_PICTURE_TYPE_NONE);
    Ffmpeg.check(avcodec_send_frame(enc, toEncode), "encode chunk " + chunk.index());
    framesEncoded++;
    drainEncoder();
  }

  /** Runs the chunk's filters on {@code f} (yuv420p) and returns the encoder's frame with the result. */
  private AVFrame filter(AVFrame f) {
    if (planes == null) {
      planes = FramePlanes.allocateLike(f);
      filtered = av_frame_alloc();
      filtered.format(AV_PIX_FMT_YUV420P);
      filtered.width(enc.width());
      filtered.height(enc.height());
      Ffmpeg.check(av_frame_get_buffer(filtered, 0), "frame buffer");
    }
    FramePlanes.copyIn(f, planes);
    YuvFrame out = filterRun.apply(planes);
    // The encoder may still hold a reference to the last picture: then this gets a fresh buffer.
    Ffmpeg.check(av_frame_make_writable(filtered), "frame buffer");
    FramePlanes.copyOut(out, filtered);
    filtered.pts(f.pts());
    return filtered;
  }

  /** Writes the packets the encoder has ready. */
  private void drainEncoder() {
    while (receivePacket()) {
      // each packet is written as it comes
    }
  }

  /** Writes one packet if the encoder has one ready; false when it needs input or has ended. */
  private boolean receivePacket() {
    int r = avcodec_receive_packet(enc, outPkt);
    if (Ffmpeg.isAgain(r) || Ffmpeg.isEof(r)) {
      return false;
    }
    Ffmpeg.check(r, "encode chunk " + chunk.index());
    try {
      outPkt.stream_index(0);
      av_packet_rescale_ts(outPkt, enc.time_base(), outStream.time_base());
      bytes += outPkt.size();
      framesWritten++;
      Ffmpeg.check(av_write_frame(out, outPkt), segment + ": write");
    } finally {
      av_packet_unref(outPkt);
    }
    return true;
  }

  /**
   * Tells the encoder that the chunk's frames are all in. An encoder with lookahead still holds
   * dozens of frames then; {@link #step} drains them a few at a time, so that the caller keeps
   * control (and can hear how far the chunk is) while they are encoded.
   */
  private void finish() {
    if (finished || flushing) {
      return;
    }
    synchronized (endLock) {
      ending = true; // from here on no split can move the end
    }
    Ffmpeg.check(avcodec_send_frame(enc, null), "flush encoder");
    flushing = true;
  }

  /** Drains up to {@code max} frames of a flushing encoder; writes the trailer after the last. */
  private void drainFlushing(int max) {
    for (int i = 0; i < max; i++) {
      if (!receivePacket()) {
        Ffmpeg.check(av_write_trailer(out), segment + ": finish");
        finished = true;
        return;
      }
    }
  }

  /** Whether the encoder has taken every frame of the chunk; what is left is draining it. */
  public boolean allTaken() {
    return framesEncoded >= chunk.frameCount();
  }

  public boolean finished() {
    return finished;
  }

  public int framesEncoded() {
    return framesEncoded;
  }

  /**
   * Frames the encoder has finished (written to the segment). An encoder with lookahead holds
   * dozens of frames it has taken before it puts them out: the work still to do on a chunk is its
   * frames less these, of which only the frames not yet {@linkplain #framesEncoded taken} can go to
   * another chunk.
   */
  public int framesWritten() {
    return framesWritten;
  }

  public long bytes() {
    return bytes;
  }

  /** Pictures the decoder could not decode, plus frames dropped for a missing, repeated or reordered time. */
  public int decodeErrors() {
    return decoder == null ? 0 : decoder.decodeErrors();
  }

  /** Source presentation times of the frames encoded so far, in order. */
  public long[] encodedPts() {
    return java.util.Arrays.copyOf(encodedPts, framesEncoded);
  }

  /** The chunk as it stands now: shorter than planned after a {@link #truncate split}. */
  public Chunk chunk() {
    return chunk;
  }

  /**
   * Moves the chunk's end earlier, to the frame at index {@code atFrame} presented at {@code atPts},
   * while the chunk runs on another thread: it then stops before that frame, and the frames from it
   * to the old end become another chunk's. Refused (null) when the encoder has already taken a
   * frame at or after {@code atPts}, or finished; otherwise {@code beforeApply} runs first (to save
   * the split where a resume finds it) while the encoder waits, and the shortened chunk is returned.
   */
  public Chunk truncate(int atFrame, long atPts, Runnable beforeApply) {
    synchronized (endLock) {
      Chunk c = chunk;
      if (ending || finished || atPts <= takenPts || atFrame <= c.firstFrame() || atFrame >= c.firstFrame() + c.frameCount()
          || atPts <= c.startPts() || atPts >= c.endPts()) {
        return null;
      }
      beforeApply.run();
      chunk = c.endingAt(atFrame, atPts);
      return chunk;
    }
  }

  /**
   * Throws when the finished segment does not hold exactly the planned frames, unless {@code
   * acceptDamage} and the difference comes from pictures the decoder reported as damaged: then the
   * segment keeps the frames that could be decoded, and {@link #encodedPts()} says which.
   */
  public void checkFrameCount(boolean acceptDamage) {
    if (!finished) {
      throw new ChunkMismatchException(chunk.index(), chunk.frameCount(), framesEncoded);
    }
    if (framesEncoded != chunk.frameCount() && !(acceptDamage && decodeErrors() > 0 && framesEncoded > 0)) {
      throw new ChunkMismatchException(chunk.index(), chunk.frameCount(), framesEncoded);
    }
  }

  @Override
  public void close() {
    if (filtered != null) {
      av_frame_free(filtered);
      filtered = null;
    }
    if (outPkt != null) {
      av_packet_free(outPkt);
      outPkt = null;
    }
    if (enc != null) {
      avcodec_free_context(enc);
      enc = null;
    }
    if (out != null) {
      if (out.pb() != null && !out.pb().isNull()) {
        avio_closep(out.pb());
      }
      avformat_free_context(out);
      out = null;
    }
    if (decoder != null) {
      decoder.close();
      decoder = null;
    }
  }
}
