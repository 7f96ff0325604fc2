package org.framefork.encoder.encode.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain on heap frames, with the plain kernels (the kernel tests hold the vector ones to the same bytes). */
class FilterRunTest {
  @TempDir Path dir;

  private static FilterRun run(String chain, int w, int h) {
    return FilterChain.parse(chain).prepare(ColourMatrix.BT709, Kernels.plain()).start(new FrameSize(w, h));
  }

  private static YuvFrame flat(int w, int h, int y, int u, int v) {
    YuvFrame f = YuvFrame.allocate(w, h);
    fill(f.y(), y);
    fill(f.u(), u);
    fill(f.v(), v);
    return f;
  }

  private static void fill(Plane p, int value) {
    for (int y = 0; y < p.height(); y++) {
      for (int x = 0; x < p.width(); x++) {
        p.set(x, y, value);
      }
    }
  }

  @Test
  void scaleMakesTheNewSizeAndKeepsAGradientInPlace() {
    YuvFrame in = flat(64, 32, 0, 90, 170);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        in.y().set(x, y, 16 + 3 * x);
      }
    }
    FilterRun run = run("scale=32:-1", 64, 32);
    assertEquals(new FrameSize(32, 16), run.outputSize());
    YuvFrame out = run.apply(in);
    assertEquals(32, out.width());
    assertEquals(16, out.height());
    // Output column x sits at input 2x + 0.5: the mean of columns 2x and 2x+1.
    for (int x = 0; x < 32; x++) {
      assertEquals(16 + 3 * (2 * x) + 1.5, out.y().get(x, 7), 1.0, "column " + x);
    }
    assertEquals(90, out.u().get(5, 5));
    assertEquals(170, out.v().get(15, 7));
  }

  @Test
  void cropKeepsTheRectangleSampleForSampleAtEightAndTenBits() {
    YuvFrame in = YuvFrame.allocate(64, 40);
    YuvFrame16 deep = YuvFrame16.allocate(64, 40, 10);
    for (int p = 0; p < 3; p++) {
      Plane plane = in.plane(p);
      for (int y = 0; y < plane.height(); y++) {
        for (int x = 0; x < plane.width(); x++) {
          plane.set(x, y, (x * 7 + y * 13 + p * 50) & 0xFF);
          deep.plane(p).set(x, y, (x * 29 + y * 31 + p * 200) & 0x3FF);
        }
      }
    }
    // 32x16 at (10, 6), and centred: at ((64 - 32) / 2, (40 - 16) / 2 = 12).
    for (String vf : List.of("crop=32:16:10:6", "crop=33:17:11:7", "crop=32:16")) {
      int left = vf.equals("crop=32:16") ? 16 : 10;
      int top = vf.equals("crop=32:16") ? 12 : 6;
      FilterRun run = run(vf, 64, 40);
      assertEquals(new FrameSize(32, 16), run.outputSize());
      YuvFrame out = run.apply(in);
      YuvFrame16 out16 = FilterChain.parse(vf).prepare(ColourMatrix.BT709, Kernels.plain()).start(new FrameSize(64, 40), 10)
          .apply(deep);
      for (int p = 0; p < 3; p++) {
        int s = p == 0 ? 0 : 1;
        assertEquals(32 >> s, out.plane(p).width());
        assertEquals(16 >> s, out16.plane(p).height());
        for (int y = 0; y < out.plane(p).height(); y++) {
          for (int x = 0; x < out.plane(p).width(); x++) {
            assertEquals(in.plane(p).get(x + (left >> s), y + (top >> s)), out.plane(p).get(x, y), vf + " plane " + p);
            assertEquals(deep.plane(p).get(x + (left >> s), y + (top >> s)), out16.plane(p).get(x, y), vf + " 10-bit");
          }
        }
      }
    }
    assertSame(in, run("crop=64:40", 64, 40).apply(in), "the whole picture is no work");
  }

  @Test
  void grayLeavesLumaAndMakesColourNeutral() {
    YuvFrame in = flat(16, 8, 100, 30, 220);
    YuvFrame out = run("gray", 16, 8).apply(in);
    assertEquals(100, out.y().get(3, 3));
    assertEquals(128, out.u().get(3, 3));
    assertEquals(128, out.v().get(7, 3));
  }

  @Test
  void eqMovesLumaOnlyAndSharpenLeavesItsInputAlone() {
    YuvFrame in = flat(16, 8, 100, 30, 220);
    YuvFrame out = run("eq=brightness=0.1", 16, 8).apply(in);
    assertEquals(126, out.y().get(0, 0)); // 100 + 0.1 * 255, rounded
    assertEquals(30, out.u().get(0, 0));

    YuvFrame edge = flat(16, 8, 50, 128, 128);
    for (int y = 0; y < 8; y++) {
      for (int x = 8; x < 16; x++) {
        edge.y().set(x, y, 150);
      }
    }
    YuvFrame sharp = run("sharpen=1", 16, 8).apply(edge);
    assertNotSame(edge.y(), sharp.y());
    assertSame(edge.u(), sharp.u());
    assertTrue(sharp.y().get(7, 4) < 50 && sharp.y().get(8, 4) > 150, "an edge gets over- and undershoot");
    assertEquals(50, edge.y().get(7, 4), "the input is not written");
  }

  @Test
  void denoiseStartsFreshInEveryRunAndKeepsLargeChanges() throws IOException {
    FilterSetup setup = FilterChain.parse("denoise=8:10").prepare(ColourMatrix.BT709, Kernels.plain());
    FilterRun chunk = setup.start(new FrameSize(8, 8));
    assertEquals(100, chunk.apply(flat(8, 8, 100, 128, 128)).y().get(0, 0), "the first frame has nothing to lean on");
    assertEquals(102, chunk.apply(flat(8, 8, 104, 128, 128)).y().get(0, 0), "a small change moves half-way back");
    assertEquals(200, chunk.apply(flat(8, 8, 200, 128, 128)).y().get(0, 0), "a large change (a cut, motion) is kept");

    FilterRun nextChunk = setup.start(new FrameSize(8, 8));
    assertEquals(104, nextChunk.apply(flat(8, 8, 104, 128, 128)).y().get(0, 0), "no state crosses chunks");
  }

  @Test
  void overlayWithNegativePositionsSitsAtTheBottomRightCorner() throws IOException {
    Path logo = dir.resolve("logo.png");
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, 0xFFFFFFFF);
      }
    }
    ImageIO.write(img, "png", logo.toFile());
    YuvFrame out = run("overlay=" + logo + ":-0:-2", 16, 12).apply(flat(16, 12, 16, 128, 128));
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 16; x++) {
        boolean inside = x >= 12 && y >= 6 && y < 10;
        assertEquals(inside ? 235 : 16, out.y().get(x, y), "(" + x + ", " + y + ")");
      }
    }
  }

  /**
   * The chain at 10 bits: 16-bit frames in and out, the 8-bit settings meaning the same levels
   * (grey chroma at 512, brightness 0.1 of the 10-bit range), nothing allocated per frame, and
   * 8-bit pictures refused by a 10-bit run (and the other way round).
   */
  @Test
  void aTenBitRunFiltersTenBitFramesWithTheSameSettings() throws IOException {
    Path logo = dir.resolve("logo.png");
    ImageIO.write(new BufferedImage(6, 6, BufferedImage.TYPE_INT_ARGB), "png", logo.toFile());
    FilterRun run = FilterChain.parse("scale=48:-1,eq=0.1:1.2:1.1,gray,blur=2,sharpen=0.6,denoise=4,overlay=" + logo
        + ":2:2").prepare(ColourMatrix.BT709, Kernels.plain()).start(new FrameSize(64, 36), 10);
    assertEquals(10, run.depth());
    YuvFrame16 in = YuvFrame16.allocate(64, 36, 10);
    java.util.Arrays.fill(in.y().data(), (short) 321);
    YuvFrame16 out = run.apply(in);
    assertEquals(48, out.width());
    assertEquals(28, out.height()); // 36 * 48 / 64 = 27, rounded to even
    assertEquals(10, out.depth());
    assertEquals(512, out.u().get(3, 3));
    assertAllocatesNothingPerFrame(() -> run.apply(in));

    YuvFrame16 plainIn = YuvFrame16.allocate(16, 8, 10);
    java.util.Arrays.fill(plainIn.y().data(), (short) 400);
    FilterRun eq = FilterChain.parse("eq=brightness=0.1").prepare(ColourMatrix.BT709, Kernels.plain())
        .start(new FrameSize(16, 8), 10);
    assertEquals(502, eq.apply(plainIn).y().get(0, 0)); // 400 + 0.1 * 1023, rounded
    assertThrows(IllegalStateException.class, () -> eq.apply(YuvFrame.allocate(16, 8)));
    assertThrows(IllegalStateException.class, () -> run("gray", 16, 8).apply(plainIn));
  }

  /** 100 frames (after 20 to warm up) allocate less than a kilobyte in all. */
  private static void assertAllocatesNothingPerFrame(Runnable frame) {
    for (int i = 0; i < 20; i++) {
      frame.run();
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100; i++) {
      frame.run();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 1024, "100 frames allocated " + allocated + " bytes");
  }

  @Test
  void aWholeChainAllocatesNothingPerFrame() throws IOException {
    Path logo = dir.resolve("logo.png");
    ImageIO.write(new BufferedImage(6, 6, BufferedImage.TYPE_INT_ARGB), "png", logo.toFile());
    FilterRun run = run("scale=48:-1,eq=0.1:1.2:1.1,gray,blur=2,sharpen=0.6,denoise=4,overlay=" + logo + ":2:2", 64, 36);
    YuvFrame in = flat(64, 36, 80, 100, 120);
    assertAllocatesNothingPerFrame(() -> run.apply(in));
  }
}
