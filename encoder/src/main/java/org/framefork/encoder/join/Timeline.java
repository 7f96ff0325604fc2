package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;

/**
 * The video timeline: per segment, per packet in decode order, the exact pts, dts and duration in
 * the source time base.
 */
record Timeline(long[][] pts, long[][] dts, long[][] duration, int frames) {

  /**
   * @param segmentPts per segment, the source presentation times of its frames (ascending)
   * @param endPts the time just after the source's last frame ends
   * @param decodeOrderEnd whether the output's track lasts to its last decode time and that
   *     packet's duration (MP4: see {@link #endInDecodeOrder})
   */
  static Timeline of(List<long[]> segmentPts, List<Path> segments, long endPts, boolean decodeOrderEnd) {
    long[] all = presentationOrder(segmentPts);
    int n = all.length;
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
      Integer[] order = packetsByPts(containerPts);
      long[] exact = new long[order.length];
      long[] dur = new long[order.length];
      for (int j = 0; j < order.length; j++) {
        int rank = first + j;
        int packet = order[j];
        exact[packet] = all[rank];
        dur[packet] = (rank + 1 < n ? all[rank + 1] : endPts) - all[rank];
        // Packet i (in decode order) shows frame `rank`: D must cover how far decode runs ahead.
        delay = Math.max(delay, first + packet - rank);
      }
      first += order.length;
      ptsOut[k] = exact;
      durOut[k] = dur;
    }
    long[][] dtsOut = decodeTimes(all, ptsOut, delay);
    if (decodeOrderEnd) {
      endInDecodeOrder(ptsOut, dtsOut, durOut, endPts);
    }
    return new Timeline(ptsOut, dtsOut, durOut, n);
  }

  /**
   * Makes the last packet in decode order end where the last frame shown does: its decode time
   * its own presentation time, its duration what is left to {@code endPts}. MP4 stores durations
   * in decode order and keeps the decode times with the last one's duration as the track's length
   * (a reader that ignores the edit list plays that long); with reordered frames the last decode
   * time {@code all[n - 1 - delay]} and the duration of the frame that packet shows end before
   * the video does (a 12.2 s VFR video read 12.167 s, Debian's ffprobe and FFmpeg 8.1). Stepping
   * the first decode times back instead put them up to a long gap before 0 (-30.1 s before a
   * 30 s gap near the end), and a reader that ignores edit lists then showed the video that late.
   * The muxer takes the edit list's end from the latest presentation time with its duration,
   * which for this packet is now {@code endPts} too.
   */
  private static void endInDecodeOrder(long[][] pts, long[][] dts, long[][] duration, long endPts) {
    int k = pts.length - 1;
    while (k >= 0 && pts[k].length == 0) {
      k--;
    }
    if (k < 0) {
      return;
    }
    int last = pts[k].length - 1;
    dts[k][last] = pts[k][last];
    duration[k][last] = endPts - pts[k][last];
  }

  /** All kept frames in presentation order: the segments' lists one after another. */
  private static long[] presentationOrder(List<long[]> segmentPts) {
    int n = segmentPts.stream().mapToInt(a -> a.length).sum();
    long[] all = new long[n];
    int at = 0;
    for (long[] p : segmentPts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /** The packets' numbers (in decode order) sorted by their presentation times. */
  private static Integer[] packetsByPts(long[] containerPts) {
    Integer[] order = new Integer[containerPts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(containerPts[a], containerPts[b]));
    return order;
  }

  /** {@code dts[i] = all[i - delay]} across the whole stream, stepping back from the first frame before it. */
  private static long[][] decodeTimes(long[] all, long[][] ptsOut, int delay) {
    int n = all.length;
    long step = n > 1 ? Math.max(1, all[1] - all[0]) : 1;
    long[][] dtsOut = new long[ptsOut.length][];
    int pos = 0;
    for (int k = 0; k < ptsOut.length; k++) {
      long[] dts = new long[ptsOut[k].length];
      for (int i = 0; i < dts.length; i++, pos++) {
        int j = pos - delay;
        dts[i] = j >= 0 ? all[j] : all[0] - (long) (-j) * step;
      }
      dtsOut[k] = dts;
    }
    return dtsOut;
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
}
