package org.framefork.encoder.cluster;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;

import java.util.StringJoiner;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.report.BuildVersion;

/** What a node tells the cluster about itself, so that a coordinator can refuse a node that would encode differently. */
final class ClusterInfo {
  private ClusterInfo() {}

  /**
   * FrameFork's version, FFmpeg's, and the chunk format: nodes must agree on all three. Read once, on
   * first use: the jar may be rebuilt under a running JVM, and a read of the new one failed, so that
   * a node said "development build" when it rejoined, and every coordinator refused it.
   */
  static String version() {
    return Once.VERSION;
  }

  /** Holds {@link #version()}, read when first asked for. */
  private static final class Once {
    static final String VERSION = read();
  }

  private static String read() {
    String ff;
    try {
      ff = org.bytedeco.ffmpeg.global.avutil.av_version_info().getString();
    } catch (Throwable t) {
      ff = "unknown";
    }
    return "FrameFork " + BuildVersion.frameFork() + ", FFmpeg " + ff + ", chunk format " + ChunkWire.FORMAT;
  }


  /** The encoders of FrameFork's codecs that this JVM's FFmpeg has, comma-separated. */
  static String encoders() {
    Ffmpeg.init();
    StringJoiner j = new StringJoiner(",");
    for (VideoCodec c : VideoCodec.values()) {
      var e = avcodec_find_encoder_by_name(c.encoderName());
      if (e != null && !e.isNull()) {
        j.add(c.encoderName());
      }
    }
    return j.toString();
  }
}
