package org.framefork.encoder.job;

import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.probe.HdrInfo;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.report.Note;

/**
 * What an encode did to the source's samples and HDR that a user should hear of (the report's
 * notes): fewer bits (dithered or rounded, and why), another chroma layout, HDR at 8 bits, and the HDR
 * layers that FrameFork does not carry (Dolby Vision, HDR10+).
 */
final class PictureNotes {
  /** Formats that are the output's own, in another name or layout: no note. */
  private static final Set<String> SAME_AS_8_BIT = Set.of("yuv420p", "yuvj420p", "nv12", "nv21");
  private static final Set<String> SAME_AS_10_BIT = Set.of("yuv420p10le", "p010le");

  private PictureNotes() {}

  /**
   * @param requested the depth asked for (0: the source's)
   * @param video the settings the encoders got, their picture format settled
   * @param alphaOver whether the pictures' alpha was composited over a colour (--alpha-over)
   */
  static List<Note> of(VideoStream source, int requested, EncodeSettings video, boolean alphaOver, HdrToSdr.Curve toneMapAsked) {
    List<Note> notes = new ArrayList<>();
    PictureFormat out = video.picture();
    if (out.toneMap() != null) {
      notes.add(Note.info(String.format(Locale.ROOT, "tone-mapped from HDR10 (PQ, %s) to SDR (BT.709, 8-bit) with %s, source peak %.0f cd/m²",
          source.colorPrimaries(), out.toneMap().cliName(), out.sourcePeakNits())));
    } else if (toneMapAsked != null) {
      notes.add(Note.warning("--tonemap maps PQ (HDR10) sources; this one is " + source.hdr().format()
          + (source.hdr().format().equals("HLG") ? ", which SDR screens show as it is," : "") + " and was left as it is"));
    }
    String pixels = source.pixelFormat();
    boolean fewerBits = source.bitDepth() > out.depth() && out.toneMap() == null;
    // RGB converted at no loss of bits has its conversion's note (SourceNotes#colourNote) and no other.
    boolean rgbSaidIt = !fewerBits && SourceNotes.convertsRgb(pixels);
    if (pixels != null && !rgbSaidIt && !(out.depth() == 8 ? SAME_AS_8_BIT : SAME_AS_10_BIT).contains(pixels)) {
      String note = "the source's pictures are " + pixels + "; they were encoded as " + out.depth() + "-bit 4:2:0 ("
          + out.pixelFormatName() + ")";
      if (fewerBits) {
        // The colour kernels round their 16-bit RGB to 8 or 10 bits (RgbToYuv420). libswscale dithers to 8
        // bits; to 10 it rounds where it converts (RGB, another chroma layout: a flat 16-bit picture
        // stays flat) but dithers where it only copies the planes at fewer bits (a 12-bit 4:2:0 or grey
        // picture: a flat Y 2049 of 4095 becomes 512 and 513, as Debian's ffmpeg does).
        boolean copiedPlanes = pixels.startsWith("yuv420p") || pixels.startsWith("gray");
        boolean rounded = out.depth() == 10 ? !copiedPlanes
            : PictureConverter.convertsWithKernels(av_get_pix_fmt(pixels), out.depth(), alphaOver);
        note += (rounded ? ", rounded" : ", dithered") + " (not truncated) from " + source.bitDepth() + " to " + out.depth()
            + " bits: " + (out.depth() == 10 ? "FrameFork writes at most 10" : whyFewerBits(video.codec(), requested));
      }
      notes.add(fewerBits && requested == 0 ? Note.warning(note) : Note.info(note)); // fewer bits, not asked for: warns
    }
    HdrInfo hdr = source.hdr();
    if (hdr.isHdr() && out.depth() == 8 && out.toneMap() == null) {
      notes.add(Note.warning("the output is 8-bit with the source's " + hdr.format() + " tags, which bands in smooth gradients; "
          + howToKeepTenBits(video.codec(), requested, source.bitDepth())));
    }
    if (hdr.dolbyVisionProfile() != null && hdr.dolbyVisionProfile() == 5) {
      // Profile 5's pictures are IPT-PQ-c2, which only the Dolby Vision layer turns into colours.
      notes.add(Note.warning("the source is Dolby Vision profile 5, which has no HDR10 or SDR base layer: without its Dolby Vision "
          + "layer, which was dropped, the output's colours are wrong"));
    } else if (hdr.dolbyVisionProfile() != null) {
      notes.add(Note.warning("the source's Dolby Vision layer (profile " + hdr.dolbyVisionProfile() + ") was dropped: the output is its "
          + hdr.format() + " base layer"));
    }
    if (hdr.hdr10Plus()) {
      notes.add(Note.warning("the source's HDR10+ dynamic metadata was dropped"
          + (out.hdr() != null ? "; its HDR10 static metadata was kept" : "")));
    }
    return notes;
  }

  /**
   * What {@code --verify-quality} measures an output against when the source's pictures ({@code
   * pixelFormat}, FFmpeg's name) have more chroma than 4:2:0 (4:4:4, 4:2:2, RGB): the source as the
   * encoder got it, at 4:2:0. Null for a 4:2:0 source, or one without chroma (gray).
   */
  static String qualityReference(String pixelFormat) {
    int format = pixelFormat == null ? -1 : av_get_pix_fmt(pixelFormat);
    AVPixFmtDescriptor d = format < 0 ? null : av_pix_fmt_desc_get(format);
    if (d == null || d.nb_components() < 3 || (d.log2_chroma_w() == 1 && d.log2_chroma_h() == 1)) {
      return null;
    }
    return "the source at 4:2:0";
  }

  /** What keeps an HDR source at 10 bits: another codec, or, with one that keeps them, not asking for 8. */
  private static String howToKeepTenBits(VideoCodec codec, int requested, int sourceDepth) {
    if (!codec.keepsSourceDepth()) {
      return "h265 or av1 keep 10 bits";
    }
    return requested == 8 && sourceDepth > 8 ? "drop --depth 8 to keep 10 bits" : "--depth 10 writes 10 bits";
  }

  private static String whyFewerBits(VideoCodec codec, int requested) {
    if (requested == 8) {
      return "--depth 8 asked for it";
    }
    if (codec.maxDepth() == 8) {
      return codec + " writes 8 bits only in this build; h265 and av1 keep 10";
    }
    return codec + " stays 8-bit unless --depth 10 (High 10 plays on few devices); h265 and av1 keep 10 bits";
  }
}
