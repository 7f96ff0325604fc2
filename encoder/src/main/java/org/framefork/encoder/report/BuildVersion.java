package org.framefork.encoder.report;

import java.io.InputStream;
import java.util.Properties;

/** FrameFork's own version, as the build recorded it in the jar, for reports, --version and the cluster. */
public final class BuildVersion {
  private BuildVersion() {}

  /**
   * The version from the jar's Maven descriptor, or "development build" when run from classes. Read
   * once, when first asked for: a jar rebuilt under a running JVM cannot be read again.
   */
  public static String frameFork() {
    return Once.VERSION;
  }

  private static final class Once {
    static final String VERSION = read();
  }

  private static String read() {
    String path = "/META-INF/maven/org.framefork/framefork-encoder/pom.properties";
    try (InputStream in = BuildVersion.class.getResourceAsStream(path)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (Exception ignored) {
      // falls through: a build from the classes folder has no descriptor
    }
    return "development build";
  }
}
