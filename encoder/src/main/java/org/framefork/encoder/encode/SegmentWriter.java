package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_RECON_FRAME;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
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
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import java.util.function.ObjLongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.NoRealtime;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Rational;

/**
 * The encoder and muxer of one chunk's segment file: it takes pictures with their source time (its
 * time base is the source stream's), writes each packet as the encoder puts it out, and ends the
 * file with its trailer. Not thread-safe, except that {@link #packetsWritten()} may be read from
 * any thread.
 */
final class SegmentWriter implements AutoCloseable {
  /** Segment container: Matroska holds all four codecs; exact times come back from the plan. */
  private static final String MUXER = "matroska";

  private final Path segment;
  /** What the encoder's errors name: "encode chunk N". */
  private final String encodeStep;
  private AVFormatContext out;
  private AVCodecContext enc;
  private AVStream outStream;
  private AVPacket pkt;
  private volatile int packetsWritten;
  private long bytes;
  /**
   * Takes the picture the encoder reconstructed for each packet just written (valid during the
   * call) with the packet's pts, in the packets' (coded) order; null: none is asked for.
   */
  private final ObjLongConsumer<AVFrame> reconstructed;
  private AVFrame recon;

  /**
   * Opens the encoder for pictures of {@code encoded} size made from those of {@code source}, of
   * pixel shape {@code sar} (the source's as the filters leave it, see {@link
   * ChunkInput#sampleAspectRatio}), and writes the segment's header.
   */
  SegmentWriter(Path segment, int chunkIndex, EncodeSettings settings, AVStream source, FrameSize encoded,
      Rational sar) {
    this(segment, chunkIndex, settings, source, encoded, sar, null);
  }

  /**
   * As above; with {@code reconstructed}, the encoder (one that can, see {@link
   * ProbeEncoder#reconstructs}) also hands back each packet's picture as decoded. Its packets are
   * the same either way.
   */
  SegmentWriter(Path segment, int chunkIndex, EncodeSettings settings, AVStream source, FrameSize encoded,
      Rational sar, ObjLongConsumer<AVFrame> reconstructed) {
    this.segment = segment;
    this.reconstructed = reconstructed;
    this.encodeStep = "encode chunk " + chunkIndex;
    try {
      out = new AVFormatContext(null);
      Ffmpeg.check(avformat_alloc_output_context2(out, null, MUXER, segment.toString()), "segment muxer");
      openEncoder(settings, source, encoded, sar);
      openStream(settings.picture());
      pkt = av_packet_alloc();
      recon = reconstructed == null ? null : av_frame_alloc();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void openEncoder(EncodeSettings settings, AVStream source, FrameSize encoded, Rational sar) {
    AVCodec codec = avcodec_find_encoder_by_name(settings.codec().encoderName());
    if (codec == null || codec.isNull()) {
      throw new MediaException("this FFmpeg build has no " + settings.codec().encoderName() + " encoder");
    }
    enc = avcodec_alloc_context3(codec);
    enc.width(encoded.width());
    enc.height(encoded.height());
    enc.pix_fmt(settings.picture().pixelFormat());
    enc.time_base(source.time_base());
    if (source.avg_frame_rate().num() > 0) {
      enc.framerate(source.avg_frame_rate());
    }
    enc.sample_aspect_ratio(Ffmpeg.rational(sar));
    AVCodecParameters par = source.codecpar();
    EncodedPicture.Colours colours = EncodedPicture.colours(par, settings.picture());
    enc.color_primaries(colours.primaries());
    enc.color_trc(colours.transfer());
    enc.colorspace(colours.space());
    enc.color_range(colours.range());
    enc.chroma_sample_location(par.chroma_location());
    if ((out.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    if (reconstructed != null) {
      enc.flags(enc.flags() | AV_CODEC_FLAG_RECON_FRAME);
    }
    AVDictionary opts = new AVDictionary(null);
    try {
      CodecOptions.apply(settings, enc, opts);
      // As root, SVT-AV1 would make this thread and its own real-time (SCHED_FIFO 99).
      NoRealtime.dropForThisThread();
      Ffmpeg.check(avcodec_open2(enc, codec, opts), "open " + settings.codec().encoderName() + " encoder");
    } finally {
      av_dict_free(opts);
    }
  }

  /**
   * Adds the segment's one stream, as the encoder makes it, with the picture's HDR metadata (which
   * the joiner carries into the output's container), creates the file and writes its header.
   */
  private void openStream(PictureFormat picture) {
    outStream = avformat_new_stream(out, null);
    Ffmpeg.check(avcodec_parameters_from_context(outStream.codecpar(), enc), "segment stream parameters");
    if (picture.outputHdr() != null) {
      picture.outputHdr().addTo(outStream.codecpar());
    }
    outStream.time_base(enc.time_base());
    // The container's record of the pixel shape: VP9 and AV1 streams carry none of their own
    // (H.264's and H.265's VUI do), so without it a non-square source would play stretched.
    outStream.sample_aspect_ratio(enc.sample_aspect_ratio());
    AVIOContext pb = new AVIOContext(null);
    Ffmpeg.check(avio_open(pb, Ffmpeg.url(segment), AVIO_FLAG_WRITE), segment + ": create");
    out.pb(pb);
    Ffmpeg.check(avformat_write_header(out, (AVDictionary) null), "segment header");
  }

  /** Hands {@code picture} (its pts set) to the encoder. */
  void send(AVFrame picture) {
    Ffmpeg.check(avcodec_send_frame(enc, picture), encodeStep);
  }

  /** Writes the packets the encoder has ready. */
  void writeReady() {
    while (writeNext()) {
      // each packet is written as it comes
    }
  }

  /** Writes one packet if the encoder has one ready; false when it needs input or has ended. */
  boolean writeNext() {
    int r = avcodec_receive_packet(enc, pkt);
    if (Ffmpeg.isAgain(r) || Ffmpeg.isEof(r)) {
      return false;
    }
    Ffmpeg.check(r, encodeStep);
    long pts = pkt.pts();
    try {
      pkt.stream_index(0);
      av_packet_rescale_ts(pkt, enc.time_base(), outStream.time_base());
      bytes += pkt.size();
      packetsWritten++;
      Ffmpeg.check(av_write_frame(out, pkt), segment + ": write");
    } finally {
      av_packet_unref(pkt);
    }
    if (reconstructed != null) {
      // One picture per packet, taken before the next packet replaces it.
      Ffmpeg.check(avcodec_receive_frame(enc, recon), encodeStep + ": reconstructed picture");
      try {
        reconstructed.accept(recon, pts);
      } finally {
        av_frame_unref(recon);
      }
    }
    return true;
  }

  /** Tells the encoder that its pictures are all in: {@link #writeNext()} drains what it holds. */
  void endInput() {
    Ffmpeg.check(avcodec_send_frame(enc, null), "flush encoder");
  }

  /** Ends the file, once the encoder is drained. */
  void writeTrailer() {
    Ffmpeg.check(av_write_trailer(out), segment + ": finish");
  }

  /** Packets written, one per frame the encoder has finished. */
  int packetsWritten() {
    return packetsWritten;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    pkt = Ffmpeg.free(pkt, avcodec::av_packet_free);
    recon = Ffmpeg.free(recon, avutil::av_frame_free);
    enc = Ffmpeg.free(enc, avcodec::avcodec_free_context);
    if (out != null) {
      if (out.pb() != null && !out.pb().isNull()) {
        avio_closep(out.pb());
      }
      avformat_free_context(out);
      out = null;
    }
  }
}
