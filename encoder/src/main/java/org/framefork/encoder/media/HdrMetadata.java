package org.framefork.encoder.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_CONTENT_LIGHT_LEVEL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_MASTERING_DISPLAY_METADATA;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_CONTENT_LIGHT_LEVEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_MASTERING_DISPLAY_METADATA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avutil.AVContentLightMetadata;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.ffmpeg.avutil.AVMasteringDisplayMetadata;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * HDR10 static metadata: the mastering display's colour volume (SMPTE ST 2086) and the content light
 * level (CTA-861.3), either of which may be absent. Read from a stream's side data (the container's
 * record) or a decoded frame's (the bitstream's SEI), written into a stream's side data and into
 * x265's and SVT-AV1's parameters.
 */
public record HdrMetadata(MasteringDisplay masteringDisplay, ContentLight contentLight) {
  /** x265's units: chromaticities in 0.00002, luminance in 0.0001 cd/m², as H.265's SEI has them. */
  private static final int CHROMA_UNITS = 50_000;
  private static final int LUMA_UNITS = 10_000;

  /**
   * The mastering display, chromaticities as CIE 1931 x/y and luminance in cd/m².
   */
  public record MasteringDisplay(double redX, double redY, double greenX, double greenY, double blueX, double blueY,
      double whiteX, double whiteY, double maxLuminance, double minLuminance) {

    /** x265's {@code master-display}: G(x,y)B(x,y)R(x,y)WP(x,y)L(max,min) in its integer units. */
    public String x265() {
      return String.format(Locale.ROOT, "G(%d,%d)B(%d,%d)R(%d,%d)WP(%d,%d)L(%d,%d)", chroma(greenX), chroma(greenY),
          chroma(blueX), chroma(blueY), chroma(redX), chroma(redY), chroma(whiteX), chroma(whiteY),
          luma(maxLuminance), luma(minLuminance));
    }

    /** SVT-AV1's {@code mastering-display}: the same order, in decimals. */
    public String svtAv1() {
      return String.format(Locale.ROOT, "G(%.5f,%.5f)B(%.5f,%.5f)R(%.5f,%.5f)WP(%.5f,%.5f)L(%.4f,%.4f)", greenX, greenY,
          blueX, blueY, redX, redY, whiteX, whiteY, maxLuminance, minLuminance);
    }

    /** As a person reads it: "R(0.6800,0.3200) G(...) B(...) WP(...) L(1000.0000,0.0050) cd/m²". */
    public String describe() {
      return String.format(Locale.ROOT, "R(%.4f,%.4f) G(%.4f,%.4f) B(%.4f,%.4f) WP(%.4f,%.4f) L(%.4f,%.4f) cd/m²", redX,
          redY, greenX, greenY, blueX, blueY, whiteX, whiteY, maxLuminance, minLuminance);
    }

    /** Whether {@code o} says the same within the metadata's own precision (one unit of x265's). */
    public boolean sameAs(MasteringDisplay o) {
      return o != null && x265().equals(o.x265());
    }
  }

  /** Content light level: the brightest pixel and the brightest frame average, in cd/m². */
  public record ContentLight(int maxCll, int maxFall) {
    /** x265's {@code max-cll} and SVT-AV1's {@code content-light}: "MaxCLL,MaxFALL". */
    public String pair() {
      return maxCll + "," + maxFall;
    }
  }

  /** Whether neither part is there (never for the metadata {@link #ofFrame} and {@link #ofStream} give). */
  public boolean hasNone() {
    return masteringDisplay == null && contentLight == null;
  }

  /** The metadata a decoded frame carries (the bitstream's SEI or OBU), or null when none. */
  public static HdrMetadata ofFrame(AVFrame f) {
    AVFrameSideData md = av_frame_get_side_data(f, AV_FRAME_DATA_MASTERING_DISPLAY_METADATA);
    AVFrameSideData cl = av_frame_get_side_data(f, AV_FRAME_DATA_CONTENT_LIGHT_LEVEL);
    return of(md == null || md.isNull() ? null : md.data(), cl == null || cl.isNull() ? null : cl.data());
  }

  /** The metadata a stream's parameters carry (the container's record), or null when none. */
  public static HdrMetadata ofStream(AVCodecParameters par) {
    return of(sideData(par, AV_PKT_DATA_MASTERING_DISPLAY_METADATA), sideData(par, AV_PKT_DATA_CONTENT_LIGHT_LEVEL));
  }

  private static BytePointer sideData(AVCodecParameters par, int type) {
    AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), type);
    return sd == null || sd.isNull() ? null : sd.data();
  }

  private static HdrMetadata of(Pointer mastering, Pointer light) {
    MasteringDisplay display = mastering == null ? null : masteringDisplay(new AVMasteringDisplayMetadata(mastering));
    ContentLight level = null;
    if (light != null) {
      AVContentLightMetadata c = new AVContentLightMetadata(light);
      level = new ContentLight(c.MaxCLL(), c.MaxFALL());
    }
    HdrMetadata m = new HdrMetadata(display, level);
    return m.hasNone() ? null : m;
  }

  /** Only a display with both its primaries and its luminance: HDR10 needs both, and x265 takes no half. */
  private static MasteringDisplay masteringDisplay(AVMasteringDisplayMetadata m) {
    if (m.has_primaries() == 0 || m.has_luminance() == 0) {
      return null;
    }
    // FFmpeg's order of primaries is R, G, B.
    return new MasteringDisplay(q(m.display_primaries(0, 0)), q(m.display_primaries(0, 1)), q(m.display_primaries(1, 0)),
        q(m.display_primaries(1, 1)), q(m.display_primaries(2, 0)), q(m.display_primaries(2, 1)), q(m.white_point(0)),
        q(m.white_point(1)), q(m.max_luminance()), q(m.min_luminance()));
  }

  private static double q(AVRational r) {
    return r.den() == 0 ? 0 : (double) r.num() / r.den();
  }

  private static int chroma(double v) {
    return (int) Math.round(v * CHROMA_UNITS);
  }

  private static int luma(double v) {
    return (int) Math.round(v * LUMA_UNITS);
  }

  /** Adds this metadata to {@code par}'s side data, where muxers write it (mdcv/clli boxes, Matroska's colour). */
  public void addTo(AVCodecParameters par) {
    if (masteringDisplay != null) {
      AVMasteringDisplayMetadata m = new AVMasteringDisplayMetadata(
          newSideData(par, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, Loader.sizeof(AVMasteringDisplayMetadata.class)));
      MasteringDisplay d = masteringDisplay;
      double[][] rgb = {{d.redX(), d.redY()}, {d.greenX(), d.greenY()}, {d.blueX(), d.blueY()}};
      for (int i = 0; i < 3; i++) {
        m.display_primaries(i, 0, av_make_q(chroma(rgb[i][0]), CHROMA_UNITS));
        m.display_primaries(i, 1, av_make_q(chroma(rgb[i][1]), CHROMA_UNITS));
      }
      m.white_point(0, av_make_q(chroma(d.whiteX()), CHROMA_UNITS));
      m.white_point(1, av_make_q(chroma(d.whiteY()), CHROMA_UNITS));
      m.max_luminance(av_make_q(luma(d.maxLuminance()), LUMA_UNITS));
      m.min_luminance(av_make_q(luma(d.minLuminance()), LUMA_UNITS));
      m.has_primaries(1);
      m.has_luminance(1);
    }
    if (contentLight != null) {
      AVContentLightMetadata c = new AVContentLightMetadata(
          newSideData(par, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, Loader.sizeof(AVContentLightMetadata.class)));
      c.MaxCLL(contentLight.maxCll());
      c.MaxFALL(contentLight.maxFall());
    }
  }

  private static BytePointer newSideData(AVCodecParameters par, int type, long size) {
    BytePointer data = Ffmpeg.newStreamSideData(par, type, size);
    if (data == null) {
      throw new MediaException("out of memory for the stream's HDR metadata");
    }
    return data;
  }
}
