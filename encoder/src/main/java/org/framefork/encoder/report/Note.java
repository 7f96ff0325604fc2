package org.framefork.encoder.report;

import java.util.List;

/**
 * One thing the report says about how a job read or wrote its source: a fact the user asked for or
 * would expect ({@code image sequence of 48 images at 24 fps}), or a warning of something lost or
 * not done ({@code the source's HDR10+ dynamic metadata was dropped}), which the desktop app marks.
 */
public record Note(String text, Kind kind) {
  public enum Kind {
    /** What was done, as asked or as a default says. */
    INFO,
    /** Something of the source lost, damaged or not done as asked. */
    WARNING
  }

  public static Note info(String text) {
    return new Note(text, Kind.INFO);
  }

  public static Note warning(String text) {
    return new Note(text, Kind.WARNING);
  }

  /** The texts of {@code notes}, in order. */
  public static List<String> texts(List<Note> notes) {
    return notes.stream().map(Note::text).toList();
  }

  /** The texts of the warnings among {@code notes}, in order. */
  public static List<String> warnings(List<Note> notes) {
    return notes.stream().filter(n -> n.kind() == Kind.WARNING).map(Note::text).toList();
  }
}
