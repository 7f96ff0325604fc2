package org.framefork.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.framefork.encoder.media.Rational;
import org.framefork.samples.output.VideoSettings;
import org.framefork.samples.script.SceneLength;
import org.junit.jupiter.api.Test;

/** The sidecar's command runs again in a shell: a path with a space or a quote is quoted. */
class SampleSpecCommandTest {
  @Test
  void theCommandQuotesAPathThatNeedsIt() {
    SampleSpec s = new SampleSpec(Path.of("my clips/it's.mp4"), 640, 360, new Rational(30, 1), BigDecimal.valueOf(2), 7,
        SceneLength.parse("1-2"), new VideoSettings("libx264", 23, "medium", 60, 0), false, 0);
    assertTrue(s.command().startsWith("./framefork samples -o 'my clips/it'\\''s.mp4' --width 640"), s.command());
    SampleSpec plain = new SampleSpec(Path.of("samples/media/a.mp4"), 640, 360, new Rational(30, 1), BigDecimal.valueOf(2), 7,
        SceneLength.parse("1-2"), new VideoSettings("libx264", 23, "medium", 60, 0), false, 0);
    assertTrue(plain.command().startsWith("./framefork samples -o samples/media/a.mp4 --width 640"), plain.command());
  }
}
