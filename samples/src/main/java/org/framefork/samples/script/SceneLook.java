package org.framefork.samples.script;

import java.util.List;

/**
 * Everything that makes one scene look unlike its neighbours: the backdrop's texture and palette,
 * the light across the screen, the moving objects, and how strong the grain is.
 */
public record SceneLook(
    Texture backdrop, Palette palette, Gradient gradient, List<MovingObject> objects, double grainScale) {
  public SceneLook {
    objects = List.copyOf(objects);
  }
}
