package org.framefork.encoder.cli;

import java.util.Locale;
import org.framefork.encoder.plan.SplitMode;

/**
 * How a plan cut its video, in the words of encode's plan line and probe's: the chunks' length as
 * cut (keyframes fall where they fall, and a short video is one chunk), not the length aimed at.
 */
final class SplitDescription {
  private SplitDescription() {}

  /**
   * @param chunks the plan's chunks
   * @param targetSeconds the chunk length the plan aimed at
   * @param videoSeconds the video's length
   * @param imageSequence whether the video is an image sequence, which has no keyframes to cut at
   * @param sceneCuts for {@code scene}: the cuts found, or null when not known here
   * @param analysisSeconds with {@code sceneCuts}: how long finding them took
   */
  static String of(SplitMode split, int chunks, double targetSeconds, double videoSeconds, boolean imageSequence,
      int[] sceneCuts, Double analysisSeconds) {
    boolean one = chunks == 1;
    double each = videoSeconds / chunks;
    String at = imageSequence ? "between images" : "at keyframes";
    return switch (split) {
      case KEYFRAMES -> f(one ? "%s, %.2f s" : "%s, about %.2f s each", at, each);
      case FIXED -> f(one ? "fixed length, %.2f s" : "fixed length, %.2f s each", one ? each : targetSeconds);
      case NONE -> "spanning the whole video";
      case SCENE -> sceneCuts == null ? f("at scene cuts, at most %.2f s each", targetSeconds)
          : f("at %d scene cut%s (found in %.2f s), at most %.2f s each", sceneCuts.length,
              ReportPrinter.plural(sceneCuts.length), analysisSeconds, targetSeconds);
    };
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
