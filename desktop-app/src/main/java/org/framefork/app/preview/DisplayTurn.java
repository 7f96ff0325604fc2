package org.framefork.app.preview;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A picture turned as a player shows it: the display matrix's mirror (left to right), then its turn
 * clockwise ({@link org.framefork.encoder.probe.VideoStream#rotation}). The engine encodes the
 * picture as stored and the output keeps the matrix, so a player shows the output turned so too.
 * Quarter turns only: another angle (which phones do not write) is not turned, though its mirror
 * still applies.
 */
final class DisplayTurn {
  private DisplayTurn() {}

  /**
   * {@code image} (3-byte BGR) mirrored when {@code mirrored}, then turned {@code degrees} clockwise
   * when that is a quarter turn (else not turned); the image itself when neither applies.
   */
  static BufferedImage turned(BufferedImage image, int degrees, boolean mirrored) {
    int turn = Math.floorMod(degrees, 360);
    if ((turn % 90 != 0 || turn == 0) && !mirrored) {
      return image;
    }
    if (turn % 90 != 0) {
      turn = 0;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean sideways = turn == 90 || turn == 270;
    BufferedImage out = new BufferedImage(sideways ? h : w, sideways ? w : h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] from = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] to = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    int outWidth = out.getWidth();
    for (int y = 0; y < h; y++) {
      for (int x0 = 0; x0 < w; x0++) {
        int x = mirrored ? w - 1 - x0 : x0;
        int tx;
        int ty;
        switch (turn) {
          case 90 -> { tx = h - 1 - y; ty = x; }
          case 180 -> { tx = w - 1 - x; ty = h - 1 - y; }
          case 270 -> { tx = y; ty = w - 1 - x; }
          default -> { tx = x; ty = y; }
        }
        System.arraycopy(from, 3 * (y * w + x0), to, 3 * (ty * outWidth + tx), 3);
      }
    }
    return out;
  }
}
