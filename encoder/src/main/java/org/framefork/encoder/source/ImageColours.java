package org.framefork.encoder.source;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT470BG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_GAMMA22;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_GAMMA28;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_IEC61966_2_1;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_LINEAR;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_range_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;

/**
 * The colours of a sequence's images, as FFmpeg's tags: image files carry none, so they are the
 * conventions of the formats. A YUV image (JPEG's JFIF, WebP's VP8) has BT.601's matrix, which the
 * conversion to yuv420p keeps, and JPEG's is full range, which it keeps too (see {@code
 * EncodedPicture.colours}, which the output's tags come from): untagged, a player would read an HD
 * picture with BT.709's matrix. Images without a colour profile are sRGB, whose primaries are
 * BT.709's, and their transfer is sRGB's (IEC 61966-2-1), 16-bit PNGs and TIFFs as much as 8-bit
 * ones: PNG without a gAMA or iCCP chunk is sRGB by its specification, and neither the decoder nor
 * the conversion linearises the samples. A PNG whose first image FFmpeg's decoder reports another
 * transfer for (a gAMA chunk's: 1.0 linear, 2.2 gamma22) is tagged with that one. An EXR's samples are linear light (FFmpeg's decoder applies
 * no transfer unless asked): its transfer is tagged linear, its primaries (which its chromaticities
 * attribute, when present, would say) left unsaid. DPX (film scans, often log) is left unsaid. An
 * RGB image's matrix is the one its conversion picks, not said here.
 *
 * @param space FFmpeg's {@code AVColorSpace}
 * @param range FFmpeg's {@code AVColorRange}
 * @param primaries FFmpeg's {@code AVColorPrimaries}
 * @param transfer FFmpeg's {@code AVColorTransferCharacteristic}
 */
record ImageColours(int space, int range, int primaries, int transfer) {
  static ImageColours of(ImageSequence s) {
    int format = av_get_pix_fmt(s.pixelFormat());
    AVPixFmtDescriptor d = av_pix_fmt_desc_get(format);
    boolean yuv = d != null && !d.isNull() && (d.flags() & AV_PIX_FMT_FLAG_RGB) == 0 && d.nb_components() >= 3;
    String ext = ImageDecoder.formatOf(s.frames().getFirst());
    boolean fullRange = s.pixelFormat().startsWith("yuvj") || ext.startsWith("jp");
    // Only a gAMA chunk's curve (linear, 2.2, 2.8): FFmpeg also reports a cICP chunk's transfer
    // (FFmpeg 7 writes one into every PNG it takes from a tagged video), whose primaries these tags
    // do not follow; an sRGB or iCCP chunk, or none, is sRGB.
    boolean pngTransfer = ext.equals("png") && (s.transfer() == AVCOL_TRC_LINEAR || s.transfer() == AVCOL_TRC_GAMMA22
        || s.transfer() == AVCOL_TRC_GAMMA28);
    return new ImageColours(yuv ? AVCOL_SPC_BT470BG : AVCOL_SPC_UNSPECIFIED,
        yuv ? (fullRange ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG) : AVCOL_RANGE_UNSPECIFIED,
        ext.equals("dpx") || ext.equals("exr") ? AVCOL_PRI_UNSPECIFIED : AVCOL_PRI_BT709,
        pngTransfer ? s.transfer() : ext.equals("exr") ? AVCOL_TRC_LINEAR
            : ext.equals("dpx") ? AVCOL_TRC_UNSPECIFIED : AVCOL_TRC_IEC61966_2_1);
  }

  /** Sets these tags on {@code par}, a sequence's stream description. */
  void describe(AVCodecParameters par) {
    par.color_space(space);
    par.color_range(range);
    par.color_primaries(primaries);
    par.color_trc(transfer);
  }

  String spaceName() {
    return name(av_color_space_name(space));
  }

  String rangeName() {
    return name(av_color_range_name(range));
  }

  String primariesName() {
    return name(av_color_primaries_name(primaries));
  }

  String transferName() {
    return name(av_color_transfer_name(transfer));
  }

  private static String name(BytePointer p) {
    return p == null || p.isNull() ? null : p.getString();
  }
}
