package org.framefork.encoder.verify.vmaf;

import org.framefork.encoder.kernels.vmaf.VmafKernels;

/**
 * The reference's motion as libvmaf's {@code integer_motion} measures it: each reference picture
 * blurred with a 5-tap Gaussian (edges mirrored with the edge sample repeated; deeper pictures
 * shifted by their bits so that the blur has the 8-bit scale), and the mean
 * absolute difference between consecutive blurred pictures. Keeps the last three blurred pictures
 * in a ring; {@code motion2} of a frame is the smaller of its motion and the next frame's.
 */
final class Motion {
  private final VmafKernels kernels;
  private final int width;
  private final int height;
  private final int[][] blur;
  private final int[] row;
  private final int[] rows = new int[5];

  Motion(VmafKernels kernels, int width, int height) {
    this.kernels = kernels;
    this.width = width;
    this.height = height;
    blur = new int[3][width * height];
    row = new int[width + 4];
  }

  /** Blurs the reference luma {@code p} (8-bit or deeper) into ring slot {@code slot} (0-2). */
  void blur(LumaPicture p, int slot) {
    int w = width;
    int h = height;
    int[] out = blur[slot];
    for (int i = 0; i < h; i++) {
      for (int k = 0; k < 5; k++) {
        int y = i - 2 + k;
        if (y < 0) {
          y = -y;
        } else if (y >= h) {
          y = 2 * h - y - 1;
        }
        rows[k] = p.offset() + y * p.stride();
      }
      if (p.bits() == 8) {
        kernels.motionVertical(p.bytes(), rows, w, row, 2);
      } else {
        kernels.motionVertical16(p.shorts(), rows, w, p.bits(), row, 2);
      }
      row[1] = row[3];
      row[0] = row[4];
      row[w + 2] = row[w + 1];
      row[w + 3] = row[w];
      kernels.motionHorizontal(row, 0, w, out, i * w);
    }
  }

  /** The mean absolute difference of the blurred pictures in two slots, as libvmaf rounds it (float). */
  double motion(int slotA, int slotB) {
    long sad = kernels.sad(blur[slotA], blur[slotB], width * height);
    return (float) (sad / 256.0) / (float) (width * height);
  }
}
