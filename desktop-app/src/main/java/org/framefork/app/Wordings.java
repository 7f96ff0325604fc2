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

  /** A file path in a sentence: from a / (or a Windows drive) to the next space, less a closing comma or dot. */
  private static final java.util.regex.Pattern PATH =
      java.util.regex.Pattern.compile("(?<![\\w.])(?:/|[A-Za-z]:\\\\)\\S*[^\\s.,;:)]");

  /**
   * {@code text} made to fit {@code width} pixels by cutting the middle of its paths, longest first
   * ({@code /tmp/qa20/home/FrameFork/.trip2-h264.mp4.work} becomes {@code /tmp/qa…mp4.work}), so that
   * what the sentence says after them, the instruction ("press Retry to start it over"), stays whole.
   * The text itself where it fits; where even its paths cut to "…" leave it too long, that text (the
   * label cuts its end). Each path is tried once: one narrower than "…" ({@code /i}) stays as it is.
   * A path with spaces in it ({@code /home/u/My Videos/clip.mp4}) is taken to its first space: only
   * that first word of it is cut.
   */
  public static String fitByPaths(String text, FontMetrics fm, int width) {
    String fitted = text;
    java.util.Set<String> uncut = new java.util.HashSet<>(); // paths no cut makes narrower
    while (fm.stringWidth(fitted) > width) {
      java.util.regex.MatchResult longest = null;
      for (var m : PATH.matcher(fitted).results().toList()) {
        if (!m.group().contains("…") && !uncut.contains(m.group())
            && (longest == null || m.group().length() > longest.group().length())) {
          longest = m;
        }
      }
      if (longest == null) {
        return fitted;
      }
      int room = fm.stringWidth(longest.group()) - (fm.stringWidth(fitted) - width);
      String cut = org.framefork.app.queue.QueuePanel.middleCut(longest.group(), fm, Math.max(room, fm.stringWidth("…")));
      if (cut.equals(longest.group())) {
        uncut.add(cut);
        continue;
      }
      fitted = fitted.substring(0, longest.start()) + (cut.isEmpty() ? "…" : cut) + fitted.substring(longest.end());
    }
    return fitted;
  }
}
