package org.framefork.app;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import com.formdev.flatlaf.extras.FlatSVGUtils;
import java.awt.Image;
import java.util.List;

/**
 * The app's own SVG icons (resources under org/framefork/app/icons). They use IntelliJ's action
 * colours, which FlatSVGIcon maps to their dark variants when the dark theme is on.
 */
public final class Icons {
  private static final String DIR = "org/framefork/app/icons/";

  private Icons() {}

  public static FlatSVGIcon get(String name) {
    return get(name, 16);
  }

  public static FlatSVGIcon get(String name, int size) {
    return new FlatSVGIcon(DIR + name + ".svg", size, size, Icons.class.getClassLoader());
  }

  public static List<Image> windowIcons() {
    return FlatSVGUtils.createWindowIconImages("/" + DIR + "app.svg");
  }
}
