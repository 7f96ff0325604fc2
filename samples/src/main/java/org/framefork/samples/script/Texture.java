package org.framefork.samples.script;

/**
 * The surface patterns a backdrop or an object can have. They differ in what they cost an encoder:
 * smooth clouds are cheap, gravel and weave are busy in every block, bricks have hard edges.
 */
public enum Texture {
  CLOUDS,
  MARBLE,
  WOOD,
  BRICKS,
  GRAVEL,
  WEAVE
}
