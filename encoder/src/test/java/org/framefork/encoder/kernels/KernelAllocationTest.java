package org.framefork.encoder.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.filter.GaussianKernel;
import org.framefork.encoder.kernels.filter.ToneCurve;
import org.framefork.encoder.kernels.filter.Watermark;
import org.framefork.encoder.kernels.metric.SsimScratch;
import org.framefork.encoder.kernels.scale.BilinearPlan;
import org.junit.jupiter.api.Test;

/**
 * The plain kernels allocate nothing per call, even interpreted (no escape analysis to hide an
 * allocation). The Vector API twins are checked after C2 with JMH's {@code -prof gc} instead:
 * before C2 every vector operation allocates.
 */
class KernelAllocationTest {

  @Test
  void plainKernelsAllocateNothingPerFrame() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Kernels k = Kernels.plain();
    Random random = new Random(50);
    Plane a = RandomPictures.plane(random, 67, 21);
    Plane b = RandomPictures.plane(random, 67, 21);
    Plane out = RandomPictures.plane(random, 67, 21);
    Plane scratch = RandomPictures.plane(random, 67, 21);
    Plane small = RandomPictures.plane(random, 40, 13);
    Plane half = RandomPictures.plane(random, 34, 11);
    PackedImage bgr = RandomPictures.image(random, 67, 21, PixelLayout.BGR24);
    YuvFrame frame = RandomPictures.frame(random, 67, 21);
    BilinearPlan plan = BilinearPlan.of(a, small);
    SsimScratch ssim = new SsimScratch(67);
    Plane16 a16 = RandomPictures.plane16(random, 67, 21);
    Plane16 b16 = RandomPictures.plane16(random, 67, 21);
    Plane16 half16 = RandomPictures.plane16(random, 34, 11);
    GaussianKernel kernel = new GaussianKernel(2);
    ToneCurve curve = new ToneCurve(0.1, 1.2, 1.1);
    Watermark mark = Watermark.of(RandomPictures.image(random, 9, 7, PixelLayout.RGBA), ColourMatrix.BT601);
    Runnable everyKernel = () -> {
      k.colour().toYuv420(bgr, frame, ColourMatrix.BT709);
      k.colour().fromYuv420(frame, bgr, ColourMatrix.BT601);
      k.scaler().bilinear(a, small, plan);
      k.scaler().halve(a, half);
      k.filter().gaussianBlur(a, out, kernel, scratch);
      k.filter().unsharpMask(a, out, kernel, 0.8, scratch);
      k.filter().temporalDenoise(a, b, out, 10, 8);
      k.filter().applyCurve(a, out, curve);
      k.filter().grayscale(frame);
      k.filter().overlay(mark, frame, 3, 4);
      k.metrics().sad(a, b);
      k.metrics().sse(a, b);
      k.metrics().ssim(a, b, ssim);
      k.scaler().halve(a16, half16);
      k.metrics().sad(a16, b16);
      k.metrics().sse(a16, b16);
      k.metrics().ssim(a16, b16, 10, ssim);
    };
    everyKernel.run(); // class loading and lazy tables happen once, not per frame
    // A per-frame allocation shows in every window of 3 frames. The JVM itself charges the thread
    // a few hundred bytes now and then while C2 takes over the kernels (80 to 408 bytes, in one
    // window of the first ~25 frames; never with -Xint or C1 alone), so one clean window is the proof.
    List<Long> windows = new ArrayList<>();
    for (int w = 0; w < 10 && (windows.isEmpty() || windows.get(windows.size() - 1) != 0); w++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 3; i++) {
        everyKernel.run();
      }
      windows.add(threads.getCurrentThreadAllocatedBytes() - before);
    }
    assertEquals(0, windows.get(windows.size() - 1), "bytes allocated by each window of 3 frames: " + windows);
  }
}
