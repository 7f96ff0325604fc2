package org.framefork.samples.script;

/**
 * One shot between two hard cuts: frames {@code [start, start + frames)}. {@code fade} is null
 * when the scene has none.
 */
public record Scene(int index, int start, int frames, SceneLook look, CameraMove camera, Fade fade, Chord chord) {
  public int end() {
    return start + frames;
  }

  public boolean contains(int frame) {
    return frame >= start && frame < end();
  }
}
