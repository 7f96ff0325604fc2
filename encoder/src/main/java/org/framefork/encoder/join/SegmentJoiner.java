package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_DATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIMECODE_FLAG_24HOURSMAX;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIMECODE_STR_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_get_time_base_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_timecode_init_from_string;
import static org.bytedeco.ffmpeg.global.avutil.av_timecode_make_string;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.avutil.AVTimecode;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.media.AudioStart;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.SubtitleStream;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.source.SequenceMedia;

/**
 * Remuxes the segments (no re-encode) into one output with continuous timestamps, and adds the
 * source's audio, subtitles and metadata.
 *
 * <p>Every video packet gets its exact source presentation time back from the frame index (the
 * i-th earliest packet of chunk k is the chunk's i-th frame), so a variable frame rate survives and
 * no container's timestamp rounding leaks into the output. Decode times are assigned anew across
 * the whole stream: {@code dts[i] = sortedPts[i - D]}, where D is the largest reorder delay of any
 * segment, which keeps them increasing across segment borders whatever B-frames each encoder used.
 */
public final class SegmentJoiner {
  private final Path source;
  private final MediaInfo media;
  private final List<long[]> segmentPts;
  private final List<Path> segments;
  private final Container container;
  private final AudioPlan audio;
  private final Path workDir;
  private final BooleanSupplier cancelled;
  /** Whose colour tags the joined stream gets: see {@link #withPicture}. */
  private PictureFormat picture;
  private final List<Note> notes = new ArrayList<>();
  /**
   * Seconds added to an image sequence's audio file's streams (copied and encoded): its first heard
   * sample goes to 0, with the first picture, as FFmpeg's command line puts it ({@link
   * SequenceMedia#audioShift}, found when the source was probed). A video's own streams do not
   * move here (the muxer's offset moves the whole output).
   */
  private double audioShift;
  private AudioMode audioMode;
  /** See {@link #writtenAudioEnd}. */
  private double writtenAudioEnd = Double.NaN;
  /** See {@link #audioKeptPastEnd}. */
  private boolean audioKeptPastEnd;

  /**
   * @param segmentPts per segment, in time order, the source presentation times of the frames it
   *     holds (ascending): the plan's frames, less any that damage in the source kept out
   */
  /**
   * The segments' picture format, whose colour tags the joined stream gets (the source's unless
   * tone-mapped); the source's when not set.
   */
  public SegmentJoiner withPicture(PictureFormat format) {
    this.picture = format;
    return this;
  }

  /** The audio the job asked for ({@code --audio}); with {@code none} no audio stream is noted as left out. */
  public SegmentJoiner withAudioMode(AudioMode mode) {
    this.audioMode = mode;
    return this;
  }

  /**
   * How far an image sequence's audio file moves ({@link
   * org.framefork.encoder.source.ProbedSource#audioShift}); 0 when not set.
   */
  public SegmentJoiner withAudioFileShift(double seconds) {
    this.audioShift = seconds;
    return this;
  }

  public SegmentJoiner(Path source, MediaInfo media, List<long[]> segmentPts, List<Path> segments, Container container,
      AudioPlan audio, Path workDir, BooleanSupplier cancelled) {
    if (segments.size() != segmentPts.size()) {
      throw new IllegalArgumentException("one segment per chunk: " + segments.size() + " for " + segmentPts.size());
    }
    this.source = source;
    this.media = media;
    this.segmentPts = segmentPts;
    this.segments = segments;
    this.container = container;
    this.audio = audio;
    this.workDir = workDir;
    this.cancelled = cancelled;
    this.picture = PictureFormat.FROM_SOURCE;
  }

  /** Things worth telling the user (a subtitle stream the container cannot hold, say). */
  public List<Note> notes() {
    return notes;
  }

  /** Writes the joined output to {@code target} (a temporary name; the caller moves it into place). */
  public void join(Path target) {
    Ffmpeg.init();
    Timeline timeline = Timeline.of(segmentPts, segments, media.frames().endPts(), container == Container.MP4);
    List<Path> encodedAudio = encodeAudio();
    AVFormatContext out = new AVFormatContext(null);
    // Each source joins the list as soon as it is open, so that the finally closes it whatever fails next.
    List<PacketSource> sources = new ArrayList<>();
    try {
      Ffmpeg.check(avformat_alloc_output_context2(out, null, container.muxer(), target.toString()), "output muxer");
      VideoSource video = addVideoStream(out, timeline, sources);
      // The source file, read once, supplies copied audio and subtitles; an image sequence has
      // only its audio file, if any, and its video is described by its segments alone.
      SourceStreams copied = source == null ? null
          : new SourceStreams(source, media.video().startSeconds() + media.video().durationSeconds() - audioShift, audioShift,
              container != Container.MP4);
      if (copied != null) {
        sources.add(copied);
        addCopiedStreams(out, video, copied, encodedAudio, sources);
      }
      writeHeader(out, target);
      writePackets(out, sources);
      if (video.written != timeline.frames()) {
        throw new MediaException("join wrote " + video.written + " video frames, the segments hold " + timeline.frames());
      }
      Ffmpeg.check(av_write_trailer(out), target + ": finish");
      if (copied != null && copied.dropped > 0) {
        notes.add(Note.warning(copied.dropped + " damaged audio or subtitle packet" + (copied.dropped == 1 ? " was" : "s were")
            + " left out"));
      }
    } finally {
      close(sources, out);
    }
  }

  private void addCopiedStreams(AVFormatContext out, VideoSource video, SourceStreams copied, List<Path> encodedAudio,
      List<PacketSource> sources) {
    if (!media.isImageSequence()) {
      describeVideoStream(video.outStream(), copied.ctx);
    }
    addAudioStreams(out, copied, encodedAudio, sources);
    addSubtitleStreams(out, copied);
    noteLeftOutStreams(copied.ctx);
    copyContainerMetadata(copied.ctx, out);
  }

  /** Audio that cannot be copied is encoded first, each stream to a file of its own; per track, that file, or null. */
  private List<Path> encodeAudio() {
    List<Path> encodedAudio = new ArrayList<>();
    for (AudioPlan.Track t : audio.tracks()) {
      if (t.copy()) {
        encodedAudio.add(null);
      } else {
        Path f = workDir.resolve("audio-" + t.source().index() + ".mka");
        // An image sequence's audio file is cut at the video's end: encoded to there, to the sample.
        double keep = media.isImageSequence() ? media.video().durationSeconds() - audioShift - heard(t) : Double.POSITIVE_INFINITY;
        AudioTranscoder.transcode(source, t.source().index(), t.encodeTo(), f, keep, cancelled);
        encodedAudio.add(f);
      }
    }
    return encodedAudio;
  }

  /** The video stream: parameters from the first segment (all segments share them). */
  private VideoSource addVideoStream(AVFormatContext out, Timeline timeline, List<PacketSource> sources) {
    Rational timeBase = media.frames().timeBase();
    AVStream vst = avformat_new_stream(out, null);
    VideoSource video = new VideoSource(segments, timeline, timeBase, vst);
    sources.add(video);
    Ffmpeg.check(avcodec_parameters_copy(vst.codecpar(), video.firstSegmentParameters()), "video parameters");
    // hvc1 for HEVC in MP4 (.mov and .m4v are written as MP4): see Ffmpeg#videoTag.
    vst.codecpar().codec_tag(Ffmpeg.videoTag(container.muxer(), vst.codecpar().codec_id()));
    // The pixel shape, in the stream and the parameters: Matroska writes the one, MP4 the other.
    AVRational sar = Ffmpeg.rational(video.firstSegmentAspectRatio());
    vst.sample_aspect_ratio(sar);
    vst.codecpar().sample_aspect_ratio(sar);
    vst.time_base(Ffmpeg.rational(timeBase));
    // The frame rate: Matroska and WebM write it as the frames' default duration, without which
    // their packets carry none (a player then guesses the rate, and a 1-frame video lasts 1 ms);
    // MP4's timecode track counts frames by it.
    AVRational rate = Ffmpeg.rational(frameRate(media.video()));
    vst.avg_frame_rate(rate);
    vst.r_frame_rate(rate);
    return video;
  }

  /**
   * The source's frame rate (an image sequence's, {@code --fps}); where it says none, its frames
   * over the time they last.
   */
  private static Rational frameRate(VideoStream v) {
    if (v.frameRate().isValid()) {
      return v.frameRate();
    }
    double fps = v.durationSeconds() > 0 ? v.frameCount() / v.durationSeconds() : 25;
    return Rational.of(av_d2q(fps, 1 << 16));
  }

  /** What the source says of its video that the segments do not: rotation, colour, language and title. */
  private void describeVideoStream(AVStream vst, AVFormatContext src) {
    AVStream srcVideo = src.streams(media.video().index());
    copyDisplayMatrix(srcVideo.codecpar(), vst.codecpar());
    // The pictures' own tags, as the encoder was told them (an RGB source's are YUV now, a
    // tone-mapped one's BT.709).
    EncodedPicture.Colours colours = EncodedPicture.colours(srcVideo.codecpar(), picture);
    vst.codecpar().color_range(colours.range());
    vst.codecpar().color_primaries(colours.primaries());
    vst.codecpar().color_trc(colours.transfer());
    vst.codecpar().color_space(colours.space());
    vst.metadata(copyDict(src.streams(media.video().index()).metadata(), "language", "title", "handler_name"));
  }

  /** One output stream per planned track: copied from the source, or read from its encoded file. */
  private void addAudioStreams(AVFormatContext out, SourceStreams copied, List<Path> encodedAudio, List<PacketSource> sources) {
    for (int t = 0; t < audio.tracks().size(); t++) {
      AudioPlan.Track track = audio.tracks().get(t);
      AVStream ist = copied.ctx.streams(track.source().index());
      AVStream ost = avformat_new_stream(out, null);
      ost.metadata(copyDict(ist.metadata(), "language", "title", "handler_name"));
      ost.disposition(ist.disposition());
      if (track.copy()) {
        Ffmpeg.check(avcodec_parameters_copy(ost.codecpar(), ist.codecpar()), "audio parameters");
        ost.codecpar().codec_tag(0);
        ost.time_base(ist.time_base());
        copied.map(track.source().index(), ost);
      } else {
        EncodedAudioSource enc = encodedAudioSource(track, encodedAudio.get(t), ost);
        sources.add(enc);
        Ffmpeg.check(avcodec_parameters_copy(ost.codecpar(), enc.parameters()), "audio parameters");
        ost.codecpar().codec_tag(0);
        ost.time_base(enc.timeBase());
      }
    }
  }

  /** Heard where the source is heard: the source's first decoded sample at the encoded file's. */
  private EncodedAudioSource encodedAudioSource(AudioPlan.Track track, Path encoded, AVStream ost) {
    double encodedHeard = AudioStart.of(encoded, 0).orElse(0);
    return new EncodedAudioSource(encoded, heard(track) - encodedHeard + audioShift, ost);
  }

  /** When the source's first sample of {@code track} is heard, in the source's own timeline. */
  private double heard(AudioPlan.Track track) {
    return AudioStart.of(source, track.source().index()).orElse(track.source().startSeconds());
  }

  /** Each subtitle stream copied, converted to one the container holds, or left out (with a note). */
  private void addSubtitleStreams(AVFormatContext out, SourceStreams copied) {
    for (SubtitleStream s : media.subtitles()) {
      AVStream ist = copied.ctx.streams(s.index());
      SubtitleConverter converter = null;
      if (avformat_query_codec(out.oformat(), ist.codecpar().codec_id(), FF_COMPLIANCE_NORMAL) != 1) {
        converter = SubtitleConverter.forStream(ist, out.oformat());
        if (converter == null) {
          notes.add(Note.warning("subtitle stream " + s.index() + " (" + s.codec() + ") cannot go into " + container
              + (container == Container.MKV ? "" : " (mkv holds it)") + "; it was left out"));
          continue;
        }
        notes.add(Note.info("subtitle stream " + s.index() + " (" + s.codec() + ") was converted to " + converter.target() + " for "
            + container));
      }
      addSubtitleStream(out, s.index(), ist, converter, copied);
    }
  }

  /** @param converter turns the stream into the container's subtitle format; null copies it */
  private static void addSubtitleStream(AVFormatContext out, int sourceIndex, AVStream ist, SubtitleConverter converter,
      SourceStreams copied) {
    AVStream ost = avformat_new_stream(out, null);
    if (converter != null) {
      try {
        converter.parameters(ost.codecpar());
      } catch (RuntimeException e) {
        converter.close();
        throw e;
      }
    } else {
      Ffmpeg.check(avcodec_parameters_copy(ost.codecpar(), ist.codecpar()), "subtitle parameters");
    }
    ost.codecpar().codec_tag(0);
    ost.time_base(ist.time_base());
    ost.metadata(copyDict(ist.metadata(), "language", "title"));
    ost.disposition(ist.disposition());
    copied.map(sourceIndex, ost, converter);
  }

  /**
   * A note for each source stream the output does not carry: a cover picture, a second video, an
   * attachment, data, another program's audio (unless no audio is wanted) and subtitles; of an image
   * sequence's audio file, any stream but audio and subtitles.
   */
  private void noteLeftOutStreams(AVFormatContext src) {
    boolean audioFile = media.isImageSequence();
    // No audio wanted (--audio none): another program's audio is left out as the video's own is, unsaid
    // (also where the video's program has none).
    boolean noAudio = audioMode == AudioMode.NONE;
    for (int i = 0; i < src.nb_streams(); i++) {
      AVCodecParameters p = src.streams(i).codecpar();
      int type = p.codec_type();
      if (isChapterTrack(src, src.streams(i)) || !audioFile && timecodeKept(src, src.streams(i))) {
        continue;
      }
      boolean sound = type == AVMEDIA_TYPE_AUDIO || type == AVMEDIA_TYPE_SUBTITLE;
      boolean kept = audioFile ? sound : i == media.video().index() || goesWithVideo(i);
      if (!kept && !(noAudio && type == AVMEDIA_TYPE_AUDIO)) {
        String what = type == AVMEDIA_TYPE_VIDEO
            ? ((src.streams(i).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0 ? "cover picture"
                : audioFile ? "video stream" : "second video stream")
            : sound ? (type == AVMEDIA_TYPE_AUDIO ? "audio stream" : "subtitle stream")
            : type == AVMEDIA_TYPE_ATTACHMENT ? "attachment" : "data stream";
        String timecode = timecode(src.streams(i));
        String stream = timecode != null ? timecode + " (stream " + i + ")"
            : what + " " + i + " (" + avcodec_get_name(p.codec_id()).getString() + ")" + (sound ? " of another program" : "");
        // An audio file's pictures were never asked for; a video's other streams were its own.
        notes.add(audioFile ? Note.info("the audio file's " + stream + " is not used") : Note.warning(stream + " was left out"));
      }
    }
  }

  /**
   * Whether {@code st} is a QuickTime chapter track (the chapters' titles, as text): FFmpeg's MP4
   * and MOV reader makes it the file's chapters, which the output keeps, and marks the track itself
   * a data stream to be discarded.
   */
  private static boolean isChapterTrack(AVFormatContext src, AVStream st) {
    return src.nb_chapters() > 0 && st.codecpar().codec_type() == AVMEDIA_TYPE_DATA && st.discard() == AVDISCARD_ALL;
  }

  /** Whether source stream {@code i} is audio or subtitles of the video's program (see {@link MediaInfo#audio()}). */
  private boolean goesWithVideo(int i) {
    return media.audio().stream().anyMatch(a -> a.index() == i) || media.subtitles().stream().anyMatch(s -> s.index() == i);
  }

  /**
   * The timecode of the source's first frame, which the output keeps: its TIMECODE tag (Matroska),
   * else the time of its first QuickTime timecode track. Every muxer FrameFork writes keeps it from
   * the output's tags: MP4 as a timecode track again, Matroska and WebM as a TIMECODE tag. The
   * output has the source's frames from its first, so the time still names the same frame; where
   * the probe left out an undecodable lead it is {@linkplain #advanced moved on} by the lead.
   */
  private static String sourceTimecode(AVFormatContext src) {
    AVDictionaryEntry tag = av_dict_get(src.metadata(), "timecode", null, 0);
    if (tag != null) {
      return tag.value().getString();
    }
    for (int i = 0; i < src.nb_streams(); i++) {
      AVDictionaryEntry tc = timecode(src.streams(i)) == null ? null : av_dict_get(src.streams(i).metadata(), "timecode", null, 0);
      if (tc != null) {
        return tc.value().getString();
      }
    }
    return null;
  }

  /**
   * {@code timecode} moved on by {@code frames} frames at {@code rate}, as FFmpeg counts them
   * (drop-frame ones, "01:00:59;29", skip the numbers drop-frame skips; past 24 hours it wraps):
   * the time of the output's first frame where the probe left out the source's undecodable lead
   * ({@link VideoStream#leadFrames}). Unchanged where FFmpeg cannot read it at that rate.
   */
  static String advanced(String timecode, Rational rate, int frames) {
    if (frames == 0) {
      return timecode;
    }
    try (AVTimecode tc = new AVTimecode(); BytePointer buf = new BytePointer(AV_TIMECODE_STR_SIZE)) {
      if (av_timecode_init_from_string(tc, Ffmpeg.rational(rate), timecode, null) < 0) {
        return timecode;
      }
      tc.flags(tc.flags() | AV_TIMECODE_FLAG_24HOURSMAX);
      return av_timecode_make_string(tc, buf, frames).getString();
    }
  }

  /** Whether {@code st} is a timecode track whose time the output keeps (see {@link #sourceTimecode}). */
  private static boolean timecodeKept(AVFormatContext src, AVStream st) {
    AVDictionaryEntry tc = timecode(st) == null ? null : av_dict_get(st.metadata(), "timecode", null, 0);
    return tc != null && tc.value().getString().equals(sourceTimecode(src));
  }

  /** A QuickTime timecode track's tag, little-endian as FFmpeg's MKTAG('t','m','c','d'). */
  private static final int TMCD = Ffmpeg.tag("tmcd");

  /**
   * "timecode track 01:00:00:00" for a QuickTime timecode track (whose codec FFmpeg calls "none"),
   * null for any other stream.
   */
  private static String timecode(AVStream st) {
    if (st.codecpar().codec_type() != AVMEDIA_TYPE_DATA || st.codecpar().codec_tag() != TMCD) {
      return null;
    }
    AVDictionaryEntry tc = av_dict_get(st.metadata(), "timecode", null, 0);
    return tc == null ? "timecode track" : "timecode track " + tc.value().getString();
  }

  /**
   * The source's tags (less those a muxer writes of its own) and chapters, and its start moved to 0
   * (an image sequence's audio file has moved already, and its pictures start at 0).
   */
  private void copyContainerMetadata(AVFormatContext src, AVFormatContext out) {
    AVDictionary global = copyDict(src.metadata(), (String[]) null);
    for (String muxerOwn : new String[] {"major_brand", "minor_version", "compatible_brands", "encoder"}) {
      av_dict_set(global, muxerOwn, null, 0);
    }
    String timecode = media.isImageSequence() ? null : sourceTimecode(src);
    if (timecode != null) {
      av_dict_set(global, "timecode", advanced(timecode, frameRate(media.video()), media.video().leadFrames()), 0);
    }
    out.metadata(global);
    if (media.isImageSequence()) {
      copyChapters(src, out, Math.round(-audioShift * 1e6));
      return;
    }
    // The output starts at 0, as FFmpeg's own command line makes it: a source whose times start
    // late (an MPEG-TS recording starts at its broadcast clock, 1.4 s or hours in) would otherwise
    // leave that much nothing before the first frame (an MP4 edit list of empty time), and one
    // whose pictures start before 0 (an MPEG-TS whose 33-bit clock wraps around within the file:
    // FFmpeg counts the times before the wrap as negative) would have them hidden by the edit
    // list. Audio alone a little before 0 (an encoder's priming, Opus's 7 ms in WebM) is left
    // where it is: the muxer keeps it, and the pictures stay at 0. Every stream moves by the same
    // amount, so sync is untouched.
    long start = src.start_time() == AV_NOPTS_VALUE ? 0 : src.start_time();
    long videoStart = srcVideoStart(src, media.video().index());
    long shift = start > 0 || (start < 0 && videoStart < 0) ? start : 0;
    if (shift != 0) {
      out.output_ts_offset(-shift);
    }
    copyChapters(src, out, shift);
  }

  /** Creates {@code target} and writes the container's header (MP4 with its index at the front). */
  private void writeHeader(AVFormatContext out, Path target) {
    AVIOContext pb = new AVIOContext(null);
    Ffmpeg.check(avio_open(pb, Ffmpeg.url(target), AVIO_FLAG_WRITE), target + ": create");
    out.pb(pb);
    AVDictionary opts = new AVDictionary(null);
    if (container == Container.MP4) {
      av_dict_set(opts, "movflags", "+faststart", 0);
    }
    try {
      Ffmpeg.check(avformat_write_header(out, opts), "output header");
    } finally {
      av_dict_free(opts);
    }
  }

  /** Merges the sources by decode time; the muxer's interleaving queue handles the rest. */
  private void writePackets(AVFormatContext out, List<PacketSource> sources) {
    for (PacketSource s : sources) {
      s.advance();
    }
    long written = 0;
    // An image sequence's audio file is cut where the video ends (a video's own audio is kept whole).
    double audioEnd = media.isImageSequence() ? media.video().durationSeconds() : Double.POSITIVE_INFINITY;
    writtenAudioEnd = Double.NaN;
    audioKeptPastEnd = false;
    while (true) {
      PacketSource next = null;
      for (PacketSource s : sources) {
        boolean cut = !(s instanceof VideoSource) && s.headSeconds() >= audioEnd;
        if (s.hasHead() && !cut && (next == null || s.headSeconds() < next.headSeconds())) {
          next = s;
        }
      }
      if (next == null) {
        break;
      }
      if ((++written & 255) == 0 && cancelled.getAsBoolean()) {
        throw new CancellationException("cancelled");
      }
      if (!(next instanceof VideoSource)) {
        cutAudio(next, out, audioEnd);
      }
      try {
        next.writeHead(out);
      } catch (MediaException e) {
        if (Ffmpeg.isOutOfSpace(e)) {
          // The job says what to do: free space, then resume from the chunks it keeps.
          throw new MediaException("cannot write the output (" + e.getMessage() + ")", e);
        }
        // The muxer writes what it queued of every stream: the packet in hand is not always the one refused.
        throw new MediaException("cannot write the output (" + e.getMessage() + "); the source may be damaged", e);
      }
      next.advance();
    }
  }

  /**
   * Cuts {@code audio}'s packet in hand at {@code end} where it reaches past it (to the sample where
   * its stream can be cut: see {@link PacketSource#cutAt}), and notes where the audio written ends.
   */
  private void cutAudio(PacketSource audio, AVFormatContext out, double end) {
    AVStream ost = out.streams(audio.head.stream_index());
    if (ost.codecpar().codec_type() != AVMEDIA_TYPE_AUDIO) {
      return;
    }
    if (audio.headEndSeconds(ost) > end && !audio.cutAt(end, ost)) {
      audioKeptPastEnd = true;
    }
    double packetEnd = audio.headEndSeconds(ost);
    writtenAudioEnd = Double.isNaN(writtenAudioEnd) ? packetEnd : Math.max(writtenAudioEnd, packetEnd);
  }

  /**
   * Where the audio written ends, in seconds of the output (the latest end of any audio packet);
   * NaN when none was written. An image sequence's audio file cut at the video's end ends there,
   * or, copied in a compressed codec (whose packets are not cut), at the end of the packet that
   * holds the video's end.
   */
  public double writtenAudioEnd() {
    return writtenAudioEnd;
  }

  /**
   * Whether an audio packet that reaches past an image sequence's end was kept whole (a copied
   * compressed codec's): the audio then ends after the video, at {@link #writtenAudioEnd}. A cut
   * one (PCM, encoded audio) ends with the video, whatever the rounding of its times says.
   */
  public boolean audioKeptPastEnd() {
    return audioKeptPastEnd;
  }

  private static void close(List<PacketSource> sources, AVFormatContext out) {
    for (PacketSource s : sources) {
      s.close();
    }
    if (out.pb() != null && !out.pb().isNull()) {
      avio_closep(out.pb());
    }
    avformat_free_context(out);
  }

  // ---- metadata

  /** Where the source's video stream starts, in microseconds (0 when it does not say). */
  private static long srcVideoStart(AVFormatContext src, int videoIndex) {
    AVStream sv = src.streams(videoIndex);
    return sv.start_time() == AV_NOPTS_VALUE ? 0 : av_rescale_q(sv.start_time(), sv.time_base(), av_get_time_base_q());
  }

  /**
   * The source's chapters, moved by {@code startMicros} as the streams are (the muxer's offset
   * does not reach chapters). In FFmpeg's memory: the output context frees them.
   */
  private static void copyChapters(AVFormatContext src, AVFormatContext out, long startMicros) {
    int n = src.nb_chapters();
    if (n <= 0) {
      return;
    }
    PointerPointer<AVChapter> list = new PointerPointer<AVChapter>(av_mallocz((long) n * Loader.sizeof(Pointer.class))).capacity(n);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      AVChapter from = src.chapters(i);
      long shift = av_rescale_q(startMicros, av_get_time_base_q(), from.time_base());
      // A chapter at 0 of a source that starts later would start before the output does: it starts
      // at 0 instead, and one that ends before the output starts is left out (as FFmpeg does).
      long start = Math.max(0, from.start() - shift);
      long end = Math.max(start, from.end() - shift);
      if (from.end() - shift <= 0) {
        continue;
      }
      AVChapter to = new AVChapter(av_mallocz(Loader.sizeof(AVChapter.class)));
      to.id(from.id());
      to.time_base(from.time_base());
      to.start(start);
      to.end(end);
      to.metadata(copyDict(from.metadata(), (String[]) null));
      list.put(kept++, to);
    }
    out.chapters(list);
    out.nb_chapters(kept);
  }

  private static void copyDisplayMatrix(AVCodecParameters from, AVCodecParameters to) {
    AVPacketSideData sd = av_packet_side_data_get(from.coded_side_data(), from.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
    if (sd == null || sd.isNull() || sd.size() <= 0) {
      return;
    }
    org.bytedeco.javacpp.BytePointer added = Ffmpeg.newStreamSideData(to, AV_PKT_DATA_DISPLAYMATRIX, sd.size());
    if (added != null) {
      org.bytedeco.javacpp.Pointer.memcpy(added, sd.data(), sd.size());
    }
  }

  /** A new dictionary with {@code keys} of {@code from} (all of them when keys is null). */
  private static AVDictionary copyDict(AVDictionary from, String... keys) {
    AVDictionary to = new AVDictionary(null);
    Map<String, String> all = org.framefork.encoder.probe.Prober.metadataOf(from);
    all.forEach((k, v) -> {
      if (keys == null || Arrays.asList(keys).contains(k)) {
        av_dict_set(to, k, v, 0);
      }
    });
    return to;
  }
}
