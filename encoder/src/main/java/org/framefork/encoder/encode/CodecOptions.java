package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.framefork.encoder.media.HdrMetadata;

/** Turns {@link EncodeSettings} into each FFmpeg encoder's own options. */
final class CodecOptions {
  private CodecOptions() {}

  /** Fills {@code opts} (an empty dictionary) and the context fields each encoder reads. */
  static void apply(EncodeSettings s, AVCodecContext ctx, AVDictionary opts) {
    int threads = s.codecThreads();
    ctx.thread_count(threads);
    switch (s.codec()) {
      case H264 -> {
        av_dict_set(opts, "preset", s.preset(), 0);
        av_dict_set(opts, "crf", EncodeSettings.formatCrf(s.crf()), 0);
        // stitchable: every segment gets the same parameter sets, so the joined stream has one
        // valid header; log-level keeps x264's own banner off the user's terminal; asm keeps x264
        // off its AVX-512 functions, which read memory it never wrote at widths that are not a
        // multiple of 128 (outputs then changed from run to run): see X264InstructionSets.
        String asm = X264InstructionSets.forThisMachine();
        av_dict_set(opts, "x264-params", "stitchable=1:log-level=error" + (asm == null ? "" : ":asm=" + asm), 0);
      }
      case H265 -> {
        av_dict_set(opts, "preset", s.preset(), 0);
        av_dict_set(opts, "crf", EncodeSettings.formatCrf(s.crf()), 0);
        // x265 keeps its own thread pool; bound it to the configured threads per chunk.
        int frameThreads = Math.max(1, Math.min(threads, 4));
        av_dict_set(opts, "x265-params", "pools=" + threads + ":frame-threads=" + frameThreads + ":log-level=error"
            + x265Hdr(s.picture().outputHdr()), 0);
      }
      case VP9 -> {
        ctx.bit_rate(0); // constant quality: CRF with no bitrate target
        av_dict_set(opts, "crf", EncodeSettings.formatCrf(s.crf()), 0);
        av_dict_set(opts, "deadline", "good", 0);
        av_dict_set(opts, "cpu-used", Integer.toString(Presets.vp9CpuUsed(s.preset())), 0);
        av_dict_set(opts, "row-mt", threads > 1 ? "1" : "0", 0);
      }
      case AV1 -> {
        av_dict_set(opts, "crf", EncodeSettings.formatCrf(s.crf()), 0);
        av_dict_set(opts, "preset", Integer.toString(Presets.svtAv1Preset(s.preset())), 0);
        av_dict_set(opts, "svtav1-params", "lp=" + threads + svtAv1Hdr(s.picture().outputHdr()), 0);
      }
    }
  }

  /**
   * x265's HDR10 parameters (it then writes the SEI messages with every keyframe), each with its
   * leading ':'; empty for none.
   */
  private static String x265Hdr(HdrMetadata hdr) {
    if (hdr == null) {
      return "";
    }
    String p = hdr.masteringDisplay() == null ? "" : ":master-display=" + hdr.masteringDisplay().x265();
    return p + (hdr.contentLight() == null ? "" : ":max-cll=" + hdr.contentLight().pair());
  }

  /** SVT-AV1's HDR10 parameters (metadata OBUs with every keyframe), each with its leading ':'. */
  private static String svtAv1Hdr(HdrMetadata hdr) {
    if (hdr == null) {
      return "";
    }
    String p = hdr.masteringDisplay() == null ? "" : ":mastering-display=" + hdr.masteringDisplay().svtAv1();
    return p + (hdr.contentLight() == null ? "" : ":content-light=" + hdr.contentLight().pair());
  }
}
