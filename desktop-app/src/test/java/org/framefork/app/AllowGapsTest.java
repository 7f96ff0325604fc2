package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JCheckBox;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The command line's --allow-gaps as the Allow gaps setting: a sequence with missing numbers fails on
 * its row, in words that name the setting; ticked, Retry encodes it with each missing frame holding the
 * image before it (Debian's ffprobe counts them), a sequence with gaps added then is read at once, and
 * the setting is remembered, in the preferences and in the queue file.
 */
class AllowGapsTest {
  /** The tests share one preferences node: the others expect gaps refused. */
  @AfterEach
  void forgetIt() {
    java.util.prefs.Preferences.userRoot().node(System.getProperty("framefork.prefs.node", "/org/framefork/app"))
        .remove("allowGaps");
  }

  @Test
  void aSequenceWithGapsIsEncodedOnceAllowGapsIsTicked() throws Exception {
    Path dir = UiTestSupport.emptyFolder("allow-gaps");
    Path shots = sequenceWithGaps(dir.resolve("shots"));
    Path more = sequenceWithGaps(dir.resolve("more"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path prefsFile = Path.of("target", "test-prefs", ".java", ".userPrefs", "org", "framefork", "app-test", "prefs.xml");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--codec", "h264", "--preset", "ultrafast",
        "--output-dir", out.toString(), "--data-dir", data.toString())) {
      MainFrame frame = app.frame();
      JCheckBox allowGaps = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "allowGaps", JCheckBox.class));
      assertFalse(UiTestSupport.onEdt(allowGaps::isSelected), "gaps are refused by default, as encode refuses them");
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(shots)).getFirst());
      UiTestSupport.waitUntil("the sequence is read", 30, () -> !entry.probing());
      String failure = UiTestSupport.onEdt(entry::failure);
      assertEquals(shots + ": numbers are missing from the sequence (3-4); add the missing images, or tick Allow gaps to hold "
          + "the image before each gap; then press Retry", failure);
      assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(entry::state));

      UiTestSupport.onEdt(() -> allowGaps.doClick());
      assertTrue(UiTestSupport.onEdt(() -> UiTestSupport.find(frame.getContentPane(), "settingsSummary", javax.swing.JLabel.class)
          .getText()).contains(" · gaps allowed"), "the folded header says so");
      JobRecorder recorder = JobRecorder.attach(frame);
      UiTestSupport.pressRetry(frame, entry);
      var run = recorder.awaitRunAndStop(180);
      assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> String.join("\n", entry.logLines()));
      Path output = UiTestSupport.onEdt(entry::output);
      assertEquals(6, DebianFfmpeg.decodedFrames(output), "6 numbers, 2 of them held: one frame each");
      assertTrue(UiTestSupport.onEdt(entry::notes).stream().anyMatch(n -> n.startsWith("2 frames hold the image before them")),
          () -> entry.notes().toString());
      assertTrue(entry.logLines().stream().anyMatch(l -> l.contains("gaps allowed")), () -> String.join("\n", entry.logLines()));

      QueueEntry later = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(more)).getFirst());
      UiTestSupport.waitUntil("the second sequence is read", 30, () -> !later.probing());
      assertNull(UiTestSupport.onEdt(later::failure), "a sequence with gaps added while they are allowed is read");
      assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(later::state));
      assertEquals("160×120 · 6 frames from 4 images · png", UiTestSupport.onEdt(later::detailText),
          "the held frames are no images: the folder has 4");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
    UiTestSupport.waitUntil("the queue file holds the entry's setting", 20, () -> {
      try {
        JsonNode saved = new ObjectMapper().readTree(data.resolve("queue.json").toFile()).path("entries").get(0);
        return saved.path("settings").path("allowGaps").asBoolean(false);
      } catch (java.io.IOException e) {
        return false;
      }
    });
    UiTestSupport.waitUntil("the preferences file holds the setting", 20, () -> {
      try {
        return Files.readString(prefsFile).contains("key=\"allowGaps\" value=\"true\"");
      } catch (java.io.IOException e) {
        return false;
      }
    });
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      assertTrue(UiTestSupport.onEdt(() -> UiTestSupport.find(app.frame().settings(), "allowGaps", JCheckBox.class).isSelected()),
          "remembered across a restart");
      assertTrue(UiTestSupport.onEdt(() -> app.frame().settings().current().allowGaps()));
    }
  }

  /**
   * With Allow gaps ticked, a jump too long to hold (1 to 20000000, twenty million frames from two
   * images) fails on its row in the app's words: it has no --start-number to name.
   */
  @Test
  void aJumpTooLongToHoldSaysWhatToDoInTheApp() throws Exception {
    Path jump = Files.createDirectories(UiTestSupport.emptyFolder("allow-gaps-jump").resolve("jump"));
    Path first = jump.resolve("f_00000001.png");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=24", "-frames:v", "1", first.toString());
    Files.copy(first, jump.resolve("f_20000000.png"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "allowGaps", JCheckBox.class).doClick());
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(jump)).getFirst());
      UiTestSupport.waitUntil("the sequence is read", 30, () -> !entry.probing());
      String failure = UiTestSupport.onEdt(entry::failure);
      assertEquals(jump + ": holding the frame before each gap would make 20000000 frames from 2 images (numbers 1 to 20000000); "
          + "renumber the images in one run, or move those past the jump to a folder of their own", failure);
      String row = UiTestSupport.onEdt(entry::detailText);
      assertTrue(row.startsWith("holding the frame before each gap") && !row.contains("--"), row);
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  /** Six PNGs numbered 1 to 6 by Debian's ffmpeg, 3 and 4 deleted, in {@code dir}. */
  private static Path sequenceWithGaps(Path dir) throws java.io.IOException {
    Files.createDirectories(dir);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=24", "-frames:v", "6", dir.resolve("f_%03d.png").toString());
    Files.delete(dir.resolve("f_003.png"));
    Files.delete(dir.resolve("f_004.png"));
    return dir;
  }
}
