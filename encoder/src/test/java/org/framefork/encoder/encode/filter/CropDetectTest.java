package org.framefork.encoder.encode.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.junit.jupiter.api.Test;

class CropDetectTest {
  /**
   * A 64x48 picture: video black (16, with noise up to 20) outside rows [top, bottom) and columns
   * [left, right), a picture of mean about 100 inside, one dark row (mean 20) in it.
   */
  private static YuvFrame picture(int left, int top, int right, int bottom) {
    YuvFrame f = YuvFrame.allocate(64, 48);
    Plane y = f.y();
    for (int r = 0; r < 48; r++) {
      for (int c = 0; c < 64; c++) {
        boolean inside = c >= left && c < right && r >= top && r < bottom;
        y.set(c, r, inside ? (r == top + 3 ? 20 : 40 + (c * 37 + r * 11) % 120) : 16 + (c + r) % 5);
      }
    }
    return f;
  }

  private static CropFilter detect(YuvFrame... pictures) {
    CropDetect d = new CropDetect(new FrameSize(64, 48));
    for (YuvFrame p : pictures) {
      d.add(p);
    }
    assertEquals(pictures.length, d.pictures() + d.blackPictures());
    return d.rectangle();
  }

  @Test
  void aPictureBlackAllOverIsLeftOutAndCounted() {
    CropDetect d = new CropDetect(new FrameSize(64, 48));
    assertFalse(d.add(picture(0, 0, 0, 0)), "a black picture shows no bars");
    assertTrue(d.add(picture(8, 6, 56, 38)));
    assertFalse(d.add(picture(0, 0, 0, 0)));
    assertEquals(1, d.pictures());
    assertEquals(2, d.blackPictures());
    assertEquals(new CropFilter(48, 32, 8, 6), d.rectangle());
  }

  @Test
  void aTitleOnBlackIsLeftOutSoThatItsLinesInTheBarsDoNotKeepThem() {
    // A line of white "text" (235) in rows 2..5, columns 8..55, where the film has its top bar:
    // 4 rows x 48 columns lit, 6% of the picture, under a fifth.
    YuvFrame title = picture(0, 0, 0, 0);
    for (int r = 2; r < 6; r++) {
      for (int c = 8; c < 56; c++) {
        title.y().set(c, r, 235);
      }
    }
    CropDetect d = new CropDetect(new FrameSize(64, 48));
    assertFalse(d.add(title), "a title on black does not vote");
    assertTrue(d.add(picture(0, 8, 64, 40)));
    assertEquals(1, d.blackPictures());
    assertEquals(new CropFilter(64, 32, 0, 8), d.rectangle(), "the film's rectangle, not one that keeps the title's rows");
    // A small picture is not a title: windowboxed 32x32 of 64x48 lights a third.
    assertTrue(new CropDetect(new FrameSize(64, 48)).add(picture(16, 8, 48, 40)));
  }

  @Test
  void aPortraitVideoInSideBarsIsCroppedThoughItsDarkRowsMakeTheRowsLookBlack() {
    // 9:16 in 16:9: 20 of 64 columns (31%) of picture, bars at 16. Its middle 45% of rows at luma
    // 30, the rest 130 (mean 85): a middle row's mean, bars included, is 20, under the limit, so
    // lit rows x lit columns is 55% x 31% = 17%, under a fifth; its samples over the limit are 31%.
    YuvFrame portrait = YuvFrame.allocate(64, 36);
    for (int r = 0; r < 36; r++) {
      for (int c = 0; c < 64; c++) {
        portrait.y().set(c, r, c < 22 || c >= 42 ? 16 : r >= 10 && r < 26 ? 30 : 130);
      }
    }
    CropDetect d = new CropDetect(new FrameSize(64, 36));
    assertTrue(d.add(portrait), "a portrait video at ordinary brightness is not almost black");
    assertEquals(new CropFilter(20, 36, 22, 0), d.rectangle());
    // A picture lit in a few samples only, in rows and columns that are lit by their means, is left out.
    YuvFrame dots = picture(0, 0, 0, 0);
    for (int r = 0; r < 48; r++) {
      dots.y().set(r, r, 255);
      dots.y().set(63 - r, r, 255);
    }
    assertFalse(new CropDetect(new FrameSize(64, 48)).add(dots), "3% lit");
  }

  @Test
  void findsTheBarsAndMovesOddEdgesInwards() {
    assertEquals(new CropFilter(48, 32, 8, 6), detect(picture(8, 6, 56, 38)));
    // Odd edges: columns 7..56 and rows 5..38 hold picture; even edges inside them, no bar kept.
    assertEquals(new CropFilter(48, 32, 8, 6), detect(picture(7, 5, 57, 39)));
    // A dark row inside the picture (mean 20, under the limit) does not split it: the rectangle spans all rows that show.
    assertEquals(new CropFilter(64, 32, 0, 8), detect(picture(0, 8, 64, 40)));
  }

  @Test
  void keepsWhatAnyPictureShows() {
    // One picture letterboxed, one pillarboxed: the union, as cropdetect keeps it.
    assertEquals(new CropFilter(48, 32, 8, 8), detect(picture(8, 8, 56, 40), picture(10, 10, 54, 38)));
    assertEquals(new CropFilter(56, 40, 4, 4), detect(picture(8, 4, 56, 44), picture(4, 8, 60, 40)));
  }

  @Test
  void nothingToCropIsNull() {
    assertNull(detect(picture(0, 0, 64, 48)), "no bars");
    assertNull(detect(picture(0, 0, 0, 0)), "every picture black");
    assertNull(detect(picture(20, 20, 34, 40)), "14 columns left: under the 16 a crop keeps");
    assertNull(detect(), "no pictures");
    assertThrows(IllegalArgumentException.class, () -> new CropDetect(new FrameSize(64, 48)).add(YuvFrame.allocate(64, 50)));
  }

  @Test
  void autoIsParsedFirstAndAloneAndReplacedByTheRectangle() {
    FilterChain auto = FilterChain.parse("crop=auto,scale=160:-1");
    assertEquals(List.of(new AutoCropFilter(), new ScaleFilter(160, -1)), auto.filters());
    assertEquals("crop=auto,scale=160:-1", auto.text());
    assertEquals("crop=auto,scale=160:-1", auto.identity());
    assertEquals(FilterChain.parse("crop=320:180:0:30,scale=160:-1"), auto.withAutoCrop(new CropFilter(320, 180, 0, 30)));
    assertEquals(FilterChain.parse("scale=160:-1"), auto.withAutoCrop(null));
    assertEquals("crop=auto in 'gray,crop=auto' looks for black bars in the source's pictures; put it first",
        assertThrows(IllegalArgumentException.class, () -> FilterChain.parse("gray,crop=auto")).getMessage());
    assertEquals("filter 'crop=auto:100': auto finds the whole rectangle; give it alone (crop=auto) or give W:H:X:Y",
        assertThrows(IllegalArgumentException.class, () -> FilterChain.parse("crop=auto:100")).getMessage());
    assertThrows(IllegalStateException.class, () -> FilterChain.parse("gray").withAutoCrop(null));
  }
}
