package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.JTextField;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobObserver;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Target quality in the window: while a chunk's probes run, its lane's bar names the chunk and the
 * probe ("#1 probe crf 27 …") and the progress line says which chunk probes, where it showed a
 * nameless pale bar and "0 of 2 done" for the whole search.
 */
class ProbingShownTest {
  /** What the window showed as a probe began: the progress line and the running lanes' bars. */
  private record Shown(JobEvent.ProbeStarted probe, String stage, List<String> lanes) {}

  /** The tests share one preferences node: later tests, which give no target, would otherwise encode to this one. */
  @AfterEach
  void forgetTheTarget() {
    java.util.prefs.Preferences.userRoot().node(System.getProperty("framefork.prefs.node", "/org/framefork/app"))
        .remove("targetQuality");
  }

  @Test
  void eachProbeIsNamedOnItsLaneAndInTheProgressLine() throws Exception {
    Path input = UiTestSupport.video("probing-320x240-2s.mp4", 320, 240, 2, false);
    Path out = UiTestSupport.emptyFolder("probing-shown");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--workers", "2", "--mode", "parallel", "--preset",
        "veryfast", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      List<Shown> shown = new ArrayList<>(); // EDT only
      UiTestSupport.onEdt(() -> {
        UiTestSupport.find(frame, "targetQuality", JTextField.class).setText("ssim=0.95-0.97");
        // Added after the views: it reads what they show once they have taken the event.
        frame.runner().addObserver(new JobObserver() {
          @Override
          public void jobEvent(QueueEntry entry, JobEvent e) {
            if (e instanceof JobEvent.ProbeStarted p) {
              shown.add(new Shown(p, frame.runner().progress().stageText(), frame.workers().activeLabels()));
            }
          }
        });
      });
      JobRecorder recorder = JobRecorder.attach(frame);
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
      UiTestSupport.waitUntil("the input is probed", 30, () -> entry.info() != null);
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(240);
      recorder.stopped.get(30, TimeUnit.SECONDS);

      JobOutcome.Done done = assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome().toString());
      int probes = done.report().targetQuality().chunks().stream().mapToInt(c -> c.probes().size()).sum();
      List<Shown> seen = UiTestSupport.onEdt(() -> List.copyOf(shown));
      assertTrue(probes > 0 && seen.size() == probes, "every probe the report lists was announced (" + probes + "): " + seen);
      for (Shown s : seen) {
        String bar = "#" + s.probe().chunk() + " probe crf " + EncodeSettings.formatCrf(s.probe().crf()) + " …";
        assertTrue(s.lanes().contains(bar), "no running bar says " + bar + ": " + s);
        assertTrue(s.stage().matches("probing chunks? (.*\\b)?" + s.probe().chunk() + "\\b.* · \\d+ of \\d+ done"), s.toString());
      }
      assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(entry.output()),
          "frames in the output, counted by Debian's ffprobe");
    }
  }
}
