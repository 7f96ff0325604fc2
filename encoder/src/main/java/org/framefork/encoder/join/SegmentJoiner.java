package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
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
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_PATCHWELCOME;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_get_time_base_q;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.job.JobCancelledException;
import org.framefork.encoder.media.AudioStart;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.SubtitleStream;

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
  private final List<String> notes = new ArrayList<>();

  /**
   * @param segmentPts per segment, in time order, the source presentation times of the frames it
   *     holds (ascending): the plan's frames, less any that damage in the source kept out
   */
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
  }

  /** Things worth telling the user (a subtitle stream the container cannot hold, say). */
  public List<String> notes() {
    return notes;
  }

  /** Writes the joined output to {@code target} (a temporary name; the caller moves it into place). */
  public void join(Path target) {
    Ffmpeg.init();
    FrameIndex index = media.frames();
    Timeline timeline = timeline(index);

    // Audio that cannot be copied is encoded first, each stream to a file of its own.
    List<Path> encodedAudio = new ArrayList<>();
    for (AudioPlan.Track t : audio.tracks()) {
      if (t.copy()) {
        encodedAudio.add(null);
      } else {
        Path f = workDir.resolve("audio-" + t.source().index() + ".mka");
        AudioTranscoder.transcode(source, t.source().index(), t.encodeTo(), f, cancelled);
        encodedAudio.add(f);
      }
    }

    AVFormatContext out = new AVFormatContext(null);
    List<PacketSource> sources = new ArrayList<>();

    try {
      Ffmpeg.check(avformat_alloc_output_context2(out, null, container.muxer(), target.toString()), "output muxer");
      AVRational videoTb = Ffmpeg.rational(index.timeBase());

      // Video: parameters from the first segment (all segments share them), metadata from the source.
      VideoSource video = new VideoSource(timeline, 0);
      sources.add(video);
      AVStream vst = avformat_new_stream(out, null);
      Ffmpeg.check(avcodec_parameters_copy(vst.codecpar(), video.firstSegmentParameters()), "video parameters");
      vst.codecpar().codec_tag(0);
      // The pixel shape, in the stream and the parameters: Matroska writes the one, MP4 the other.
      AVRational sar = Ffmpeg.rational(video.firstSegmentAspectRatio());
      vst.sample_aspect_ratio(sar);
      vst.codecpar().sample_aspect_ratio(sar);
      vst.time_base(videoTb);
      video.outTimeBase = vst;

      // The source file, read once, supplies copied audio and subtitles.
      SourceStreams copied = new SourceStreams(source, media.video().startSeconds() + media.video().durationSeconds());
      AVFormatContext src = copied.ctx;
      sources.add(copied);
      AVStream srcVideo = src.streams(media.video().index());
      copyDisplayMatrix(srcVideo.codecpar(), vst.codecpar());
      // The pictures' own range and matrix, as the encoder was told them (an RGB source's are YUV now).
      vst.codecpar().color_range(EncodedPicture.colorRange(srcVideo.codecpar()));
      vst.codecpar().color_primaries(srcVideo.codecpar().color_primaries());
      vst.codecpar().color_trc(srcVideo.codecpar().color_trc());
      vst.codecpar().color_space(EncodedPicture.colorspace(srcVideo.codecpar()));
      vst.metadata(copyDict(src.streams(media.video().index()).metadata(), "language", "title", "handler_name"));

      for (int t = 0; t < audio.tracks().size(); t++) {
        AudioPlan.Track track = audio.tracks().get(t);
        AVStream ist = src.streams(track.source().index());
        AVStream ost = avformat_new_stream(out, null);
        ost.metadata(copyDict(ist.metadata(), "language", "title", "handler_name"));
        ost.disposition(ist.disposition());
        if (track.copy()) {
          Ffmpeg.check(avcodec_parameters_copy(ost.codecpar(), ist.codecpar()), "audio parameters");
          ost.codecpar().codec_tag(0);
          ost.time_base(ist.time_base());
          copied.map(track.source().index(), ost);
        } else {
          // Heard where the source is heard: the source's first decoded sample at the encoded file's.
          double heard = AudioStart.of(source, track.source().index()).orElse(track.source().startSeconds());
          double encodedHeard = AudioStart.of(encodedAudio.get(t), 0).orElse(0);
          EncodedAudioSource enc = new EncodedAudioSource(encodedAudio.get(t), heard - encodedHeard, ost);
          sources.add(enc);
          Ffmpeg.check(avcodec_parameters_copy(ost.codecpar(), enc.parameters()), "audio parameters");
          ost.codecpar().codec_tag(0);
          ost.time_base(enc.timeBase());
        }
      }
      for (SubtitleStream s : media.subtitles()) {
        AVStream ist = src.streams(s.index());
        SubtitleConverter converter = null;
        if (avformat_query_codec(out.oformat(), ist.codecpar().codec_id(), FF_COMPLIANCE_NORMAL) != 1) {
          converter = SubtitleConverter.forStream(ist, out.oformat());
          if (converter == null) {
            notes.add("subtitle stream " + s.index() + " (" + s.codec() + ") cannot go into " + container
                + (container == Container.MKV ? "" : " (mkv holds it)") + "; it was left out");
            continue;
          }
          notes.add("subtitle stream " + s.index() + " (" + s.codec() + ") was converted to " + converter.target() + " for "
              + container);
        }
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
        copied.map(s.index(), ost, converter);
      }
      for (int i = 0; i < src.nb_streams(); i++) {
        AVCodecParameters p = src.streams(i).codecpar();
        int type = p.codec_type();
        boolean kept = i == media.video().index() || type == AVMEDIA_TYPE_AUDIO || type == AVMEDIA_TYPE_SUBTITLE;
        if (!kept) {
          String what = type == AVMEDIA_TYPE_VIDEO
              ? ((src.streams(i).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0 ? "cover picture" : "second video stream")
              : type == AVMEDIA_TYPE_ATTACHMENT ? "attachment" : "data stream";
          notes.add(what + " " + i + " (" + avcodec_get_name(p.codec_id()).getString() + ") was left out");
        }
      }
      AVDictionary global = copyDict(src.metadata(), (String[]) null);
      for (String muxerOwn : new String[] {"major_brand", "minor_version", "compatible_brands", "encoder"}) {
        av_dict_set(global, muxerOwn, null, 0);
      }
      out.metadata(global);
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
      for (PacketSource s : sources) {
        s.advance();
      }

      // Merge the sources by decode time; the muxer's interleaving queue handles the rest.
      long written = 0;
      while (true) {
        PacketSource next = null;
        for (PacketSource s : sources) {
          if (s.hasHead() && (next == null || s.headSeconds() < next.headSeconds())) {
            next = s;
          }
        }
        if (next == null) {
          break;
        }
        if ((++written & 255) == 0 && cancelled.getAsBoolean()) {
          throw new JobCancelledException();
        }
        try {
          next.writeHead(out);
        } catch (MediaException e) {
          // The muxer writes what it queued of every stream: the packet in hand is not always the one refused.
          throw new MediaException("cannot write the output (" + e.getMessage() + "); the source may be damaged", e);
        }
        next.advance();
      }
      if (video.written != timeline.frames()) {
        throw new MediaException("join wrote " + video.written + " video frames, the segments hold " + timeline.frames());
      }
      Ffmpeg.check(av_write_trailer(out), target + ": finish");
      if (copied.dropped > 0) {
        notes.add(copied.dropped + " damaged audio or subtitle packet" + (copied.dropped == 1 ? " was" : "s were") + " left out");
      }
    } finally {
      for (PacketSource s : sources) {
        s.close();
      }
      if (out.pb() != null && !out.pb().isNull()) {
        avio_closep(out.pb());
      }
      avformat_free_context(out);
    }
  }

  // ---- the video timeline: exact presentation and decode times of every packet, segment by segment

  /** Per segment, per packet in decode order: the exact pts, dts and duration in the source time base. */
  record Timeline(long[][] pts, long[][] dts, long[][] duration, int frames) {}

  Timeline timeline(FrameIndex index) {
    // All kept frames in presentation order: the segments' lists one after another.
    int n = segmentPts.stream().mapToInt(a -> a.length).sum();
    long[] all = new long[n];
    int at = 0;
    for (long[] p : segmentPts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    long[][] ptsOut = new long[segments.size()][];
    long[][] durOut = new long[segments.size()][];
    int delay = 0;
    int first = 0; // global rank of the segment's first frame
    for (int k = 0; k < segments.size(); k++) {
      long[] exactSorted = segmentPts.get(k);
      long[] containerPts = readPts(segments.get(k));
      if (containerPts.length != exactSorted.length) {
        throw new MediaException("segment " + k + " holds " + containerPts.length + " frames, its record says " + exactSorted.length);
      }
      Integer[] order = new Integer[containerPts.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(containerPts[a], containerPts[b]));
      long[] exact = new long[order.length];
      long[] dur = new long[order.length];
      for (int j = 0; j < order.length; j++) {
        int rank = first + j;
        int packet = order[j];
        exact[packet] = all[rank];
        dur[packet] = (rank + 1 < n ? all[rank + 1] : index.endPts()) - all[rank];
        // Packet i (in decode order) shows frame `rank`: D must cover how far decode runs ahead.
        delay = Math.max(delay, first + packet - rank);
      }
      first += order.length;
      ptsOut[k] = exact;
      durOut[k] = dur;
    }
    long step = n > 1 ? Math.max(1, all[1] - all[0]) : 1;
    long[][] dtsOut = new long[segments.size()][];
    int pos = 0;
    for (int k = 0; k < segments.size(); k++) {
      long[] dts = new long[ptsOut[k].length];
      for (int i = 0; i < dts.length; i++, pos++) {
        int j = pos - delay;
        dts[i] = j >= 0 ? all[j] : all[0] - (long) (-j) * step;
      }
      dtsOut[k] = dts;
    }
    return new Timeline(ptsOut, dtsOut, durOut, n);
  }

  private static long[] readPts(Path segment) {
    AVFormatContext ctx = new AVFormatContext(null);
    Ffmpeg.check(avformat_open_input(ctx, Ffmpeg.url(segment), null, null), segment + ": open segment");
    AVPacket p = av_packet_alloc();
    try {
      long[] pts = new long[256];
      int n = 0;
      while (av_read_frame(ctx, p) >= 0) {
        if (n == pts.length) {
          pts = Arrays.copyOf(pts, n * 2);
        }
        pts[n++] = p.pts() != AV_NOPTS_VALUE ? p.pts() : p.dts();
        av_packet_unref(p);
      }
      return Arrays.copyOf(pts, n);
    } finally {
      av_packet_free(p);
      avformat_close_input(ctx);
    }
  }

  // ---- packet sources, merged by decode time

  private abstract static class PacketSource implements AutoCloseable {
    final AVPacket head = av_packet_alloc();
    boolean has;
    double headSeconds;

    boolean hasHead() {
      return has;
    }

    double headSeconds() {
      return headSeconds;
    }

    abstract void advance();

    void writeHead(AVFormatContext out) {
      Ffmpeg.check(av_interleaved_write_frame(out, head), "write output");
      has = false;
    }

    @Override
    public void close() {
      av_packet_free(head);
    }
  }

  /** The segments' packets, one segment after another, with exact times from the timeline. */
  private final class VideoSource extends PacketSource {
    private final Timeline timeline;
    private final int outIndex;
    private int segment = -1;
    private int packet;
    private AVFormatContext ctx;
    AVStream outTimeBase;
    long written;

    VideoSource(Timeline timeline, int outIndex) {
      this.timeline = timeline;
      this.outIndex = outIndex;
    }

    AVCodecParameters firstSegmentParameters() {
      openSegment(0);
      return ctx.streams(0).codecpar();
    }

    /** The first segment's pixel shape (see {@link Ffmpeg#sampleAspectRatio}). */
    Rational firstSegmentAspectRatio() {
      openSegment(0);
      return Ffmpeg.sampleAspectRatio(ctx.streams(0));
    }

    private void openSegment(int k) {
      closeSegment();
      ctx = new AVFormatContext(null);
      Ffmpeg.check(avformat_open_input(ctx, Ffmpeg.url(segments.get(k)), null, null), segments.get(k) + ": open segment");
      Ffmpeg.check(avformat_find_stream_info(ctx, (PointerPointer<?>) null), segments.get(k) + ": segment info");
      segment = k;
      packet = 0;
    }

    private void closeSegment() {
      if (ctx != null) {
        avformat_close_input(ctx);
        ctx = null;
      }
    }

    @Override
    void advance() {
      while (segment < segments.size()) {
        if (ctx != null && av_read_frame(ctx, head) >= 0) {
          head.stream_index(outIndex);
          head.pts(timeline.pts()[segment][packet]);
          head.dts(timeline.dts()[segment][packet]);
          head.duration(timeline.duration()[segment][packet]);
          head.pos(-1);
          packet++;
          Rational tb = media.frames().timeBase();
          headSeconds = tb.seconds(head.dts());
          av_packet_rescale_ts(head, Ffmpeg.rational(tb), outTimeBase.time_base());
          has = true;
          written++;
          return;
        }
        if (segment + 1 >= segments.size()) {
          closeSegment();
          segment = segments.size();
          break;
        }
        openSegment(segment + 1);
      }
      has = false;
    }

    @Override
    public void close() {
      closeSegment();
      super.close();
    }
  }

  /** Copied streams of the source file (audio, subtitles), read in file order. */
  private static final class SourceStreams extends PacketSource {
    final AVFormatContext ctx = new AVFormatContext(null);
    private final AVStream[] map;

    SourceStreams(Path source, double videoEndSeconds) {
      this.videoEndSeconds = videoEndSeconds;
      Ffmpeg.check(avformat_open_input(ctx, Ffmpeg.url(source), null, null), source + ": open");
      Ffmpeg.check(avformat_find_stream_info(ctx, (PointerPointer<?>) null), source + ": stream info");
      map = new AVStream[ctx.nb_streams()];
      converters = new SubtitleConverter[ctx.nb_streams()];
      lastDts = new long[ctx.nb_streams()];
      Arrays.fill(lastDts, Long.MIN_VALUE);
    }

    private final long[] lastDts;

    private final SubtitleConverter[] converters;

    /** Where the source's video ends, in its own timeline (seconds). */
    private final double videoEndSeconds;

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

    /** Packets of copied streams left out because damage in the source broke them. */
    int dropped;

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
        if (ost == null) {
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
        headSeconds = t == AV_NOPTS_VALUE ? 0 : Rational.of(itb).seconds(t);
        head.stream_index(ost.index());
        head.pos(-1);
        av_packet_rescale_ts(head, itb, ost.time_base());
        has = true;
        return;
      }
      has = false;
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

  /** An audio stream encoded to a file of its own, shifted to start where the source stream did. */
  private static final class EncodedAudioSource extends PacketSource {
    private final AVFormatContext ctx = new AVFormatContext(null);
    private final AVStream ost;
    private final double offsetSeconds;

    EncodedAudioSource(Path file, double offsetSeconds, AVStream ost) {
      this.ost = ost;
      this.offsetSeconds = offsetSeconds;
      Ffmpeg.check(avformat_open_input(ctx, Ffmpeg.url(file), null, null), file + ": open");
      Ffmpeg.check(avformat_find_stream_info(ctx, (PointerPointer<?>) null), file + ": stream info");
    }

    AVCodecParameters parameters() {
      return ctx.streams(0).codecpar();
    }

    AVRational timeBase() {
      return ctx.streams(0).time_base();
    }

    private final AVPacket next = av_packet_alloc();
    private boolean hasNext;
    private boolean started;
    private long lastDuration;

    private boolean read(AVPacket p) {
      while (av_read_frame(ctx, p) >= 0) {
        if (p.stream_index() == 0) {
          return true;
        }
        av_packet_unref(p);
      }
      return false;
    }

    @Override
    void advance() {
      if (!started) {
        hasNext = read(next);
        started = true;
      }
      if (!hasNext) {
        has = false;
        return;
      }
      av_packet_move_ref(head, next);
      hasNext = read(next);
      // Each packet lasts until the next one starts: the demuxer's duration field is not reliable
      // here (FFmpeg 8 reads Opus-in-Matroska durations in samples, not in the time base).
      if (hasNext && next.pts() != AV_NOPTS_VALUE && head.pts() != AV_NOPTS_VALUE) {
        lastDuration = next.pts() - head.pts();
      }
      head.duration(lastDuration);
      AVRational itb = ctx.streams(0).time_base();
      Rational tb = Rational.of(itb);
      long shift = Math.round(offsetSeconds / tb.toDouble());
      if (head.pts() != AV_NOPTS_VALUE) {
        head.pts(head.pts() + shift);
      }
      if (head.dts() != AV_NOPTS_VALUE) {
        head.dts(head.dts() + shift);
      }
      long t = head.dts() != AV_NOPTS_VALUE ? head.dts() : head.pts();
      headSeconds = t == AV_NOPTS_VALUE ? 0 : tb.seconds(t);
      head.stream_index(ost.index());
      head.pos(-1);
      av_packet_rescale_ts(head, itb, ost.time_base());
      has = true;
    }

    @Override
    public void close() {
      av_packet_free(next);
      avformat_close_input(ctx);
      super.close();
    }
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
    PointerPointer<AVPacketSideData> list = new PointerPointer<>(1);
    list.put(0, to.coded_side_data());
    IntPointer count = new IntPointer(1);
    count.put(0, to.nb_coded_side_data());
    AVPacketSideData added = av_packet_side_data_new(list, count, AV_PKT_DATA_DISPLAYMATRIX, sd.size(), 0);
    if (added == null || added.isNull()) {
      return;
    }
    org.bytedeco.javacpp.Pointer.memcpy(added.data(), sd.data(), sd.size());
    to.coded_side_data(new AVPacketSideData(list.get(0)));
    to.nb_coded_side_data(count.get(0));
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
