package org.framefork.bench.pipeline;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;

/**
 * Decodes a file's first video stream, frame by frame in presentation order, into 4:2:0 planes that
 * the engine's kernels read. For SSIM without the system ffmpeg; 8-bit 4:2:0 video only (what
 * libx264 writes here), anything else is refused with a message rather than converted.
 */
final class YuvFileReader implements AutoCloseable {
  private final Path file;
  private final AVFormatContext in = new AVFormatContext(null);
  private AVCodecContext dec;
  private AVPacket pkt;
  private AVFrame frame;
  private int stream = -1;
  private boolean opened;
  private boolean inputDone;

  YuvFileReader(Path file) {
    this.file = file;
    Ffmpeg.init();
    Ffmpeg.check(avformat_open_input(in, Ffmpeg.url(file), null, null), file + ": open");
    opened = true;
    Ffmpeg.check(avformat_find_stream_info(in, (PointerPointer<?>) null), file + ": stream info");
    for (int i = 0; i < in.nb_streams(); i++) {
      if (in.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
        stream = i;
        break;
      }
    }
    if (stream < 0) {
      throw new MediaException(file + ": no video stream");
    }
    AVCodec codec = avcodec_find_decoder(in.streams(stream).codecpar().codec_id());
    dec = avcodec_alloc_context3(codec);
    Ffmpeg.check(avcodec_parameters_to_context(dec, in.streams(stream).codecpar()), "decoder parameters");
    Ffmpeg.check(avcodec_open2(dec, codec, (AVDictionary) null), file + ": open decoder");
    pkt = av_packet_alloc();
    frame = av_frame_alloc();
  }

  int width() {
    return dec.width();
  }

  int height() {
    return dec.height();
  }

  /** Decodes the next frame into {@code into}; false at the end of the stream. */
  boolean next(YuvFrame into) {
    while (true) {
      int r = avcodec_receive_frame(dec, frame);
      if (r >= 0) {
        try {
          copy(frame, into);
        } finally {
          av_frame_unref(frame);
        }
        return true;
      }
      if (Ffmpeg.isEof(r)) {
        return false;
      }
      if (!Ffmpeg.isAgain(r)) {
        Ffmpeg.check(r, file + ": decode");
      }
      if (inputDone) {
        return false;
      }
      feed();
    }
  }

  private void feed() {
    while (true) {
      int r = av_read_frame(in, pkt);
      if (r < 0) {
        inputDone = true;
        avcodec_send_packet(dec, null);
        return;
      }
      try {
        if (pkt.stream_index() == stream) {
          avcodec_send_packet(dec, pkt);
          return;
        }
      } finally {
        av_packet_unref(pkt);
      }
    }
  }

  private void copy(AVFrame f, YuvFrame into) {
    if (f.format() != AV_PIX_FMT_YUV420P && f.format() != AV_PIX_FMT_YUVJ420P) {
      throw new MediaException(file + ": pixel format " + f.format() + " is not 8-bit 4:2:0; SSIM needs the system ffmpeg");
    }
    for (int i = 0; i < 3; i++) {
      Plane p = into.plane(i);
      int stride = f.linesize(i);
      org.bytedeco.javacpp.BytePointer data = f.data(i);
      for (int y = 0; y < p.height(); y++) {
        data.position((long) y * stride).get(p.data(), p.rowStart(y), p.width());
      }
      data.position(0);
    }
  }

  @Override
  public void close() {
    if (frame != null) {
      av_frame_free(frame);
    }
    if (pkt != null) {
      av_packet_free(pkt);
    }
    if (dec != null) {
      avcodec_free_context(dec);
    }
    if (opened) {
      avformat_close_input(in);
    }
  }
}
