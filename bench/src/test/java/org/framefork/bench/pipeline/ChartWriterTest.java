package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-series bar charts (modes, cluster) are PNGs of the report's size with bars drawn in them. */
class ChartWriterTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** The picture, checked for size and for more than a handful of colours (bars, labels, not a blank page). */
  private static void assertChart(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(ChartWriter.WIDTH, image.getWidth(), png + " width");
    assertEquals(ChartWriter.HEIGHT, image.getHeight(), png + " height");
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 8, png + " has " + colours.size() + " colours");
  }

  @Test
  void modesAndClusterChartsAreDrawn() throws IOException {
    Path modes = dir.resolve("modes.png");
    ChartWriter.modes(modes, "test", List.of("sequential", "concurrent", "parallel"), new double[] {3, 3.2, 1.7},
        new double[] {2.9, 3.1, 3.3});
    assertChart(modes);
    Path cluster = dir.resolve("cluster.png");
    ChartWriter.cluster(cluster, "test", List.of("local", "cluster", "cluster, no fetch-ahead"), new double[] {15, 16, 18},
        new double[] {17, 19, 21});
    assertChart(cluster);
  }
}
