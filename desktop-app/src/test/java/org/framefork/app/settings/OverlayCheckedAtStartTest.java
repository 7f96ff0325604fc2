package org.framefork.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing overlay picture is refused at Start with the command line's sentence, not by a job that fails later. */
class OverlayCheckedAtStartTest {
  @TempDir
  Path dir;

  private JobSettings withFilters(String filters) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, dir, AudioMode.AUTO,
        filters, "", null);
  }

  @Test
  void aMissingOverlayPictureIsTheSettingsProblem() {
    Path missing = dir.resolve("nonexistent.png");
    // encode --vf overlay=... says "--vf: <file>: no such picture (for overlay); check the path" and exits 2.
    assertEquals("filters: " + missing + ": no such picture (for overlay); check the path",
        withFilters("scale=640:-1,overlay=" + missing + ":16:16").problem());
  }

  @Test
  void aPictureThatIsThereIsLeftToTheJob() throws IOException {
    Path logo = dir.resolve("logo.png");
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_ARGB), "png",
        logo.toFile());
    assertNull(withFilters("overlay=" + logo + ":16:16").problem());
  }
}
