package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.probe.AudioStream;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Languages;
import org.framefork.encoder.probe.MediaInfo;

/**
 * What happens to each audio stream of the source in the output: copied as it is, or encoded to AAC
 * or Opus. Decided before any encoding, so that an impossible request fails at once.
 */
public record AudioPlan(List<Track> tracks) {
  /** One source audio stream and its fate; {@code encodeTo} is 0 for a copy, else the codec id. */
  public record Track(AudioStream source, int encodeTo) {
    public boolean copy() {
      return encodeTo == 0;
    }

    public String describe() {
      return copy() ? "copy " + source.codec() : source.codec() + " -> " + (encodeTo == AV_CODEC_ID_AAC ? "aac" : "opus");
    }
  }

  /**
   * For {@code --audio copy}, before any work: why {@code input}'s audio cannot be copied into
   * {@code container} (the message {@link #decide} would give once the input is probed), or null
   * when it can, or when the file does not open (the probe says why, in its own words).
   */
  public static String copyProblem(Path input, Container container) {
    Ffmpeg.init();
    AVFormatContext ctx = new AVFormatContext(null);
    if (avformat_open_input(ctx, Ffmpeg.url(input), null, null) < 0) {
      return null;
    }
    try {
      if (avformat_find_stream_info(ctx, (PointerPointer<?>) null) < 0) {
        return null;
      }
      AVOutputFormat fmt = av_guess_format(container.muxer(), null, null);
      for (int i = 0; i < ctx.nb_streams(); i++) {
        AVCodecParameters par = ctx.streams(i).codecpar();
        if (par.codec_type() == AVMEDIA_TYPE_AUDIO && avformat_query_codec(fmt, par.codec_id(), FF_COMPLIANCE_NORMAL) != 1) {
          return copyRefusal(input, avcodec_get_name(par.codec_id()).getString(), container);
        }
      }
      return null;
    } finally {
      avformat_close_input(ctx);
    }
  }

  private static String copyRefusal(Object input, String codec, Container container) {
    return input + ": its " + codec + " audio cannot be copied into " + container
        + "; use " + (container == Container.WEBM ? "--audio opus" : "--audio aac or opus") + ", or another container";
  }

  public static AudioPlan decide(MediaInfo media, Container container, AudioMode mode) {
    List<Track> tracks = new ArrayList<>();
    if (mode == AudioMode.NONE) {
      return new AudioPlan(tracks);
    }
    Ffmpeg.init();
    AVOutputFormat fmt = av_guess_format(container.muxer(), null, null);
    int fallback = container == Container.WEBM ? AV_CODEC_ID_OPUS : AV_CODEC_ID_AAC;
    for (AudioStream a : media.audio()) {
      int sourceId = codecId(a.codec());
      boolean fits = sourceId != 0 && avformat_query_codec(fmt, sourceId, FF_COMPLIANCE_NORMAL) == 1;
      int target = switch (mode) {
        case COPY -> {
          if (!fits) {
            throw new InputException(copyRefusal(media.path(), a.codec(), container));
          }
          yield 0;
        }
        // PCM in MP4 (ISO 23003-5 'ipcm') is new: few players read it, and FFmpeg's muxer fails on
        // some layouts (5.1) only when it finishes the file. auto encodes it instead.
        case AUTO -> fits && !(container == Container.MP4 && a.codec().startsWith("pcm_")) ? 0 : fallback;
        case AAC -> sourceId == AV_CODEC_ID_AAC && fits ? 0 : AV_CODEC_ID_AAC;
        case OPUS -> sourceId == AV_CODEC_ID_OPUS && fits ? 0 : AV_CODEC_ID_OPUS;
        case NONE -> throw new AssertionError();
      };
      if (target != 0) {
        if (container == Container.WEBM && target == AV_CODEC_ID_AAC) {
          throw new InputException("webm cannot hold AAC audio; use --audio opus or another container");
        }
        AVCodec encoder = avcodec_find_encoder(target);
        if (encoder == null || encoder.isNull()) {
          throw new InputException("this FFmpeg build has no encoder for " + (target == AV_CODEC_ID_AAC ? "aac" : "opus"));
        }
      }
      tracks.add(new Track(a, target));
    }
    return new AudioPlan(tracks);
  }

  /**
   * What {@code --audio auto} encoded rather than copied, and why, for the report: the user asked
   * for no conversion, so it says which streams changed. Other modes say what they do themselves.
   */
  public List<Note> notes(AudioMode mode, Container container) {
    if (mode != AudioMode.AUTO) {
      return List.of();
    }
    List<Note> notes = new ArrayList<>();
    for (Track t : tracks) {
      if (!t.copy()) {
        String to = t.encodeTo() == AV_CODEC_ID_AAC ? "AAC" : "Opus";
        String why = t.source().codec().startsWith("pcm_") && container == Container.MP4
            ? "few players read PCM in mp4; mkv keeps it as it is"
            : container + " cannot hold it";
        notes.add(Note.info("the " + t.source().codec() + " audio" + which(t.source()) + " was encoded to " + to + " (" + why + ")"));
      }
    }
    return notes;
  }

  /** Which of several audio streams a note is about: " (stream 2, eng)"; nothing when there is one. */
  private String which(AudioStream a) {
    if (tracks.size() < 2) {
      return "";
    }
    String language = Languages.named(a.language()) ? ", " + a.language() : "";
    return " (stream " + a.index() + language + ")";
  }

  private static int codecId(String name) {
    AVCodecDescriptor d = avcodec_descriptor_get_by_name(name);
    return d == null || d.isNull() ? 0 : d.id();
  }
}
