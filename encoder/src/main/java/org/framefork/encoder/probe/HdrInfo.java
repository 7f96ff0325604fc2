package org.framefork.encoder.probe;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DOVI_CONF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_DYNAMIC_HDR_PLUS;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.framefork.encoder.media.HdrMetadata;

/**
 * What a video stream says of its dynamic range: its transfer's HDR format, its HDR10 static
 * metadata, a Dolby Vision configuration and HDR10+ dynamic metadata.
 *
 * @param format {@code HDR10} (PQ transfer), {@code HLG}, or {@code SDR}
 * @param staticMetadata mastering display and content light level, from the container or else the
 *     first picture; null when there are none
 * @param dolbyVisionProfile the Dolby Vision profile of the stream's configuration record, or null
 * @param hdr10Plus whether the first picture carries HDR10+ (SMPTE ST 2094-40) dynamic metadata
 */
public record HdrInfo(String format, HdrMetadata staticMetadata, Integer dolbyVisionProfile, boolean hdr10Plus) {
  public static final HdrInfo SDR = new HdrInfo("SDR", null, null, false);

  /** Whether the transfer is PQ or HLG: pictures a decoder must read as HDR. */
  public boolean isHdr() {
    return !format.equals("SDR");
  }

  /** Whether {@code trc} (an FFmpeg transfer) is one whose pictures need their first frame read for metadata. */
  public static boolean hdrTransfer(int trc) {
    return trc == AVCOL_TRC_SMPTE2084 || trc == AVCOL_TRC_ARIB_STD_B67;
  }

  /**
   * The stream's HDR description from its parameters and, when not null, its first decoded
   * picture (where HEVC and AV1 carry their metadata in the bitstream).
   */
  static HdrInfo of(AVCodecParameters par, AVFrame first) {
    String format = switch (par.color_trc()) {
      case AVCOL_TRC_SMPTE2084 -> "HDR10";
      case AVCOL_TRC_ARIB_STD_B67 -> "HLG";
      default -> "SDR";
    };
    HdrMetadata meta = HdrMetadata.ofStream(par);
    boolean plus = false;
    if (first != null) {
      if (meta == null) {
        meta = HdrMetadata.ofFrame(first);
      }
      AVFrameSideData dyn = av_frame_get_side_data(first, AV_FRAME_DATA_DYNAMIC_HDR_PLUS);
      plus = dyn != null && !dyn.isNull();
    }
    HdrInfo info = new HdrInfo(format, meta, dolbyVisionProfile(par), plus);
    return info.equals(SDR) ? SDR : info;
  }

  /** The profile byte of the DOVI configuration record (version major, minor, then profile). */
  private static Integer dolbyVisionProfile(AVCodecParameters par) {
    AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DOVI_CONF);
    if (sd == null || sd.isNull() || sd.size() < 3) {
      return null;
    }
    return sd.data().capacity(sd.size()).get(2) & 0xFF;
  }

  /** As {@code probe} prints it: "HDR10, Dolby Vision profile 8, HDR10+". */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add(format);
    if (dolbyVisionProfile != null) {
      parts.add("Dolby Vision profile " + dolbyVisionProfile);
    }
    if (hdr10Plus) {
      parts.add("HDR10+");
    }
    return String.join(", ", parts);
  }
}
