package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobObserver;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue row's figure, read in the window as each event of a real encode arrives: it reaches
 * 100 % only as the last frames come out of the encoders, not while chunks still drain their
 * lookahead (x264 at preset medium holds 40 frames).
 */
class ProgressFiguresTest {
  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  /** The row's figure and the chunks still encoding, as one event left them. */
  private record Seen(JobEvent event, double fraction, int chunksLeft) {}

  /** Reads the queue row's figure right after the runner has folded each event into it (EDT only). */
  private static final class RowFigures implements JobObserver {
    final List<Seen> seen = new ArrayList<>();
    final CompletableFuture<JobRun> ended = new CompletableFuture<>();
    int chunksLeft;

    @Override
    public void jobEvent(QueueEntry entry, JobEvent e) {
      switch (e) {
        case JobEvent.JobPlanned p -> chunksLeft = p.plan().size();
        case JobEvent.ChunkSplit s -> chunksLeft++;
        case JobEvent.ChunkFinished f -> chunksLeft--;
        default -> {
          // the rest moves no chunk count
        }
      }
      seen.add(new Seen(e, entry.fraction(), chunksLeft));
    }

    @Override
    public void jobEnded(QueueEntry entry, JobRun run) {
      ended.complete(run);
    }
  }

  @Test
  void theRowReadsFullOnlyOnceTheChunksHavePutOutTheirFrames() throws Exception {
    Path input = UiTestSupport.video("progress-360p-6s.mp4", 640, 360, 6, false);
    String[] args = {"--light", "--workers", "2", "--mode", "parallel", "--preset", "medium", "--output-dir",
        UiTestSupport.emptyFolder("progress-figures").toString()};
    try (UiTestSupport.Launched app = UiTestSupport.launch(args)) {
      RowFigures row = new RowFigures();
      UiTestSupport.onEdt(() -> app.frame().runner().addObserver(row));
      QueueEntry entry = UiTestSupport.onEdt(() -> app.frame().queue().addFiles(List.of(input)).get(0));
      UiTestSupport.waitUntil("the input is probed", 30, () -> entry.info() != null);
      UiTestSupport.onEdt(() -> app.frame().startAction().actionPerformed(null));
      JobRun run = row.ended.get(180, TimeUnit.SECONDS);
      assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome().toString());

      List<Seen> during = UiTestSupport.onEdt(() -> List.copyOf(row.seen)).stream()
          .filter(s -> s.event() instanceof JobEvent.ChunkProgress).toList();
      long fullWhileEncoding = during.stream().filter(s -> s.fraction() >= 1.0 && s.chunksLeft() > 0).count();
      // The last chunk's final drain step and its trailer's step at most; counted as the encoder took
      // them, frames read 100 % over the whole drain of the last chunks (15 of 52 events here).
      assertTrue(fullWhileEncoding <= 2, "the row read 100 % at " + fullWhileEncoding + " of " + during.size()
          + " progress events while chunks still encoded");
      assertTrue(during.stream().anyMatch(s -> s.fraction() > 0 && s.fraction() < 1), "the figure moved in between");
      assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(entry.output()),
          "frames in the output, counted by Debian's ffprobe");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
