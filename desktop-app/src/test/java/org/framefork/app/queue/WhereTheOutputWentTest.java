package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/** A done row says its size as the command line does, and its tooltip where the output is. */
class WhereTheOutputWentTest {
  @Test
  void theRowsSizeIsTheCommandLinesAndTheTooltipHasTheOutputsPath() {
    Path out = Path.of("/tmp/qa-app/out/clip-h264.mp4");
    QueueEntry e = new QueueEntry(Path.of("/tmp/qa-app/media/clip.mp4"));
    e.started(out, new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4,
        out.getParent(), AudioMode.AUTO, "", "", null));
    e.done(2_900_000, 30.94, List.of(), List.of());
    // The CLI's report prints 2900000 bytes as "2.77 MiB" (ReportPrinter.size); the row said "2.8 MB".
    assertEquals("done · 2.77 MiB in 30.9 s", e.statusText());
    String tip = QueuePanel.tipOf(e);
    assertTrue(tip.contains("→ /tmp/qa-app/out/clip-h264.mp4"), tip);
  }
}
