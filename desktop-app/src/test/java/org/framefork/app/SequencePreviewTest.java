package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framefork.app.preview.Pictures;
import org.framefork.app.preview.PreviewPanel;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.testing.ChildProcess;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * An image sequence's job shows a preview, as a video's does: the first picture of the chunk a worker
 * took, read through the engine's sequence reader (a folder is no video file), in the colours Debian's
 * ffmpeg gives the same PNG at the same size, captioned with the worker as the engine numbers it.
 */
class SequencePreviewTest {
  @Test
  void aPngSequenceShowsItsChunksFirstPicture() throws Exception {
    UiTestSupport.requireDisplay();
    Path dir = UiTestSupport.emptyFolder("sequence-preview");
    Path render = hdPngs(dir.resolve("render"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--mode", "parallel", "--workers", "2", "--preset",
        "veryfast", "--output-dir", Files.createDirectories(dir.resolve("out")).toString())) {
      MainFrame frame = app.frame();
      PreviewPanel preview = UiTestSupport.onEdt(() -> UiTestSupport.previewOf(frame.getContentPane()));
      UiTestSupport.onEdt(() -> frame.settings().setMode(org.framefork.encoder.plan.ExecutionMode.PARALLEL, 2));
      JobRecorder recorder = JobRecorder.attach(frame);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(render)));
      UiTestSupport.waitUntil("the sequence is read", 60, () -> entries.getFirst().info() != null);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(180);
      assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> String.valueOf(run.outcome()));
      UiTestSupport.waitUntil("the preview shows a picture", 10, () -> preview.picture() != null);

      String caption = UiTestSupport.onEdt(() -> preview.caption());
      Matcher m = Pattern.compile("chunk (\\d+) · worker (\\d+) · from .*").matcher(caption);
      assertTrue(m.matches(), caption);
      int chunk = Integer.parseInt(m.group(1));
      List<JobEvent> events = UiTestSupport.onEdt(() -> List.copyOf(recorder.events));
      int worker = events.stream().filter(e -> e instanceof JobEvent.ChunkStarted c && c.chunk() == chunk)
          .mapToInt(e -> ((JobEvent.ChunkStarted) e).worker()).findFirst().orElseThrow();
      assertEquals(worker, Integer.parseInt(m.group(2)), "the worker as the engine's events and the log number it: " + caption);
      int first = events.stream().filter(e -> e instanceof JobEvent.JobPlanned).map(e -> ((JobEvent.JobPlanned) e).plan())
          .findFirst().orElseThrow().chunks().stream().filter(c -> c.index() == chunk).findFirst()
          .map(org.framefork.encoder.plan.Chunk::firstFrame).orElseGet(() -> splitAt(events, chunk));

      BufferedImage shown = UiTestSupport.onEdt(() -> preview.picture());
      assertEquals(List.of(320, 180), List.of(shown.getWidth(), shown.getHeight()));
      Path png = render.resolve(String.format("frame_%04d.png", first + 1));
      // Debian's ffmpeg through the same steps: scaled (bicubic) to yuv420p with BT.601, then to RGB.
      double psnr = Pictures.psnr(Pictures.rgb(shown), debianPicture(png, "scale=320:180:flags=bicubic,format=yuv420p"));
      double wrongMatrix = Pictures.psnr(Pictures.rgb(shown), debianPicture(png, "scale=320:180:flags=bicubic,format=yuv420p,"
          + "scale=in_color_matrix=bt709:out_color_matrix=bt709,format=rgb24,scale=in_color_matrix=bt601"));
      double nextImage = Pictures.psnr(Pictures.rgb(shown), debianPicture(render.resolve(String.format("frame_%04d.png", first + 2)),
          "scale=320:180:flags=bicubic,format=yuv420p"));
      System.out.printf("sequence preview: chunk %d (frame %d) PSNR %.2f dB against Debian's; %.2f dB read with BT.709; "
          + "the next image %.2f dB%n", chunk, first, psnr, wrongMatrix, nextImage);
      assertTrue(psnr >= 40, "the chunk's first image, in its colours: PSNR " + psnr + " dB against Debian's ffmpeg");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /**
   * 24 PNGs of 1280×720 made by Debian's ffmpeg in {@code folder}: HD, so that a picture turned back
   * to RGB with the HD matrix instead of the thumbnail conversion's would show.
   */
  private static Path hdPngs(Path folder) throws java.io.IOException {
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24:duration=1",
        Files.createDirectories(folder).resolve("frame_%04d.png").toString());
    return folder;
  }


  /** Where chunk {@code chunk}, split off a running chunk, starts. */
  private static int splitAt(List<JobEvent> events, int chunk) {
    return events.stream().filter(e -> e instanceof JobEvent.ChunkSplit s && s.newChunk() == chunk)
        .mapToInt(e -> ((JobEvent.ChunkSplit) e).atFrame()).findFirst().orElseThrow();
  }

  /** {@code png} through Debian's ffmpeg's filters {@code vf}, as 320×180 RGB 24-bit. */
  private static byte[] debianPicture(Path png, String vf) throws Exception {
    ChildProcess p = ChildProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", png.toString(), "-vf", vf, "-frames:v", "1",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-"), Duration.ofSeconds(60));
    assertEquals(0, p.exitCode(), p.stderr());
    assertEquals(320 * 180 * 3, p.stdout().length);
    return p.stdout();
  }
}
