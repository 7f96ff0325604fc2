package org.framefork.samples.picture;

import org.framefork.samples.script.Dice;

/**
 * Value noise on a lattice that wraps around the tile, so that tiles join without a seam and a
 * camera can pan over them forever. Sizes and cell counts are powers of two.
 */
final class ValueNoise {
  private ValueNoise() {}

  /**
   * Sum of octaves, from cells of {@code baseCell} pixels down to 2-pixel cells, each octave
   * {@code persistence} times as strong as the one before; divided by the total amplitude, so
   * the result stays within [-1, 1]. {@code ridged} adds |noise| instead (turbulence: gravel).
   */
  static float[] fractal(int w, int h, int baseCellX, int baseCellY, double persistence, boolean ridged, long seed) {
    float[] out = new float[w * h];
    double amp = 1;
    double total = 0;
    int cellX = Math.min(baseCellX, w);
    int cellY = Math.min(baseCellY, h);
    for (int octave = 0; cellX >= 2 && cellY >= 2; octave++) {
      addOctave(out, w, h, cellX, cellY, (float) amp, ridged, Dice.of(seed, octave));
      total += amp;
      amp *= persistence;
      cellX >>= 1;
      cellY >>= 1;
    }
    float norm = (float) (1 / total);
    for (int i = 0; i < out.length; i++) {
      out[i] *= norm;
    }
    return out;
  }

  /**
   * One octave: lattice values in [-1, 1] every {@code cellX, cellY} pixels, smoothstep between.
   * The vertical blend is done once per row for the whole lattice row, so the inner loop is one
   * lerp per pixel.
   */
  private static void addOctave(float[] out, int w, int h, int cellX, int cellY, float amp, boolean ridged, Dice dice) {
    int cellsX = w / cellX;
    int cellsY = h / cellY;
    float[] lattice = new float[cellsX * cellsY];
    for (int i = 0; i < lattice.length; i++) {
      lattice[i] = (float) (dice.nextDouble() * 2 - 1);
    }
    float[] smoothX = smoothstepTable(cellX);
    float[] smoothY = smoothstepTable(cellY);
    int shiftX = Integer.numberOfTrailingZeros(cellX);
    float[] column = new float[cellsX + 1];
    for (int y = 0; y < h; y++) {
      int gy = y / cellY;
      int gy1 = (gy + 1) % cellsY;
      float fy = smoothY[y % cellY];
      for (int c = 0; c < cellsX; c++) {
        float a = lattice[gy * cellsX + c];
        column[c] = a + (lattice[gy1 * cellsX + c] - a) * fy;
      }
      column[cellsX] = column[0];
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int c = x >>> shiftX;
        float a = column[c];
        float n = a + (column[c + 1] - a) * smoothX[x & (cellX - 1)];
        out[row + x] += amp * (ridged ? Math.abs(n) : n);
      }
    }
  }

  private static float[] smoothstepTable(int n) {
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      double f = (double) i / n;
      t[i] = (float) (f * f * (3 - 2 * f));
    }
    return t;
  }
}
