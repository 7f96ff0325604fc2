package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.swing.JTextField;
import org.framefork.app.preview.Pictures;
import org.framefork.app.preview.PreviewPanel;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.testing.ChildProcess;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * The preview shows a job's picture as its output will look: a phone clip that players turn a
 * quarter (display matrix "rotation -90") upright, and with the settings' {@code crop=auto} the
 * black bars that the job crops off are gone. It was the picture as stored: sideways, bars and all.
 */
class TurnedCroppedPreviewTest {
  @Test
  void aTurnedLetterboxedClipIsPreviewedUprightWithoutItsBars() throws Exception {
    UiTestSupport.requireDisplay();
    Path dir = UiTestSupport.emptyFolder("turned-preview");
    Path clip = turnedLetterboxed(dir);
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--mode", "parallel", "--workers", "2", "--preset",
        "ultrafast", "--output-dir", Files.createDirectories(dir.resolve("out")).toString())) {
      MainFrame frame = app.frame();
      PreviewPanel preview = UiTestSupport.onEdt(() -> UiTestSupport.previewOf(frame.getContentPane()));
      JTextField filters = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "filters", JTextField.class));
      UiTestSupport.onEdt(() -> {
        filters.setText("crop=auto");
        return null;
      });
      try {
        JobRecorder recorder = JobRecorder.attach(frame);
        JobRecorder.queueAndStart(frame, clip);
        JobRun run = recorder.awaitRun(180);
        assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> String.valueOf(run.outcome()));
        UiTestSupport.waitUntil("the preview shows a picture", 10, () -> preview.picture() != null);
      } finally {
        // The tests share one preferences node: the next test's app would open with this crop.
        UiTestSupport.onEdt(() -> {
          filters.setText("");
          return null;
        });
      }
      BufferedImage shown = UiTestSupport.onEdt(() -> preview.picture());
      // Stored 640x360 with 40-row bars; cropped to 640x280, thumbnail 320x140, turned upright: 140x320.
      assertEquals(List.of(140, 320), List.of(shown.getWidth(), shown.getHeight()), "upright, the bars cropped off");
      for (int y = 0; y < shown.getHeight(); y += 8) {
        assertTrue(brightness(shown.getRGB(0, y)) > 12 && brightness(shown.getRGB(shown.getWidth() - 1, y)) > 12,
            "a bar's black at the edge, row " + y);
      }
      double psnr = Pictures.psnr(Pictures.rgb(shown), debian(clip, "crop=280:640:40:0,scale=140:320"));
      double otherWay = Pictures.psnr(Pictures.rgb(shown), debian(clip, "crop=280:640:40:0,hflip,vflip,scale=140:320"));
      System.out.printf("turned, cropped preview PSNR %.2f dB against Debian's; %.2f dB turned the other way%n", psnr, otherWay);
      assertTrue(psnr >= 28 && psnr > otherWay + 6, "the preview against Debian's turned, cropped picture: " + psnr
          + " dB (" + otherWay + " dB turned the other way)");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  private static int brightness(int rgb) {
    return Math.max((rgb >> 16) & 0xFF, Math.max((rgb >> 8) & 0xFF, rgb & 0xFF));
  }

  /**
   * Two seconds of one still picture (every chunk's first frame is the same), 640x360 stored with
   * black bars of 40 rows above and below, marked as a phone held upright marks it. The picture is a
   * smaller one enlarged, so that no detail is finer than the preview's pixels.
   */
  private static Path turnedLetterboxed(Path dir) throws Exception {
    Path still = dir.resolve("still.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x140", "-frames:v", "1", still.toString());
    Path plain = dir.resolve("plain.mp4");
    DebianFfmpeg.ffmpeg("-loop", "1", "-i", still.toString(), "-t", "2", "-r", "25", "-vf",
        "scale=640:280:flags=bicubic,pad=640:360:0:40:black", "-c:v", "libx264", "-qp", "0", "-g", "10", "-pix_fmt", "yuv420p",
        plain.toString());
    Path turned = DebianFfmpeg.withDisplayMatrix(plain, new int[] {0, 1, -1, 0}, dir.resolve("turned.mp4"));
    assertEquals("-90", DebianFfmpeg.probe(turned, "v:0", "stream_side_data=rotation", false));
    return turned;
  }

  /** The first picture of {@code clip} as Debian's ffmpeg shows it (turned as players turn it), through {@code vf}. */
  private static byte[] debian(Path clip, String vf) throws Exception {
    ChildProcess p = ChildProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", clip.toString(), "-vf", vf, "-frames:v",
        "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), Duration.ofSeconds(60));
    assertEquals(0, p.exitCode(), p.stderr());
    assertEquals(140 * 320 * 3, p.stdout().length);
    return p.stdout();
  }
}
