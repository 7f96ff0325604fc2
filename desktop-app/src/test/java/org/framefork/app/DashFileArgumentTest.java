package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code framefork gui -dash.mp4}, a file whose name starts with '-' in the current folder: said as
 * encode, probe and compare say it, not as an unknown option.
 */
class DashFileArgumentTest {
  private static final String SAID = "-dash.mp4: a file whose name starts with '-': write ./-dash.mp4 or put -- before it";

  @Test
  void aFileNamedLikeAnOptionIsSaidToBeOneAndTheWayToNameIt() throws Exception {
    Path dir = UiTestSupport.emptyFolder("dash-file");
    Files.writeString(dir.resolve("-dash.mp4"), "x");
    Path err = dir.resolve("err.txt");
    List<String> cmd = UiTestSupport.appCommand("--data-dir", dir.resolve("data").toString(), "-dash.mp4");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "the app did not exit");
    assertEquals(2, p.exitValue(), Files.readString(err));
    assertEquals(List.of("framefork gui: " + SAID), Files.readAllLines(err).stream()
        .filter(l -> !l.startsWith("WARNING")).toList());
    assertEquals(false, Files.exists(dir.resolve("data")), "nothing made");
  }

  @Test
  void theFileInTheCurrentFolderIsFoundAndOtherUnknownOptionsStayUnknown() throws Exception {
    Path file = Path.of("-dash.mp4");
    Files.writeString(file, "x");
    try {
      assertEquals(SAID, assertThrows(IllegalArgumentException.class, () -> AppArgs.parse("-dash.mp4")).getMessage());
      assertEquals(SAID, assertThrows(IllegalArgumentException.class,
          () -> AppArgs.parse("--workers", "2", "-dash.mp4")).getMessage());
      assertEquals(List.of(file.toAbsolutePath().normalize()),
          AppArgs.parse("--", "-dash.mp4").files().stream().map(f -> f.toAbsolutePath().normalize()).toList());
      assertEquals("unknown option '-nothere.mp4'; see 'framefork gui --help'",
          assertThrows(IllegalArgumentException.class, () -> AppArgs.parse("-nothere.mp4")).getMessage());
    } finally {
      Files.delete(file);
    }
  }
}
