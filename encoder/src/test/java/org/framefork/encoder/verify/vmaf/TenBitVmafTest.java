package org.framefork.encoder.verify.vmaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.Plane16;
import org.framefork.encoder.kernels.vmaf.VmafKernels;
import org.junit.jupiter.api.Test;

/**
 * VMAF of deeper pictures follows libvmaf's fixed point, whose shifts by the pictures' bits put
 * every sum on the 8-bit scale: a 10-bit picture whose samples are an 8-bit one's times 4 has
 * exactly the 8-bit picture's features, bit for bit, with both kernel sets. (Agreement with
 * libvmaf itself on real 10-bit encodes is in {@link LibvmafAgreementTest}.)
 */
class TenBitVmafTest {
  private static final int W = 72;
  private static final int H = 40;

  @Test
  void tenBitPicturesOfEightBitSamplesScoreTheEightBitBits() {
    List<VmafKernels> sets = new ArrayList<>(List.of(VmafKernels.plain()));
    VmafKernels.vector().ifPresent(sets::add);
    Random random = new Random(10);
    Plane[] ref = new Plane[6];
    Plane[] dis = new Plane[6];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = picture(random, i, 0);
      dis[i] = picture(random, i, 12);
    }
    for (VmafKernels k : sets) {
      List<VmafFrame> eight = new ArrayList<>();
      List<VmafFrame> ten = new ArrayList<>();
      VmafScorer a = new VmafScorer(k, VmafModel.v061(), W, H);
      VmafScorer b = new VmafScorer(k, VmafModel.v061(), W, H);
      for (int i = 0; i < ref.length; i++) {
        add(eight, a.push(ref[i], dis[i]));
        add(ten, b.push(times4(ref[i]), times4(dis[i]), 10));
      }
      add(eight, a.finish());
      add(ten, b.finish());
      assertEquals(ref.length, ten.size());
      assertEquals(eight, ten, k.name());
      assertTrue(eight.get(3).motion2() > 0 && eight.get(3).vifScale0() < 0.9, "the pictures move and differ: " + eight);
    }
  }

  @Test
  void theTenBitsBelowTheEightCount() {
    // The same pictures with the two low bits set differently score differently: the depth is used.
    Random random = new Random(11);
    Plane r = picture(random, 0, 0);
    Plane d = picture(random, 0, 12);
    Plane16 r10 = times4(r);
    Plane16 d10 = times4(d);
    Plane16 d10b = times4(d);
    for (int i = 0; i < d10b.data().length; i++) {
      d10b.data()[i] += (short) random.nextInt(4);
    }
    VmafScorer a = new VmafScorer(W, H);
    VmafScorer b = new VmafScorer(W, H);
    a.push(r10, d10, 10);
    b.push(r10, d10b, 10);
    assertNotEquals(a.finish().vifScale0(), b.finish().vifScale0());
  }

  @Test
  void picturesOfTwoDepthsAreRefused() {
    VmafScorer s = new VmafScorer(W, H);
    Plane16 p = Plane16.allocate(W, H);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.push(LumaPicture.of(p, 10), LumaPicture.of(Plane.allocate(W, H))));
    assertTrue(e.getMessage().contains("72x40 10-bit and 72x40 8-bit"), e.getMessage());
  }

  private static void add(List<VmafFrame> out, VmafFrame f) {
    if (f != null) {
      out.add(f);
    }
  }

  /** A moving gradient with texture, and {@code noise} of damage on top. */
  private static Plane picture(Random random, int frame, int noise) {
    Plane p = Plane.allocate(W, H);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int v = 40 + ((x + 3 * frame) * 2 + y) % 160 + ((x / 4 + y / 4) % 2) * 30;
        v += noise == 0 ? 0 : random.nextInt(2 * noise + 1) - noise;
        p.set(x, y, Math.max(0, Math.min(255, v)));
      }
    }
    return p;
  }

  private static Plane16 times4(Plane p) {
    Plane16 out = Plane16.allocate(p.width(), p.height());
    for (int y = 0; y < p.height(); y++) {
      for (int x = 0; x < p.width(); x++) {
        out.set(x, y, p.get(x, y) << 2);
      }
    }
    return out;
  }
}
