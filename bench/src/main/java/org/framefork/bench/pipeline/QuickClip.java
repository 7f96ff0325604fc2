package org.framefork.bench.pipeline;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
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
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.media.Ffmpeg;

/**
 * The start of a video as a file of its own, for {@code --quick}: the packets before the first video
 * keyframe at or after N seconds, copied (no re-encode), with the audio up to the same time. Cutting
 * just before a keyframe, in decode order, leaves every copied frame decodable and the source's own
 * keyframes, so the engine plans the clip as it plans the whole video.
 */
final class QuickClip {
  private QuickClip() {}

  /** Writes the first {@code seconds} (to the next keyframe) of {@code input} to {@code output}. */
  static Path cut(Path input, double seconds, Path output) {
    Ffmpeg.init();
    double cut = findCut(input, seconds);
    copy(input, cut, output);
    return output;
  }

  /** Presentation time of the first video keyframe at or after {@code seconds}; infinite if none. */
  private static double findCut(Path input, double seconds) {
    AVFormatContext in = open(input);
    AVPacket pkt = av_packet_alloc();
    try {
      int video = firstStream(in, AVMEDIA_TYPE_VIDEO);
      boolean first = true;
      while (av_read_frame(in, pkt) >= 0) {
        try {
          if (pkt.stream_index() != video || (pkt.flags() & AV_PKT_FLAG_KEY) == 0) {
            continue;
          }
          double t = time(in.streams(video), pkt);
          if (!first && t >= seconds) {
            return t;
          }
          first = false;
        } finally {
          av_packet_unref(pkt);
        }
      }
      return Double.POSITIVE_INFINITY;
    } finally {
      av_packet_free(pkt);
      avformat_close_input(in);
    }
  }

  /** Copies the video up to the first keyframe at or after {@code cut}, and the audio up to {@code cut}, into {@code output}. */
  private static void copy(Path input, double cut, Path output) {
    AVFormatContext in = open(input);
    AVFormatContext out = new AVFormatContext(null);
    AVPacket pkt = av_packet_alloc();
    boolean outAllocated = false;
    try {
      Ffmpeg.check(avformat_alloc_output_context2(out, null, null, output.toString()), output + ": muxer");
      outAllocated = true;
      int video = firstStream(in, AVMEDIA_TYPE_VIDEO);
      int[] map = addStreams(in, out, video);
      if ((out.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        Ffmpeg.check(avio_open(pb, Ffmpeg.url(output), AVIO_FLAG_WRITE), output + ": create");
        out.pb(pb);
      }
      Ffmpeg.check(avformat_write_header(out, (AVDictionary) null), output + ": header");
      copyPackets(in, out, pkt, map, video, cut, output);
      Ffmpeg.check(av_write_trailer(out), output + ": trailer");
    } finally {
      av_packet_free(pkt);
      avformat_close_input(in);
      if (outAllocated) {
        if (out.pb() != null && !out.pb().isNull()) {
          avio_closep(out.pb());
        }
        avformat_free_context(out);
      }
    }
  }

  /** An output stream for the video and each audio stream; returns each input stream's output index, -1 for the dropped. */
  private static int[] addStreams(AVFormatContext in, AVFormatContext out, int video) {
    int[] map = new int[in.nb_streams()];
    int next = 0;
    for (int i = 0; i < in.nb_streams(); i++) {
      int type = in.streams(i).codecpar().codec_type();
      if (i == video || type == AVMEDIA_TYPE_AUDIO) {
        AVStream os = avformat_new_stream(out, null);
        Ffmpeg.check(avcodec_parameters_copy(os.codecpar(), in.streams(i).codecpar()), "stream parameters");
        os.codecpar().codec_tag(0);
        os.time_base(in.streams(i).time_base());
        map[i] = next++;
      } else {
        map[i] = -1;
      }
    }
    return map;
  }

  private static void copyPackets(AVFormatContext in, AVFormatContext out, AVPacket pkt, int[] map, int video, double cut,
      Path output) {
    boolean videoDone = false;
    while (av_read_frame(in, pkt) >= 0) {
      try {
        int s = pkt.stream_index();
        if (map[s] < 0) {
          continue;
        }
        double t = time(in.streams(s), pkt);
        if (s == video) {
          // Decode order: everything before the cut keyframe refers only to frames before it.
          if (videoDone || ((pkt.flags() & AV_PKT_FLAG_KEY) != 0 && t >= cut)) {
            videoDone = true;
            continue;
          }
        } else if (t >= cut) {
          continue;
        }
        av_packet_rescale_ts(pkt, in.streams(s).time_base(), out.streams(map[s]).time_base());
        pkt.stream_index(map[s]);
        pkt.pos(-1);
        Ffmpeg.check(av_interleaved_write_frame(out, pkt), output + ": write");
      } finally {
        av_packet_unref(pkt);
      }
    }
  }

  private static AVFormatContext open(Path input) {
    AVFormatContext in = new AVFormatContext(null);
    Ffmpeg.check(avformat_open_input(in, Ffmpeg.url(input), null, null), input + ": open");
    Ffmpeg.check(avformat_find_stream_info(in, (PointerPointer<?>) null), input + ": stream info");
    return in;
  }

  private static int firstStream(AVFormatContext in, int type) {
    for (int i = 0; i < in.nb_streams(); i++) {
      if (in.streams(i).codecpar().codec_type() == type) {
        return i;
      }
    }
    throw new IllegalArgumentException(in.url() == null ? "no video stream" : in.url().getString() + ": no video stream");
  }

  private static double time(AVStream st, AVPacket pkt) {
    long ts = pkt.pts() != AV_NOPTS_VALUE ? pkt.pts() : pkt.dts();
    return ts * (double) st.time_base().num() / st.time_base().den();
  }
}
