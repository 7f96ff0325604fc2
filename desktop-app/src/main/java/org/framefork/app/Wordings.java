package org.framefork.app;

import java.awt.FontMetrics;
import java.util.List;

/** Texts said in several wordings, longest first, of which a view shows the one its room takes. */
public final class Wordings {
  private Wordings() {}

  /** The first of {@code wordings} (longest first) that fits {@code width} pixels in {@code fm}; the last when none does. */
  public static String longestFitting(List<String> wordings, FontMetrics fm, int width) {
    for (String w : wordings) {
      if (fm.stringWidth(w) <= width) {
        return w;
      }
    }
    return wordings.getLast();
  }
}
