package org.framefork.samples.script;

/** Outline of a moving object; all are drawn with soft (anti-aliased) edges. */
public enum Shape {
  DISC,
  ELLIPSE,
  ROUNDED_BOX,
  DIAMOND
}
