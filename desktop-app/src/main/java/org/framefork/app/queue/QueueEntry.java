package org.framefork.app.queue;

import java.nio.file.Path;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.VideoStream;

/** One video in the queue and what has happened to it. Read and changed on the EDT only. */
public final class QueueEntry {
  public enum State { WAITING, ENCODING, DONE, FAILED, CANCELLED }

  private final Path input;
  private MediaInfo info;
  private boolean probing = true;
  private State state = State.WAITING;
  private double fraction;
  private String stage = "";
  private Path output;
  private long outputBytes;
  private double seconds;
  private String failure;

  public QueueEntry(Path input) {
    this.input = input.toAbsolutePath().normalize();
  }

  public Path input() {
    return input;
  }

  public String name() {
    return input.getFileName().toString();
  }

  public MediaInfo info() {
    return info;
  }

  public State state() {
    return state;
  }

  public double fraction() {
    return fraction;
  }

  public Path output() {
    return output;
  }

  public String failure() {
    return failure;
  }

  /** Whether Start would take it: never encoded, or stopped by a cancel. */
  public boolean runnable() {
    return state == State.WAITING || state == State.CANCELLED;
  }

  void probed(MediaInfo info, String error) {
    probing = false;
    this.info = info;
    // A file that cannot be read fails now, so the user sees why before pressing Start.
    if (error != null && state == State.WAITING) {
      state = State.FAILED;
      failure = error;
    }
  }

  public void started(Path output) {
    this.output = output;
    state = State.ENCODING;
    fraction = 0;
    stage = "starting";
    failure = null;
  }

  public void progressed(double fraction, String stage) {
    this.fraction = fraction;
    this.stage = stage;
  }

  public void done(long outputBytes, double seconds) {
    state = State.DONE;
    fraction = 1;
    this.outputBytes = outputBytes;
    this.seconds = seconds;
  }

  public void failed(String reason) {
    state = State.FAILED;
    failure = reason;
  }

  public void cancelled() {
    state = State.CANCELLED;
  }

  /** The status column: waiting, encoding n%, done with size and time, failed, cancelled. */
  public String statusText() {
    return switch (state) {
      case WAITING -> "waiting";
      case ENCODING -> String.format("encoding %d%%", (int) Math.floor(fraction * 100));
      case DONE -> String.format("done · %s in %s", bytes(outputBytes), duration(seconds));
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
    };
  }

  /** The second line: what the video is, what is happening, or why it failed. */
  public String detailText() {
    return switch (state) {
      case WAITING -> probing ? "reading…" : mediaSummary();
      case ENCODING -> stage;
      case DONE -> "→ " + (output == null ? "" : output.getFileName());
      case FAILED -> failure == null ? "unknown error" : failure;
      case CANCELLED -> "cancelled; nothing was written; Start resumes it from its finished chunks";
    };
  }

  public String mediaSummary() {
    if (info == null || info.video() == null) {
      return "";
    }
    VideoStream v = info.video();
    return String.format("%d×%d · %s · %d frames · %s%s", v.width(), v.height(), duration(v.durationSeconds()),
        v.frameCount(), v.codec(), info.hasAudio() ? " + audio" : "");
  }

  public static String bytes(long b) {
    if (b >= 1L << 30) {
      return String.format("%.2f GB", b / (double) (1L << 30));
    }
    if (b >= 1L << 20) {
      return String.format("%.1f MB", b / (double) (1L << 20));
    }
    return String.format("%d KB", Math.max(1, Math.round(b / 1024.0)));
  }

  public static String duration(double s) {
    if (s < 60) {
      return String.format("%.1f s", s);
    }
    long t = Math.round(s);
    return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
  }
}
