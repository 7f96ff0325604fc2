package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Preview pictures against Debian's ffmpeg's: as RGB bytes, and their PSNR. */
public final class Pictures {
  private Pictures() {}

  /** The image's pixels as RGB 24-bit (a preview holds BGR). */
  public static byte[] rgb(BufferedImage image) {
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] out = new byte[bgr.length];
    for (int i = 0; i < bgr.length; i += 3) {
      out[i] = bgr[i + 2];
      out[i + 1] = bgr[i + 1];
      out[i + 2] = bgr[i];
    }
    return out;
  }

  /** The PSNR of two pictures of the same size, in dB; 99 when they are identical. */
  public static double psnr(byte[] a, byte[] b) {
    assertEquals(a.length, b.length);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      int d = (a[i] & 0xFF) - (b[i] & 0xFF);
      sum += d * d;
    }
    double mse = sum / a.length;
    return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
