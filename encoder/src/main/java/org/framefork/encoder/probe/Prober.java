package org.framefork.encoder.probe;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_find_program_from_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_range_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_iterate;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVProgram;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.media.DecoderOptions.Accuracy;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.media.VideoDecoder;

/**
 * Reads an input's container and scans its packets (without decoding) for the frame count, the
 * presentation time of every frame and the keyframe positions.
 */
public final class Prober {
  /** The largest picture FrameFork takes: 8K (8192x4320) and anything with as many pixels. */
  static final long MAX_PIXELS = 8192L * 4320;

  /** The longest side FrameFork takes (x264 and x265 go no further either). */
  public static final int MAX_SIDE = 8192;

  /** FFmpeg's {@code AV_FRAME_FLAG_KEY} (a macro JavaCV does not map): the picture is a keyframe. */
  private static final int AV_FRAME_FLAG_KEY = 1 << 1;

  private Prober() {}

  /** Whether FrameFork takes (and writes) pictures of {@code width x height}: see {@link #largestPicture()}. */
  public static boolean takesPictureSize(int width, int height) {
    return (long) width * height <= MAX_PIXELS && width <= MAX_SIDE && height <= MAX_SIDE;
  }

  /** The limit, in words: "8192x4320 (or as many pixels, at most 8192 a side)". */
  public static String largestPicture() {
    return MAX_SIDE + "x" + (MAX_PIXELS / MAX_SIDE) + " (or as many pixels, at most " + MAX_SIDE + " a side)";
  }

  /** Checks that {@code path} names a readable regular file, with a message a user can act on. */
  public static void requireReadableFile(Path path) {
    requireReadable(path, "give a video file (or pass the folder to encode, which takes every video in it)",
        "it holds no video; remove it, or put a complete video file in its place");
  }

  /** As {@link #requireReadableFile}, for the sound file given to {@code --audio-file}. */
  public static void requireReadableAudioFile(Path path) {
    requireReadable(path, "give --audio-file a sound file", "give --audio-file a file with audio");
  }

  /** @param folder what to do when {@code path} is a folder; {@code empty}, when it holds nothing */
  private static void requireReadable(Path path, String folder, String empty) {
    if (!Files.exists(path)) {
      throw new InputException(path + ": no such file; check the path");
    }
    if (Files.isDirectory(path)) {
      throw new InputException(path + ": is a folder; " + folder);
    }
    if (!Files.isReadable(path)) {
      throw new InputException(path + ": cannot be read (permission denied); fix its permissions");
    }
    if (!Files.isRegularFile(path)) {
      // Its size reads 0: a pipe or a device is no file FFmpeg can read more than once.
      throw new InputException(path + ": is " + otherKind(path) + ", not a file; " + folder.replaceFirst(" \\(.*", ""));
    }
    try {
      if (Files.size(path) == 0) {
        throw new InputException(path + ": is empty (0 bytes); " + empty);
      }
    } catch (IOException e) {
      throw new InputException(path + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  /** What {@code path}, which is neither a regular file nor a folder, is, in words. */
  private static String otherKind(Path path) {
    try {
      int type = (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
      return type == 0010000 ? "a named pipe (FIFO)" : type == 0140000 ? "a socket" : "a device";
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
      return "a special file";
    }
  }

  /**
   * The stream's rate where it states no average one: FFmpeg's base rate, a guess (1000 fps for a
   * Matroska file without frame durations), is taken only within twice the frames over their time
   * either way; else that measure is. The rate is written into the output and gives a frame without
   * a duration of its own its length.
   */
  private static Rational measuredRate(AVStream vst, Rational rate, VideoPackets packets) {
    if (Rational.of(vst.avg_frame_rate()).isValid()) {
      return rate;
    }
    long span = packets.firstToLast();
    double measured = span > 0 ? (packets.frameCount() - 1) / Rational.of(vst.time_base()).seconds(span) : 0;
    return Ffmpeg.plausibleRate(rate, measured);
  }

  /** Reads {@code path}'s container and scans its packets; throws {@link InputException} for an input FrameFork cannot take. */
  public static MediaInfo probe(Path path) {
    requireReadableFile(path);
    Ffmpeg.init();
    AVFormatContext fmt = open(path);
    try {
      findStreamInfo(fmt, path);
      StreamIndexes streams = inVideoProgram(fmt, streamIndexes(fmt, path));
      AVStream vst = fmt.streams(streams.video());
      requirePictureSize(vst.codecpar(), path);
      Rational tb = Rational.of(vst.time_base());
      Rational rate = Ffmpeg.frameRate(vst);
      VideoPackets videoPackets = new VideoPackets(Math.max(1, rate.ticksPerFrame(tb)));
      StreamSpans spans = new StreamSpans(fmt.nb_streams());
      scanPackets(fmt, streams.video(), videoPackets, spans);
      rate = measuredRate(vst, rate, videoPackets);
      videoPackets.defaultDuration(rate.ticksPerFrame(tb));
      noteContainerEnd(fmt, vst, videoPackets);
      dropUndecodableTail(path, streams.video(), videoPackets);
      dropUndecodableLead(path, streams.video(), videoPackets);
      if (videoPackets.frameCount() == 0) {
        throw new InputException(path + ": the video stream holds no frames; the file may be truncated or damaged");
      }
      FrameIndex index = videoPackets.index(tb, () -> firstDecodedTime(path, streams.video()));
      HdrInfo hdr = HdrInfo.of(vst.codecpar(), null);
      if (HdrInfo.hdrTransfer(vst.codecpar().color_trc())) {
        hdr = firstPictureHdr(path, streams.video(), vst.codecpar());
      }
      VideoStream video = videoStream(vst, streams.video(), rate, videoPackets, index, hdr);
      double duration = fmt.duration() > 0 ? fmt.duration() / 1_000_000.0 : video.durationSeconds();
      return new MediaInfo(
          path,
          fmt.iformat().name().getString(),
          sizeOrUnknown(path),
          duration,
          fmt.bit_rate(),
          video,
          audioStreams(fmt, streams.audio(), spans),
          subtitleStreams(fmt, streams.subtitles()),
          metadataOf(fmt.metadata()),
          fmt.nb_programs(),
          index);
    } finally {
      avformat_close_input(fmt);
    }
  }

  /**
   * The audio streams of {@code path}, an audio file that goes with an image sequence ({@code
   * --audio-file}): their times from a packet scan, as a video's audio gets them.
   */
  public static List<AudioStream> probeAudio(Path path) {
    requireReadableAudioFile(path);
    Ffmpeg.init();
    AVFormatContext fmt = open(path);
    try {
      findStreamInfo(fmt, path);
      List<Integer> audio = new ArrayList<>();
      for (int i = 0; i < fmt.nb_streams(); i++) {
        if (fmt.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
          audio.add(i);
        }
      }
      if (audio.isEmpty()) {
        throw new InputException(path + ": no audio stream; give --audio-file a file with audio");
      }
      StreamSpans spans = new StreamSpans(fmt.nb_streams());
      scanPackets(fmt, -1, new VideoPackets(1), spans);
      return audioStreams(fmt, audio, spans);
    } finally {
      avformat_close_input(fmt);
    }
  }

  /** The input's streams FrameFork reads: the first video stream that is not a cover picture, the audio, the subtitles. */
  private record StreamIndexes(int video, List<Integer> audio, List<Integer> subtitles) {}

  private static AVFormatContext open(Path path) {
    AVFormatContext fmt = new AVFormatContext(null);
    int r = avformat_open_input(fmt, Ffmpeg.url(path), null, null);
    if (r < 0) {
      throw new InputException(path + ": not a video FFmpeg can read (" + Ffmpeg.errorText(r) + "); check that it is a complete video file");
    }
    return fmt;
  }

  private static void findStreamInfo(AVFormatContext fmt, Path path) {
    int r = avformat_find_stream_info(fmt, (PointerPointer<?>) null);
    if (r < 0) {
      throw new InputException(path + ": its streams cannot be read (" + Ffmpeg.errorText(r) + "); the file may be damaged");
    }
  }

  private static StreamIndexes streamIndexes(AVFormatContext fmt, Path path) {
    int videoIndex = -1;
    List<Integer> audioIdx = new ArrayList<>();
    List<Integer> subIdx = new ArrayList<>();
    for (int i = 0; i < fmt.nb_streams(); i++) {
      AVStream st = fmt.streams(i);
      int type = st.codecpar().codec_type();
      if (type == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0 && videoIndex < 0) {
        videoIndex = i;
      } else if (type == AVMEDIA_TYPE_AUDIO) {
        audioIdx.add(i);
      } else if (type == AVMEDIA_TYPE_SUBTITLE) {
        subIdx.add(i);
      }
    }
    if (videoIndex < 0) {
      throw new InputException(noVideo(path, fmt, !audioIdx.isEmpty()));
    }
    return new StreamIndexes(videoIndex, audioIdx, subIdx);
  }

  /**
   * Why {@code path} (opened as {@code fmt}) is no video: it has no video stream, or its only
   * pictures are covers (an {@code .m4a} or {@code .mp3} with its album art), with audio or not.
   */
  private static String noVideo(Path path, AVFormatContext fmt, boolean audio) {
    boolean cover = false;
    for (int i = 0; i < fmt.nb_streams(); i++) {
      cover |= (fmt.streams(i).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
    }
    String what = !cover ? (audio ? " (audio only)" : "")
        : (audio ? ": audio whose only picture is" : ": its only picture is") + " a cover (attached picture), not a video";
    return path + ": no video stream" + what + "; give a file with video";
  }

  /**
   * Why {@code path} is no video, when it opens and has no video stream but covers (read from its
   * header, and its first packets where the header lists no streams): {@link #probe}'s own line. Null
   * when it has a video stream, or does not open: {@link #probe} then says what is wrong, at the job's turn.
   */
  public static String noVideoStream(Path path) {
    Ffmpeg.init();
    AVFormatContext fmt = new AVFormatContext(null);
    if (avformat_open_input(fmt, Ffmpeg.url(path), null, null) < 0) {
      return null;
    }
    try {
      if (hasVideo(fmt)) {
        return null;
      }
      // Some containers (MPEG-TS) list their streams only as their packets come.
      if (avformat_find_stream_info(fmt, (PointerPointer<?>) null) < 0 || hasVideo(fmt)) {
        return null;
      }
      boolean audio = false;
      for (int i = 0; i < fmt.nb_streams(); i++) {
        audio |= fmt.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO;
      }
      return noVideo(path, fmt, audio);
    } finally {
      avformat_close_input(fmt);
    }
  }

  /** Whether {@code fmt} has a video stream that is not a cover picture. */
  private static boolean hasVideo(AVFormatContext fmt) {
    for (int i = 0; i < fmt.nb_streams(); i++) {
      AVStream st = fmt.streams(i);
      if (st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Of a file of several programs (an MPEG-TS of several channels, each on its own clock), the
   * audio and subtitles of the video's program only, as FFmpeg's {@code av_find_best_stream}
   * relates them: another program's sound is another channel's, not this picture's. A video in
   * several programs (one picture, a program per language) goes with the streams of all of them.
   * All of them when the file has one program, or none that holds the video.
   */
  private static StreamIndexes inVideoProgram(AVFormatContext fmt, StreamIndexes streams) {
    Set<Integer> inProgram = new HashSet<>();
    AVProgram program = fmt.nb_programs() > 1 ? av_find_program_from_stream(fmt, null, streams.video()) : null;
    if (program == null || program.isNull()) {
      return streams;
    }
    while (program != null && !program.isNull()) {
      IntPointer indexes = program.stream_index();
      for (int i = 0; i < program.nb_stream_indexes(); i++) {
        inProgram.add(indexes.get(i));
      }
      program = av_find_program_from_stream(fmt, program, streams.video());
    }
    return new StreamIndexes(streams.video(), streams.audio().stream().filter(inProgram::contains).toList(),
        streams.subtitles().stream().filter(inProgram::contains).toList());
  }

  private static void requirePictureSize(AVCodecParameters vpar, Path path) {
    if (vpar.width() <= 0 || vpar.height() <= 0) {
      throw new InputException(path + ": the video stream has no picture size; the file may be damaged");
    }
    if (!takesPictureSize(vpar.width(), vpar.height())) {
      // Checked before any decoder allocates a picture: a damaged header can claim any size.
      throw new InputException(path + ": claims a " + vpar.width() + "x" + vpar.height() + " picture, larger than the "
          + largestPicture() + " FrameFork encodes; the file may be damaged");
    }
  }

  /**
   * Where an MP4 or MOV says its video ends (start and duration, after its edit list): its
   * packets' durations are in decode order and can read past it ({@link VideoPackets#containerEnd}).
   */
  private static void noteContainerEnd(AVFormatContext fmt, AVStream vst, VideoPackets packets) {
    boolean mp4 = fmt.iformat().name().getString().startsWith("mov,mp4");
    if (mp4 && vst.duration() > 0 && vst.duration() != AV_NOPTS_VALUE && vst.start_time() != AV_NOPTS_VALUE) {
      packets.containerEnd(vst.start_time() + vst.duration());
    }
  }

  /** The packet scan: every packet of the file read once, without decoding. */
  private static void scanPackets(AVFormatContext fmt, int videoIndex, VideoPackets video, StreamSpans spans) {
    int nStreams = fmt.nb_streams();
    AVPacket pkt = av_packet_alloc();
    try {
      while (av_read_frame(fmt, pkt) >= 0) {
        int si = pkt.stream_index();
        if (si == videoIndex) {
          video.add(pkt);
        } else if (si < nStreams && pkt.pts() != AV_NOPTS_VALUE) {
          spans.add(si, Rational.of(fmt.streams(si).time_base()), pkt);
        }
        av_packet_unref(pkt);
      }
    } finally {
      av_packet_free(pkt);
    }
  }

  private static VideoStream videoStream(AVStream vst, int videoIndex, Rational rate, VideoPackets packets,
      FrameIndex index, HdrInfo hdr) {
    AVCodecParameters vpar = vst.codecpar();
    Rational tb = index.timeBase();
    Display display = display(vpar);
    return new VideoStream(
        videoIndex,
        avcodec_get_name(vpar.codec_id()).getString(),
        vpar.width(),
        vpar.height(),
        name(av_get_pix_fmt_name(vpar.format())),
        tb,
        rate,
        isVariableRate(index),
        packets.frameCount(),
        packets.keyframeCount(),
        tb.seconds(index.pts(0)),
        index.durationSeconds(),
        display.rotation(),
        display.mirrored(),
        name(av_color_range_name(vpar.color_range())),
        name(av_color_primaries_name(vpar.color_primaries())),
        name(av_color_transfer_name(vpar.color_trc())),
        name(av_color_space_name(vpar.color_space())),
        fieldOrder(vpar.field_order()),
        Ffmpeg.bitDepth(vpar.format()),
        hdr,
        Math.max(0, vst.nb_frames() - packets.hiddenCount()),
        packets.cutCount(),
        packets.leadCount(),
        org.framefork.encoder.media.SideAlpha.announced(vst));
  }

  /** Whether the gaps between presentation times differ (by more than a tick of rounding). */
  private static boolean isVariableRate(FrameIndex index) {
    int n = index.frameCount();
    boolean vfr = false;
    if (n > 2) {
      long d0 = index.pts(1) - index.pts(0);
      for (int i = 2; i < n && !vfr; i++) {
        vfr = Math.abs((index.pts(i) - index.pts(i - 1)) - d0) > 1;
      }
    }
    return vfr;
  }

  private static List<AudioStream> audioStreams(AVFormatContext fmt, List<Integer> indexes, StreamSpans spans) {
    List<AudioStream> audio = new ArrayList<>();
    for (int i : indexes) {
      AVStream st = fmt.streams(i);
      AVCodecParameters p = st.codecpar();
      audio.add(new AudioStream(i, avcodec_get_name(p.codec_id()).getString(), p.sample_rate(), p.ch_layout().nb_channels(),
          tag(st.metadata(), "language"), spans.startSeconds(i), spans.durationSeconds(i), spans.packetSeconds(i)));
    }
    return Collections.unmodifiableList(audio);
  }

  private static List<SubtitleStream> subtitleStreams(AVFormatContext fmt, List<Integer> indexes) {
    List<SubtitleStream> subs = new ArrayList<>();
    for (int i : indexes) {
      AVStream st = fmt.streams(i);
      subs.add(new SubtitleStream(i, avcodec_get_name(st.codecpar().codec_id()).getString(), tag(st.metadata(), "language")));
    }
    return Collections.unmodifiableList(subs);
  }

  /** The file's size in bytes, or -1 when it cannot be read. */
  private static long sizeOrUnknown(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return -1;
    }
  }

  /** As ffprobe names it: progressive, tt, bb, tb, bt, or unknown. */
  static String fieldOrder(int order) {
    return switch (order) {
      case org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE -> "progressive";
      case org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT -> "tt";
      case org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BB -> "bb";
      case org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TB -> "tb";
      case org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BT -> "bt";
      default -> "unknown";
    };
  }

  /**
   * A file cut off inside its last video packet (an unfinished copy or download) ends with a packet
   * the demuxer flags as corrupt, whose picture usually does not decode: the decoder is run from
   * the keyframe before it to the end, and what it puts out no picture for is no frame. The plan,
   * the chunks' frame checks and the report then count the frames that decode, as {@code ffprobe
   * -count_frames} does, rather than a chunk failing (and retrying in vain) one frame short.
   */
  private static void dropUndecodableTail(Path path, int videoIndex, VideoPackets packets) {
    long[] tail = packets.corruptTailPts();
    if (tail.length == 0) {
      return;
    }
    long from = Arrays.stream(tail).min().orElseThrow();
    long keyframe = packets.keyframeAtOrBefore(from);
    Set<Long> decoded = new HashSet<>();
    try (VideoDecoder d = new VideoDecoder(path, DecoderOptions.defaults().withStream(videoIndex).withThreads(1).withAccuracy(Accuracy.FAST))) {
      if (keyframe != AV_NOPTS_VALUE) {
        d.startAt(keyframe, from);
      }
      while (d.next()) {
        decoded.add(d.pts());
      }
    } catch (RuntimeException e) {
      return; // no decoder to ask: the packets count, as without the check
    }
    packets.dropUndecoded(decoded::contains);
  }

  /**
   * Takes out the lead's packets whose pictures do not decode: a recording cut inside a group of
   * pictures starts with frames that refer to ones it does not hold (before the first keyframe, and
   * in an open group the pictures after it that are shown before it), and the decoder puts out none
   * of them. Decodes from the start, a little past them: pictures come out in
   * time order, so a few past the lead's last time (some more for an odd order) end the search. Where
   * none of the lead decodes (a recording whose first keyframe comes late) that is a few pictures
   * past the keyframe, not as many again as the lead.
   */
  private static void dropUndecodableLead(Path path, int videoIndex, VideoPackets packets) {
    if (packets.leadUntimed()) {
      dropUndecodableUntimedLead(path, videoIndex, packets);
      return;
    }
    long[] lead = packets.leadPts();
    if (lead.length == 0) {
      return;
    }
    long leadEnd = Arrays.stream(lead).max().getAsLong();
    Set<Long> decoded = new HashSet<>();
    try (VideoDecoder d = new VideoDecoder(path, DecoderOptions.defaults().withStream(videoIndex).withThreads(1).withAccuracy(Accuracy.FAST))) {
      int past = 0;
      for (int i = 0; i < lead.length + 32 && past < 32 && d.next(); i++) {
        decoded.add(d.pts());
        past += d.pts() > leadEnd ? 1 : 0;
      }
    } catch (RuntimeException e) {
      return; // no decoder to ask: the packets count, as without the check
    }
    packets.dropUndecodedLead(decoded::contains);
  }

  /**
   * As {@link #dropUndecodableLead}, where the lead's packets, or the first keyframe, carry no time
   * of their own (MPEG-PS, whose I and P pictures often have none). The lead is every picture shown
   * before the first keyframe's, so the decoder is run from the start to the first keyframe picture
   * it puts out (a few past the lead's packets at most): what it put out before that are the lead's
   * pictures that decode. A stream whose packets are flagged key but whose pictures never are
   * would be decoded to its end: the search stops 32 pictures past the lead's packets, and
   * without a key picture the packets count, as without the check.
   */
  private static void dropUndecodableUntimedLead(Path path, int videoIndex, VideoPackets packets) {
    Set<Long> before = new HashSet<>();
    long keyTime = AV_NOPTS_VALUE;
    int bound = Math.min(packets.frameCount(), packets.packetsToFirstKey() + 32);
    try (VideoDecoder d = new VideoDecoder(path, DecoderOptions.defaults().withStream(videoIndex).withThreads(1).withAccuracy(Accuracy.FAST))) {
      for (int i = 0; i < bound && keyTime == AV_NOPTS_VALUE && d.next(); i++) {
        if ((d.decoded().flags() & AV_FRAME_FLAG_KEY) != 0) {
          keyTime = d.pts();
        } else {
          before.add(d.pts());
        }
      }
    } catch (RuntimeException e) {
      return; // no decoder to ask: the packets count, as without the check
    }
    if (keyTime != AV_NOPTS_VALUE) {
      packets.dropUntimedLead(keyTime, before);
    }
  }

  /** The time of the first picture FFmpeg's decoder puts out of the video stream, or null when none decodes. */
  private static Long firstDecodedTime(Path path, int videoIndex) {
    try (VideoDecoder d = new VideoDecoder(path, DecoderOptions.defaults().withStream(videoIndex).withThreads(1).withAccuracy(Accuracy.FAST))) {
      return d.next() ? d.pts() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The HDR description with what the first picture carries: HEVC and AV1 streams hold their
   * static metadata (and HDR10+) in the bitstream, which only a decoder reads.
   */
  private static HdrInfo firstPictureHdr(Path path, int videoIndex, AVCodecParameters par) {
    try (VideoDecoder d = new VideoDecoder(path, DecoderOptions.defaults().withStream(videoIndex).withThreads(1).withAccuracy(Accuracy.FAST))) {
      return HdrInfo.of(par, d.next() ? d.decoded() : null);
    } catch (RuntimeException e) {
      return HdrInfo.of(par, null);
    }
  }

  /** What the display matrix does: the turn (degrees clockwise, after the mirror) and whether it mirrors. */
  private record Display(int rotation, boolean mirrored) {
    static final Display NONE = new Display(0, false);
  }

  private static Display display(AVCodecParameters par) {
    AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
    if (sd == null || sd.isNull() || sd.size() < 36) {
      return Display.NONE;
    }
    int[] m = new int[9];
    new IntPointer(sd.data()).get(m);
    // A negative determinant mirrors (as -display_hflip writes it), which av_display_rotation_get
    // cannot say: a left-to-right mirror first (its first row negated) leaves a plain turn.
    boolean mirrored = (long) m[0] * m[4] - (long) m[1] * m[3] < 0;
    if (mirrored) {
      m[0] = -m[0];
      m[1] = -m[1];
    }
    double ccw = av_display_rotation_get(m);
    if (Double.isNaN(ccw)) {
      return Display.NONE;
    }
    return new Display(Math.floorMod(Math.round(-ccw), 360), mirrored);
  }

  public static Map<String, String> metadataOf(AVDictionary dict) {
    Map<String, String> out = new LinkedHashMap<>();
    if (dict == null || dict.isNull()) {
      return out;
    }
    AVDictionaryEntry e = null;
    while ((e = av_dict_iterate(dict, e)) != null && !e.isNull()) {
      out.put(e.key().getString(), e.value().getString());
    }
    return out;
  }

  private static String tag(AVDictionary dict, String key) {
    if (dict == null || dict.isNull()) {
      return null;
    }
    AVDictionaryEntry e = av_dict_get(dict, key, null, 0);
    return e == null || e.isNull() ? null : e.value().getString();
  }

  private static String name(BytePointer p) {
    return p == null || p.isNull() ? null : p.getString();
  }
}
