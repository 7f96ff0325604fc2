package org.framefork.encoder.cluster;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.plan.Chunk;

/**
 * Copies the packets one chunk needs out of its source, without decoding: the video stream from
 * the keyframe at or before the chunk's first frame to the last packet a frame of the chunk can
 * depend on, into a small file of the source's own container type. A node decodes that file as the
 * chunk's own encoder would decode the source.
 *
 * <p>The small file must read back exactly as the source reads: the same time base, the same
 * presentation times and the stream properties the encoder copies (frame rate, pixel shape,
 * colours). {@link #cut} checks that by reading it back, and says so when it does not hold; the
 * caller then sends the whole source instead.
 */
final class SourceCut {
  private SourceCut() {}

  /** Why the last cut on this thread was refused (for the coordinator's one line). */
  static final ThreadLocal<String> WHY = new ThreadLocal<>();

  private static <T> T refuse(String why) {
    WHY.set(why);
    return null;
  }

  /** What a cut wrote: the file (its video stream is stream 0), its container's usual extension, its packets. */
  record Cut(Path file, String extension, int packets) {}

  /**
   * Writes {@code chunk}'s packets of stream {@code videoIndex} of {@code source} into {@code out}.
   *
   * @return the cut, or null when the small file would not read back as the source does
   */
  static Cut cut(Path source, int videoIndex, Chunk chunk, Path out) {
    Cut cut = cut(source, videoIndex, chunk, out, true);
    if (cut == null && !chunk.startsOnKeyframeAtStreamStart()) {
      // A demuxer may land late, or give the first packets after a seek no times (Matroska with
      // B-frames): read from the start instead (packets only, no decoding).
      cut = cut(source, videoIndex, chunk, out, false);
    }
    return cut;
  }

  private static Cut cut(Path source, int videoIndex, Chunk chunk, Path out, boolean seek) {
    WHY.remove();
    Ffmpeg.init();
    AVFormatContext in = new AVFormatContext(null);
    AVFormatContext o = null;
    AVPacket pkt = av_packet_alloc();
    boolean opened = false;
    List<Long> written = new ArrayList<>();
    StreamShape shape;
    String muxer;
    try {
      Ffmpeg.check(avformat_open_input(in, Ffmpeg.url(source), null, null), source + ": open");
      opened = true;
      Ffmpeg.check(avformat_find_stream_info(in, (PointerPointer<?>) null), source + ": stream info");
      AVStream st = in.streams(videoIndex);
      shape = StreamShape.of(st);
      muxer = muxerFor(in.iformat().name().getString());
      if (muxer == null) {
        return refuse("no muxer keeps " + in.iformat().name().getString() + "'s timing");
      }
      o = new AVFormatContext(null);
      writeHeader(o, st, muxer, out);
      if (!Rational.of(o.streams(0).time_base()).equals(Rational.of(st.time_base()))) {
        return refuse("the " + muxer + " muxer changes the time base"); // the muxer would change the times
      }
      String problem = copyPackets(in, o, pkt, videoIndex, chunk, seek, written);
      if (problem != null) {
        return refuse(problem);
      }
      Ffmpeg.check(av_write_trailer(o), out + ": finish");
    } catch (MediaException e) {
      return refuse(e.getMessage());
    } finally {
      av_packet_free(pkt);
      if (o != null) {
        if (o.pb() != null && !o.pb().isNull()) {
          avio_closep(o.pb());
        }
        avformat_free_context(o);
      }
      if (opened) {
        avformat_close_input(in);
      }
    }
    return readsBackAs(out, shape, written) ? new Cut(out, extensionOf(muxer), written.size()) : null;
  }

  /** The cut's one stream, with the source stream's parameters and clock, and its header. */
  private static void writeHeader(AVFormatContext o, AVStream st, String muxer, Path out) {
    Ffmpeg.check(avformat_alloc_output_context2(o, null, muxer, out.toString()), "cut muxer");
    AVStream os = avformat_new_stream(o, null);
    Ffmpeg.check(avcodec_parameters_copy(os.codecpar(), st.codecpar()), "cut stream parameters");
    // The muxer's own tag, never the output's hvc1: a copied HEVC stream may carry its parameter sets
    // in band, which hvc1 forbids (Ffmpeg.videoTag is for what our encoders wrote).
    os.codecpar().codec_tag(0);
    os.time_base(st.time_base());
    os.avg_frame_rate(st.avg_frame_rate());
    os.r_frame_rate(st.r_frame_rate());
    os.sample_aspect_ratio(st.sample_aspect_ratio());
    // A WebM VP8/VP9's alpha_mode tag too: its 1 tells the node's decoder that the blocks carry alpha
    // (SideAlpha). Only that tag: a MOV/MP4's timecode tag would make the MP4 muxer add a tmcd track.
    AVDictionaryEntry mode = av_dict_get(st.metadata(), "alpha_mode", null, 0);
    if (mode != null && !mode.isNull()) {
      AVDictionary tags = new AVDictionary(null);
      Ffmpeg.check(av_dict_set(tags, "alpha_mode", mode.value().getString(), 0), "cut stream tags");
      os.metadata(tags); // the output context frees it
    }
    AVIOContext pb = new AVIOContext(null);
    Ffmpeg.check(avio_open(pb, Ffmpeg.url(out), AVIO_FLAG_WRITE), out + ": create");
    o.pb(pb);
    AVDictionary opts = new AVDictionary(null);
    try {
      if (muxer.equals("mp4")) {
        // The track's clock and the movie's (its edit list's) both the source's: the default 1/1000
        // movie clock would round the chunk's start time.
        av_dict_set(opts, "video_track_timescale", Integer.toString(st.time_base().den()), 0);
        av_dict_set(opts, "movie_timescale", Integer.toString(st.time_base().den()), 0);
      }
      Ffmpeg.check(avformat_write_header(o, opts), "cut header");
    } finally {
      av_dict_free(opts);
    }
  }

  /**
   * Copies the video packets from the chunk's keyframe to past its end into {@code o}, their times
   * into {@code written}; returns why the cut cannot be made, or null.
   */
  private static String copyPackets(AVFormatContext in, AVFormatContext o, AVPacket pkt, int videoIndex, Chunk chunk,
      boolean seek, List<Long> written) {
    boolean fromStart = chunk.startsOnKeyframeAtStreamStart();
    if (!fromStart && seek) {
      Ffmpeg.check(av_seek_frame(in, videoIndex, chunk.seekPts(), AVSEEK_FLAG_BACKWARD), "seek");
    }
    boolean started = fromStart;
    int keysAfterEnd = 0;
    while (av_read_frame(in, pkt) >= 0) {
      try {
        if (pkt.stream_index() != videoIndex) {
          continue;
        }
        long pts = pkt.pts();
        if (pts == AV_NOPTS_VALUE) {
          return "a packet without a presentation time";
        }
        boolean key = (pkt.flags() & 1) != 0;
        if (!started) {
          if (pts > chunk.seekPts() && key) {
            return "the seek landed past the keyframe"; // let the node have the whole source
          }
          started = pts == chunk.seekPts() && key;
          if (!started) {
            continue;
          }
        }
        if (chunk.endPts() != Chunk.OPEN_END) {
          long dts = pkt.dts();
          // Every later packet is presented after its decode time: nothing of the chunk follows.
          if (dts != AV_NOPTS_VALUE && dts >= chunk.endPts()) {
            break;
          }
          if (dts == AV_NOPTS_VALUE && pts >= chunk.endPts() && key && ++keysAfterEnd >= 2) {
            break; // no decode times: a whole group past the end covers any reordering
          }
        }
        written.add(pts);
        pkt.stream_index(0);
        pkt.pos(-1);
        Ffmpeg.check(av_write_frame(o, pkt), "write");
      } finally {
        av_packet_unref(pkt);
      }
    }
    return started ? null : "the chunk's keyframe was not found";
  }

  /** The muxer that keeps a demuxer's timing: its own format (MP4's time scale is set to the source's). */
  static String muxerFor(String demuxer) {
    if (demuxer.startsWith("matroska")) {
      return "matroska";
    }
    if (demuxer.startsWith("mov")) {
      return "mp4";
    }
    if (demuxer.equals("mpegts")) {
      return "mpegts";
    }
    return null;
  }

  static String extensionOf(String muxer) {
    return switch (muxer) {
      case "matroska" -> "mkv";
      case "mpegts" -> "ts";
      default -> muxer;
    };
  }

  /**
   * What the chunk's encoder reads from its stream besides the pictures: with {@code alphaMode}, a
   * WebM VP8/VP9's alpha_mode 1, which picks the decoder that reads its alpha.
   */
  record StreamShape(Rational timeBase, Rational avgRate, Rational frameRate, Rational sar, int width, int height, int format,
      int primaries, int trc, int space, int range, int chroma, boolean alphaMode) {
    static StreamShape of(AVStream st) {
      AVCodecParameters p = st.codecpar();
      boolean alphaMode = org.framefork.encoder.media.SideAlpha.announced(st);
      return new StreamShape(Rational.of(st.time_base()), Rational.of(st.avg_frame_rate()), Ffmpeg.frameRate(st),
          Ffmpeg.sampleAspectRatio(st), p.width(), p.height(), p.format(), p.color_primaries(), p.color_trc(), p.color_space(),
          p.color_range(), p.chroma_location(), alphaMode);
    }
  }

  /** Whether {@code file} reads back with {@code shape} and exactly the presentation times written. */
  private static boolean readsBackAs(Path file, StreamShape shape, List<Long> written) {
    AVFormatContext in = new AVFormatContext(null);
    AVPacket pkt = av_packet_alloc();
    boolean opened = false;
    try {
      if (avformat_open_input(in, Ffmpeg.url(file), null, null) < 0) {
        WHY.set("the cut cannot be opened");
        return false;
      }
      opened = true;
      if (avformat_find_stream_info(in, (PointerPointer<?>) null) < 0) {
        WHY.set("the cut's stream info cannot be read");
        return false;
      }
      if (in.nb_streams() != 1) {
        WHY.set("the cut reads back with " + in.nb_streams() + " streams, not 1");
        return false;
      }
      StreamShape got = StreamShape.of(in.streams(0));
      if (!Objects.equals(got, shape)) {
        WHY.set("the cut reads back as " + got + ", not " + shape);
        return false;
      }
      int i = 0;
      while (av_read_frame(in, pkt) >= 0) {
        try {
          if (i >= written.size() || pkt.pts() != written.get(i)) {
            WHY.set("packet " + i + " reads back at " + pkt.pts() + ", not " + (i < written.size() ? written.get(i) : "(none)"));
            return false;
          }
          i++;
        } finally {
          av_packet_unref(pkt);
        }
      }
      if (i != written.size()) {
        WHY.set(i + " packets read back, not " + written.size());
      }
      return i == written.size();
    } finally {
      av_packet_free(pkt);
      if (opened) {
        avformat_close_input(in);
      }
    }
  }
}
