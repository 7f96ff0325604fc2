package org.framefork.samples.picture;

/**
 * A news-style crawl along the bottom of the frame: a darkened band with a line of text moving
 * left at a whole number of pixels per frame. It is an overlay, so grain and fades leave it alone,
 * and its hard-edged moving text is a classic trouble spot for encoders.
 */
final class TextTicker {
  private final int width;
  private final int scale;
  private final int bandTop;
  private final int bandHeight;
  private final int textTop;
  private final int speed;

  TextTicker(int width, int height, double fps) {
    this.width = width;
    this.scale = Math.max(1, (int) Math.round(height / 180.0));
    this.bandHeight = even(BitmapFont.HEIGHT * scale + 4 * scale);
    this.bandTop = even(height - bandHeight - Math.round(height * 0.04f));
    this.textTop = bandTop + (bandHeight - BitmapFont.HEIGHT * scale) / 2;
    // About an eighth of the width per second, as broadcast crawls go.
    this.speed = Math.max(1, (int) Math.round(width * 0.125 / fps));
  }

  private static int even(int v) {
    return Math.max(0, v & ~1);
  }

  void draw(YuvPicture pic, int frame, String text) {
    darkenBand(pic);
    int advance = BitmapFont.ADVANCE * scale;
    int period = text.length() * advance;
    if (period == 0) {
      return;
    }
    int offset = (int) (((long) frame * speed) % period);
    int shadow = Math.max(1, scale / 2);
    for (int origin = -offset; origin < width; origin += period) {
      for (int i = 0; i < text.length(); i++) {
        int x = origin + i * advance;
        if (x + advance <= 0 || x >= width) {
          continue;
        }
        int[] glyph = BitmapFont.glyph(text.charAt(i));
        drawGlyph(pic, glyph, x + shadow, textTop + shadow, 16);
        drawGlyph(pic, glyph, x, textTop, 235);
      }
    }
  }

  private void darkenBand(YuvPicture pic) {
    byte[] y = pic.y();
    int end = Math.min(pic.height(), bandTop + bandHeight);
    for (int p = bandTop * width; p < end * width; p++) {
      y[p] = (byte) (16 + ((Math.max(0, (y[p] & 255) - 16) * 77) >> 8));
    }
    int cw = pic.chromaWidth();
    for (int p = (bandTop / 2) * cw; p < (end / 2) * cw; p++) {
      pic.u()[p] = (byte) (128 + (((pic.u()[p] & 255) - 128) >> 2));
      pic.v()[p] = (byte) (128 + (((pic.v()[p] & 255) - 128) >> 2));
    }
  }

  private void drawGlyph(YuvPicture pic, int[] glyph, int x0, int y0, int luma) {
    for (int row = 0; row < BitmapFont.HEIGHT; row++) {
      int bits = glyph[row];
      for (int col = 0; col < BitmapFont.WIDTH; col++) {
        if ((bits & (0x10 >> col)) != 0) {
          fillBlock(pic, x0 + col * scale, y0 + row * scale, luma);
        }
      }
    }
  }

  private void fillBlock(YuvPicture pic, int x0, int y0, int luma) {
    int x1 = Math.min(pic.width(), x0 + scale);
    int y1 = Math.min(pic.height(), y0 + scale);
    int xs = Math.max(0, x0);
    int ys = Math.max(0, y0);
    for (int y = ys; y < y1; y++) {
      java.util.Arrays.fill(pic.y(), y * width + xs, Math.max(y * width + xs, y * width + x1), (byte) luma);
    }
    int cw = pic.chromaWidth();
    for (int cy = ys >> 1; cy < (y1 + 1) >> 1; cy++) {
      for (int cx = xs >> 1; cx < (x1 + 1) >> 1; cx++) {
        pic.u()[cy * cw + cx] = (byte) 128;
        pic.v()[cy * cw + cx] = (byte) 128;
      }
    }
  }
}
