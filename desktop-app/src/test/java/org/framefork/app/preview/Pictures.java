package org.framefork.app.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.framefork.encoder.testing.ChildProcess;

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

  /** The first picture of {@code source} as Debian's ffmpeg shows it (turned, as players turn it), through {@code vf}, as RGB. */
  public static byte[] debian(Path source, String vf, int width, int height) throws Exception {
    ChildProcess p = ChildProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", source.toString(), "-vf", vf,
        "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), Duration.ofSeconds(60));
    assertEquals(0, p.exitCode(), p.stderr());
    assertEquals(width * height * 3, p.stdout().length);
    return p.stdout();
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
