package org.framefork.encoder.probe;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.framefork.encoder.media.Rational;

/**
 * The packet scan's record of the streams other than the video: where each one's packets start
 * and stop, in seconds, and the shortest gap between two of them.
 */
final class StreamSpans {
  private final double[] start;
  private final double[] stop;
  private final double[] gap;
  private final double[] lastDuration;

  StreamSpans(int streams) {
    start = new double[streams];
    stop = new double[streams];
    Arrays.fill(start, Double.POSITIVE_INFINITY);
    Arrays.fill(stop, Double.NEGATIVE_INFINITY);
    gap = new double[streams];
    lastDuration = new double[streams];
    Arrays.fill(gap, Double.POSITIVE_INFINITY);
  }

  /** Notes packet {@code pkt} (which has a presentation time) of stream {@code si}, whose time base is {@code timeBase}. */
  void add(int si, Rational timeBase, AVPacket pkt) {
    double s = timeBase.seconds(pkt.pts());
    if (!Double.isInfinite(stop[si]) && s > stop[si]) {
      gap[si] = Math.min(gap[si], s - stop[si]);
    }
    if (s >= stop[si]) {
      lastDuration[si] = pkt.duration() > 0 ? timeBase.seconds(pkt.duration()) : 0;
    }
    start[si] = Math.min(start[si], s);
    stop[si] = Math.max(stop[si], s);
  }

  /** When stream {@code i}'s first packet plays (0 when it has none). */
  double startSeconds(int i) {
    return Double.isInfinite(start[i]) ? 0 : start[i];
  }

  /**
   * From its first packet to the end of its last (0 when it has none). The last packet lasts as
   * long as it says (a WAV's last one holds what is left: 150 samples, not 2048) but no longer than
   * the shortest gap between two packets: some demuxers give its duration in samples rather than
   * the time base (FFmpeg 8's Opus in Matroska), and one that says none lasts that gap.
   */
  double durationSeconds(int i) {
    boolean gaps = gap[i] != Double.POSITIVE_INFINITY;
    double last = !gaps ? lastDuration[i] : lastDuration[i] > 0 ? Math.min(gap[i], lastDuration[i]) : gap[i];
    return Double.isInfinite(stop[i]) ? 0 : stop[i] + last - startSeconds(i);
  }

  /** The shortest time between two of its packets (0 when it has one packet or none). */
  double packetSeconds(int i) {
    return gap[i] != Double.POSITIVE_INFINITY ? gap[i] : 0;
  }
}
