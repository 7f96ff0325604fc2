package org.framefork.encoder.verify.vmaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.framefork.encoder.kernels.Plane;
import org.junit.jupiter.api.Test;

/**
 * Parts of a sequence scored alone, their first and last frames scored again with {@link
 * VmafEdges}, give the scores of one run over the whole sequence: the same features, the same
 * motions, the same model.
 */
class VmafEdgesTest {
  private static final int W = 64;
  private static final int H = 48;

  /** A picture that moves by {@code step} samples a frame, and is noise from frame 5 on (a cut to strong motion). */
  private static Plane picture(int frame, long seed) {
    byte[] data = new byte[W * H];
    Random noise = new Random(seed * 1000 + frame);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int v = frame >= 5 ? noise.nextInt(256) : ((x + 3 * frame) * 7 + y * 3) & 0xff;
        data[y * W + x] = (byte) v;
      }
    }
    return new Plane(data, 0, W, H, W);
  }

  private static Plane distorted(Plane p, long seed) {
    byte[] d = p.data().clone();
    Random r = new Random(seed);
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) Math.clamp((d[i] & 0xff) + r.nextInt(21) - 10, 0, 255);
    }
    return new Plane(d, 0, W, H, W);
  }

  @Test
  void partsScoredAloneAndJoinedAtTheirEdgesGiveOneRunsScores() {
    int frames = 9;
    List<Plane> ref = new ArrayList<>();
    List<Plane> dis = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      ref.add(picture(i, 1));
      dis.add(distorted(ref.get(i), i));
    }
    VmafScorer one = new VmafScorer(W, H);
    double[] whole = new double[frames];
    for (int i = 0; i < frames; i++) {
      VmafFrame f = one.push(ref.get(i), dis.get(i));
      if (f != null) {
        whole[(int) f.frame()] = f.vmaf();
      }
    }
    whole[frames - 1] = one.finish().vmaf();

    // Parts [0,5) [5,6) [6,9): the cut to noise starts a part, and one part has a single frame.
    int[] starts = {0, 5, 6, frames};
    List<VmafEdges> edges = new ArrayList<>();
    List<double[]> alone = new ArrayList<>();
    for (int p = 0; p + 1 < starts.length; p++) {
      VmafScorer s = new VmafScorer(W, H);
      List<VmafFrame> out = new ArrayList<>();
      for (int i = starts[p]; i < starts[p + 1]; i++) {
        VmafFrame f = s.push(ref.get(i), dis.get(i));
        if (f != null) {
          out.add(f);
        }
      }
      out.add(s.finish());
      int end = starts[p + 1];
      double pastEnd = end < frames ? s.motionTo(LumaPicture.of(ref.get(end))) : Double.NaN;
      edges.add(new VmafEdges(out.getFirst(), s.secondMotion(), out.getLast(), s.lastMotion(), pastEnd,
          end < frames ? end : Long.MIN_VALUE));
      alone.add(out.stream().mapToDouble(VmafFrame::vmaf).toArray());
    }
    // Alone, the noise part's first frame has no motion and scores apart from the whole run's.
    assertNotEquals(whole[5], alone.get(1)[0], 1.0);
    // An edge not known keeps the frames' scores alone.
    assertEquals(alone.get(1)[0], edges.get(1).scores(Double.NaN, false)[0]);
    assertEquals(alone.get(2)[2], edges.get(2).scores(Double.NaN, false)[1]);
    assertEquals(false, edges.get(0).reaches(6));
    for (int p = 0; p < edges.size(); p++) {
      double before = p == 0 ? Double.NaN : edges.get(p - 1).pastEnd();
      boolean after = p + 1 < edges.size() && edges.get(p).reaches(starts[p + 1]);
      double[] ends = edges.get(p).scores(before, after);
      double[] scores = alone.get(p);
      scores[0] = ends[0];
      scores[scores.length - 1] = ends[1];
      for (int i = 0; i < scores.length; i++) {
        assertEquals(whole[starts[p] + i], scores[i], 1e-9, "frame " + (starts[p] + i));
      }
    }
  }
}
