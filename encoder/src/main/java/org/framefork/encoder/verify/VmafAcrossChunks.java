package org.framefork.encoder.verify;

import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.verify.vmaf.VmafEdges;
import org.framefork.encoder.verify.vmaf.VmafTally;

/**
 * The whole output's VMAF from its chunks, each measured alone: each chunk's first frame is scored
 * again with the motion from the previous chunk's last reference picture, and its last frame with
 * the motion to the next chunk's first ({@link VmafEdges}), so that the frames pool as libvmaf's
 * run over the joined output scores them. An edge is joined only where the picture a chunk read
 * past its end is the next chunk's first (the same source time); otherwise both frames keep their
 * scores alone, and the edge is counted in {@link #edgesAlone}.
 *
 * @param vmaf every frame's score, in output order
 * @param chunks each chunk's figures, its VMAF summary from the joined scores (its {@code frames}
 *     stay as the chunk was scored alone: what target quality judged it by)
 * @param edgesAlone the edges between chunks scored alone
 */
record VmafAcrossChunks(VmafTally vmaf, List<ChunkQuality> chunks, int edgesAlone) {

  /** Pools {@code parts}, the chunks in output order, {@code keptPts} each one's source times. */
  static VmafAcrossChunks pool(List<EncodeQualityCheck.Measured> parts, long[][] keptPts) {
    VmafTally all = new VmafTally();
    List<ChunkQuality> chunks = new ArrayList<>();
    int alone = 0;
    boolean joinedBefore = false;
    for (int i = 0; i < parts.size(); i++) {
      EncodeQualityCheck.Measured m = parts.get(i);
      boolean joinedAfter = i + 1 < parts.size() && joins(m, parts.get(i + 1), keptPts[i + 1]);
      alone += i + 1 < parts.size() && !joinedAfter ? 1 : 0;
      if (m.edges() == null || m.vmaf().count() == 0 || !joinedBefore && !joinedAfter) {
        all.add(m.vmaf());
        chunks.add(m.chunk());
      } else {
        double before = joinedBefore ? parts.get(i - 1).edges().pastEnd() : Double.NaN;
        double[] scores = m.vmaf().scores();
        double[] ends = m.edges().scores(before, joinedAfter);
        scores[0] = ends[0];
        scores[scores.length - 1] = ends[1];
        VmafTally chunk = new VmafTally();
        for (double s : scores) {
          chunk.add(s);
        }
        all.add(chunk);
        ChunkQuality q = m.chunk();
        chunks.add(new ChunkQuality(q.chunk(), q.firstFrame(), q.score(), chunk.summary(), q.frames()));
      }
      joinedBefore = joinedAfter;
    }
    return new VmafAcrossChunks(all, List.copyOf(chunks), alone);
  }

  /** Whether {@code m}'s last frame and {@code next}'s first are neighbours as {@code m} measured its edge. */
  private static boolean joins(EncodeQualityCheck.Measured m, EncodeQualityCheck.Measured next, long[] nextKept) {
    return m.edges() != null && next.edges() != null && nextKept.length > 0 && m.edges().reaches(nextKept[0]);
  }
}
