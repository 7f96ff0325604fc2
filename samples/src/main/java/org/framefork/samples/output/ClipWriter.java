package org.framefork.samples.output;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.framefork.encoder.encode.X264InstructionSets;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Rational;
import org.framefork.samples.picture.YuvPicture;
import org.framefork.samples.sound.ToneTrack;

/**
 * Encodes and muxes a sample clip through FFmpeg's C API. It is used rather than JavaCV's
 * {@code FFmpegFrameRecorder} because the samples need two things the recorder does not offer:
 * a keyframe forced on chosen frames (every scene cut), and YUV planes handed to the encoder as
 * they are, with exact timestamps for both streams.
 *
 * <p>Not thread-safe; {@link #close()} frees every native object, finished or not.
 */
public final class ClipWriter implements AutoCloseable {
  private static final int AUDIO_BIT_RATE = 160_000;

  private AVFormatContext format;
  private AVCodecContext video;
  private AVCodecContext audio;
  private AVStream videoStream;
  private AVStream audioStream;
  private AVFrame picture;
  private AVFrame samples;
  private AVPacket packet;
  private float[] left;
  private float[] right;
  private boolean finished;
  private boolean inMemory;

  private ClipWriter() {}

  /**
   * Opens {@code file} for writing in the container that {@code containerName}'s extension names
   * (the file itself may be a temporary name).
   */
  public static ClipWriter open(Path file, String containerName, int width, int height, Rational fps,
      VideoSettings settings, boolean withAudio) {
    Ffmpeg.init();
    ClipWriter w = new ClipWriter();
    try {
      w.openContainer(file, containerName);
      w.openVideo(width, height, fps, settings);
      if (withAudio) {
        w.openAudio();
      }
      w.writeHeader();
      return w;
    } catch (RuntimeException e) {
      w.close();
      throw e;
    }
  }

  /**
   * Opens the encoders and writes the container's header into memory, then frees them: throws
   * {@link MediaException}, in a sentence, for what writing the clip would refuse (an encoder
   * option, a container that cannot hold the codec), before anything is rendered or written.
   */
  public static void check(String containerName, int width, int height, Rational fps, VideoSettings settings,
      boolean withAudio) {
    Ffmpeg.init();
    try (ClipWriter w = new ClipWriter()) {
      w.openContainer(null, containerName);
      w.openVideo(width, height, fps, settings);
      if (withAudio) {
        w.openAudio();
      }
      try {
        w.writeHeader();
      } catch (MediaException e) {
        String ext = w.format.oformat().extensions().getString().split(",")[0];
        throw new MediaException("a ." + ext + " file cannot hold " + settings.encoder() + " video"
            + (withAudio ? " with AAC audio" : "") + "; use .mp4 or .mkv, or another --codec", e);
      }
    }
  }

  /** {@code file} null: into memory, for {@link #check}. */
  private void openContainer(Path file, String containerName) {
    AVOutputFormat guessed = av_guess_format(null, containerName, null);
    if (guessed == null || guessed.isNull()) {
      throw new MediaException(containerName + ": cannot tell the container from the file name; end it in .mp4, .mkv or .mov");
    }
    format = new AVFormatContext(null);
    Ffmpeg.check(avformat_alloc_output_context2(format, guessed, (String) null, file == null ? containerName : file.toString()), "container for " + containerName);
    AVIOContext io = new AVIOContext(null);
    if (file == null) {
      Ffmpeg.check(avio_open_dyn_buf(io), "memory for the header");
      inMemory = true;
    } else {
      Ffmpeg.check(avio_open(io, Ffmpeg.url(file), AVIO_FLAG_WRITE), "cannot write " + file);
    }
    format.pb(io);
    packet = av_packet_alloc();
  }

  private void openVideo(int width, int height, Rational fps, VideoSettings s) {
    AVCodec codec = avcodec_find_encoder_by_name(s.encoder());
    if (codec == null || codec.isNull()) {
      throw new MediaException("this FFmpeg build has no encoder named '" + s.encoder() + "' (try libx264)");
    }
    refuseIfContainerCannotHold(codec.id(), s.encoder() + " video", "use .mp4, .mkv or .mov");
    video = avcodec_alloc_context3(codec);
    video.width(width);
    video.height(height);
    video.pix_fmt(AV_PIX_FMT_YUV420P);
    video.time_base(av_make_q((int) fps.den(), (int) fps.num()));
    video.framerate(av_make_q((int) fps.num(), (int) fps.den()));
    video.gop_size(s.gop());
    video.bit_rate(0); // quality from CRF alone: libvpx would otherwise cap it at FFmpeg's default bitrate
    video.thread_count(s.threads());
    video.color_range(AVCOL_RANGE_MPEG);
    video.colorspace(AVCOL_SPC_BT709);
    video.color_primaries(AVCOL_PRI_BT709);
    video.color_trc(AVCOL_TRC_BT709);
    if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      video.flags(video.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    AVDictionary options = new AVDictionary(null);
    try {
      av_dict_set(options, "crf", Integer.toString(s.crf()), 0);
      if (s.preset() != null) {
        av_dict_set(options, "preset", s.preset(), 0);
      }
      // Keyframes are placed by the script alone: forced ones become IDR frames, and the
      // encoder's own scene-cut detection is off so that it adds none of its own.
      switch (s.encoder()) {
        case "libx264" -> {
          av_dict_set(options, "forced-idr", "1", 0);
          // The same SIMD functions on every machine, and never the AVX-512 ones, which read
          // memory x264 never wrote: see X264InstructionSets.
          String asm = X264InstructionSets.forThisMachine();
          av_dict_set(options, "x264-params", "scenecut=0" + (asm == null ? "" : ":asm=" + asm), 0);
        }
        case "libx265" -> {
          av_dict_set(options, "forced-idr", "1", 0);
          av_dict_set(options, "x265-params", "scenecut=0:log-level=error", 0);
        }
        default -> { }
      }
      Ffmpeg.check(avcodec_open2(video, codec, options), "cannot open encoder " + s.encoder());
      List<String> unused = keys(options);
      if (!unused.isEmpty()) {
        throw new MediaException("encoder " + s.encoder() + " does not take option(s) " + String.join(", ", unused));
      }
    } finally {
      av_dict_free(options);
    }
    videoStream = avformat_new_stream(format, null);
    Ffmpeg.check(avcodec_parameters_from_context(videoStream.codecpar(), video), "video stream parameters");
    videoStream.codecpar().codec_tag(Ffmpeg.videoTag(format.oformat().name().getString(), codec.id()));
    videoStream.time_base(video.time_base());
    videoStream.avg_frame_rate(video.framerate());
    picture = av_frame_alloc();
    picture.format(AV_PIX_FMT_YUV420P);
    picture.width(width);
    picture.height(height);
    Ffmpeg.check(av_frame_get_buffer(picture, 0), "picture buffer");
  }

  private void openAudio() {
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (codec == null || codec.isNull()) {
      throw new MediaException("this FFmpeg build has no AAC encoder");
    }
    refuseIfContainerCannotHold(codec.id(), "AAC audio", "use .mp4, .mkv or .mov, or --no-audio");
    audio = avcodec_alloc_context3(codec);
    audio.sample_fmt(AV_SAMPLE_FMT_FLTP);
    audio.sample_rate(ToneTrack.SAMPLE_RATE);
    av_channel_layout_default(audio.ch_layout(), 2);
    audio.bit_rate(AUDIO_BIT_RATE);
    audio.time_base(av_make_q(1, ToneTrack.SAMPLE_RATE));
    if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      audio.flags(audio.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    Ffmpeg.check(avcodec_open2(audio, codec, (AVDictionary) null), "cannot open the AAC encoder");
    audioStream = avformat_new_stream(format, null);
    Ffmpeg.check(avcodec_parameters_from_context(audioStream.codecpar(), audio), "audio stream parameters");
    audioStream.time_base(audio.time_base());
    samples = av_frame_alloc();
    samples.format(AV_SAMPLE_FMT_FLTP);
    samples.nb_samples(audio.frame_size());
    samples.sample_rate(ToneTrack.SAMPLE_RATE);
    Ffmpeg.check(av_channel_layout_copy(samples.ch_layout(), audio.ch_layout()), "audio layout");
    Ffmpeg.check(av_frame_get_buffer(samples, 0), "audio buffer");
    left = new float[audio.frame_size()];
    right = new float[audio.frame_size()];
  }

  /** Says so in a sentence, instead of the muxer's "Invalid argument" when the header is written. */
  private void refuseIfContainerCannotHold(int codecId, String what, String advice) {
    if (avformat_query_codec(format.oformat(), codecId, FF_COMPLIANCE_NORMAL) == 0) {
      throw new MediaException("a ." + format.oformat().extensions().getString().split(",")[0]
          + " file cannot hold " + what + "; " + advice);
    }
  }

  private void writeHeader() {
    AVDictionary options = new AVDictionary(null);
    try {
      // Moves the index to the front of an mp4/mov so that players can start before the end
      // arrives; other muxers ignore the option.
      av_dict_set(options, "movflags", "+faststart", 0);
      Ffmpeg.check(avformat_write_header(format, options), "cannot write the container header");
    } finally {
      av_dict_free(options);
    }
  }

  private static List<String> keys(AVDictionary dictionary) {
    List<String> keys = new ArrayList<>();
    AVDictionaryEntry entry = null;
    while ((entry = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX)) != null && !entry.isNull()) {
      keys.add(entry.key().getString());
    }
    return keys;
  }

  /** Encodes frame {@code index}; {@code keyframe} forces it to be an IDR frame. */
  public void writePicture(YuvPicture pic, long index, boolean keyframe) {
    Ffmpeg.check(av_frame_make_writable(picture), "picture buffer");
    copyPlane(pic.y(), pic.width(), pic.height(), picture.data(0), picture.linesize(0));
    copyPlane(pic.u(), pic.chromaWidth(), pic.chromaHeight(), picture.data(1), picture.linesize(1));
    copyPlane(pic.v(), pic.chromaWidth(), pic.chromaHeight(), picture.data(2), picture.linesize(2));
    picture.pts(index);
    picture.duration(1);
    picture.pict_type(keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
    Ffmpeg.check(avcodec_send_frame(video, picture), "video encoder");
    drain(video, videoStream);
  }

  private static void copyPlane(byte[] plane, int width, int height, BytePointer dst, int linesize) {
    if (linesize == width) {
      dst.position(0).put(plane, 0, width * height);
      return;
    }
    for (int r = 0; r < height; r++) {
      dst.position((long) r * linesize).put(plane, r * width, width);
    }
  }

  /** Encodes the track's sound up to (at least) sample {@code until}, in whole encoder frames. */
  public void writeSoundUntil(ToneTrack track, long until) {
    if (audio == null) {
      return;
    }
    while (track.position() < Math.min(until, track.totalSamples())) {
      long pts = track.position();
      Ffmpeg.check(av_frame_make_writable(samples), "audio buffer");
      int n = track.read(left, right, left.length);
      // Only the track's last frame may be short; AAC encoders accept that one.
      samples.nb_samples(n);
      new FloatPointer(samples.data(0)).put(left, 0, n);
      new FloatPointer(samples.data(1)).put(right, 0, n);
      samples.pts(pts);
      Ffmpeg.check(avcodec_send_frame(audio, samples), "audio encoder");
      drain(audio, audioStream);
    }
  }

  private void drain(AVCodecContext codec, AVStream stream) {
    while (true) {
      int r = avcodec_receive_packet(codec, packet);
      if (Ffmpeg.isAgain(r) || Ffmpeg.isEof(r)) {
        return;
      }
      Ffmpeg.check(r, "encoder");
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      Ffmpeg.check(av_interleaved_write_frame(format, packet), "cannot write a packet");
    }
  }

  /** Flushes both encoders and completes the file. */
  public void finish() {
    Ffmpeg.check(avcodec_send_frame(video, null), "video encoder");
    drain(video, videoStream);
    if (audio != null) {
      Ffmpeg.check(avcodec_send_frame(audio, null), "audio encoder");
      drain(audio, audioStream);
    }
    Ffmpeg.check(av_write_trailer(format), "cannot complete the file");
    finished = true;
  }

  public boolean finished() {
    return finished;
  }

  @Override
  public void close() {
    if (picture != null) {
      av_frame_free(picture);
      picture = null;
    }
    if (samples != null) {
      av_frame_free(samples);
      samples = null;
    }
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (video != null) {
      avcodec_free_context(video);
      video = null;
    }
    if (audio != null) {
      avcodec_free_context(audio);
      audio = null;
    }
    if (format != null) {
      if (format.pb() != null && !format.pb().isNull()) {
        if (inMemory) {
          BytePointer written = new BytePointer((Pointer) null);
          avio_close_dyn_buf(format.pb(), written);
          av_free(written);
        } else {
          avio_closep(format.pb());
        }
        format.pb(null);
      }
      avformat_free_context(format);
      format = null;
    }
  }
}
