package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.JComboBox;
import javax.swing.JTextField;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueueStore;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settings the command line has as --fps, --depth and --tonemap: set in the window, they reach
 * the engine as the command line hands them over (the rate to image sequences only), the engine's
 * refusals show before Start, and they are remembered. Outputs are checked by Debian's ffprobe.
 */
class PictureSettingsTest {
  /**
   * The tests share one preferences node: later ones expect the defaults of what these set (SmallWindowTest
   * reads the summary, ImageSequenceQueueTest names its outputs after the default codec).
   */
  @AfterEach
  void forgetWhatTheseSet() {
    java.util.prefs.Preferences node = java.util.prefs.Preferences.userRoot().node(System.getProperty("framefork.prefs.node",
        "/org/framefork/app"));
    List.of("depth", "toneMap", "sequenceRate", "codec", "preset", "crf").forEach(node::remove);
  }

  @Test
  void aPngSequenceAt30FpsIsEncodedAt30FpsIn10BitsAndAVideoKeepsItsOwnRate() throws Exception {
    Path dir = UiTestSupport.emptyFolder("picture-settings-fps");
    Path shots = Files.createDirectories(dir.resolve("shots"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=1.5", shots.resolve("frame_%04d.png").toString());
    long images;
    try (java.util.stream.Stream<Path> files = Files.list(shots)) {
      images = files.count();
    }
    Path video = TestMedia.get(TestMedia.H264_BFRAMES_AAC); // 25 fps, 50 frames
    Path out = Files.createDirectories(dir.resolve("out"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--codec", "h265", "--preset", "ultrafast", "--mode",
        "parallel", "--workers", "2", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> field(frame, "sequenceRate").setText("fast"));
      assertEquals("Sequence fps fast: give frames a second, more than 0 and at most 1000, as 24, 23.976 or 30000/1001",
          UiTestSupport.onEdt(() -> frame.settings().current().problem()));
      UiTestSupport.onEdt(() -> field(frame, "sequenceRate").setText("30000/1001"));
      assertNull(UiTestSupport.onEdt(() -> frame.settings().current().problem()));
      UiTestSupport.onEdt(() -> {
        field(frame, "sequenceRate").setText("30");
        choice(frame, "depth").setSelectedItem("10");
      });
      assertEquals("h265 ultrafast · CRF 28 · 10-bit · images at 30 fps · mp4 · parallel, 2 workers", UiTestSupport.onEdt(
          () -> UiTestSupport.find(frame.getContentPane(), "settingsSummary", javax.swing.JLabel.class).getText()));

      List<QueueEntry> entries = encode(frame, List.of(shots, video));
      QueueEntry sequence = entries.get(0);
      // The row's tooltip is built once per change of its entry, not on every mouse move.
      String tip = rowTip(frame);
      assertTrue(tip.contains("done") && tip.contains("shots-h265.mp4"), tip);
      assertSame(tip, rowTip(frame));
      // The row names the images, not a duration at the rate they were read with (24) rather than encoded at.
      assertEquals("320×240 · " + images + " images · png", UiTestSupport.onEdt(sequence::mediaSummary));
      JsonNode seq = videoStream(sequence.output());
      assertEquals("30/1", seq.path("r_frame_rate").asText());
      assertEquals(images, seq.path("nb_read_frames").asLong(), "one frame per image");
      assertEquals("yuv420p10le", seq.path("pix_fmt").asText());
      assertTrue(sequence.logLines().stream().anyMatch(l -> l.contains("h265 ultrafast CRF 28, 10-bit, images at 30 fps,")),
          () -> String.join("\n", sequence.logLines()));

      QueueEntry clip = entries.get(1);
      JsonNode v = videoStream(clip.output());
      assertEquals("25/1", v.path("r_frame_rate").asText(), "a video keeps its own rate");
      assertEquals(50, v.path("nb_read_frames").asInt());
      assertEquals("yuv420p10le", v.path("pix_fmt").asText());
      assertFalse(clip.logLines().stream().anyMatch(l -> l.contains("images at")), () -> String.join("\n", clip.logLines()));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  @Test
  void toneMappingGivesBt709FromHdr10AndANoteOnSdrWhileImpossibleChoicesAreRefusedBeforeStart() throws Exception {
    Path hdr = TestMedia.get(TestMedia.HDR10_HEVC);
    Path sdr = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = UiTestSupport.emptyFolder("picture-settings-tonemap");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--codec", "vp9", "--mode", "parallel", "--workers", "2",
        "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(sdr)));
      UiTestSupport.onEdt(() -> choice(frame, "depth").setSelectedItem("10"));
      assertEquals("vp9 writes 8-bit pictures only in this build; use h265 or av1 for 10 bits, or set Bit depth to auto.",
          startAndSay(frame));
      UiTestSupport.onEdt(() -> {
        choice(frame, "codec").setSelectedItem(VideoCodec.H264);
        frame.settings().setPreset("ultrafast");
        choice(frame, "toneMap").setSelectedItem("hable");
      });
      assertEquals("Tone map writes 8-bit SDR; set Bit depth to auto or 8.", startAndSay(frame));
      assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(() -> frame.queue().model().entries().getFirst().state()),
          "nothing started");
      UiTestSupport.onEdt(() -> choice(frame, "depth").setSelectedItem("auto"));

      UiTestSupport.onEdt(() -> frame.queue().model().remove(frame.queue().model().entries().getFirst()));
      List<QueueEntry> entries = encode(frame, List.of(hdr, sdr));
      QueueEntry mapped = entries.get(0);
      JsonNode st = videoStream(mapped.output());
      for (String tag : List.of("color_transfer", "color_primaries", "color_space")) {
        assertEquals("bt709", st.path(tag).asText(), tag);
      }
      assertEquals("yuv420p", st.path("pix_fmt").asText());
      assertTrue(mapped.notes().stream().anyMatch(n -> n.startsWith("tone-mapped from HDR10") && n.contains("hable")),
          mapped.notes()::toString);
      assertTrue(mapped.logLines().stream().anyMatch(l -> l.contains("h264 ultrafast CRF 23, tone map hable,")),
          () -> String.join("\n", mapped.logLines()));
      QueueEntry left = entries.get(1);
      assertTrue(left.notes().stream().anyMatch(n -> n.startsWith("Tone map maps PQ (HDR10) sources")), left.notes()::toString);
      assertEquals(QueueEntry.State.DONE, left.state(), "an SDR source is encoded as it is, with a note");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  @Test
  void theThreeSettingsSurviveARestart() throws Exception {
    Path prefsFile = Path.of("target", "test-prefs", ".java", ".userPrefs", "org", "framefork", "app-test", "prefs.xml");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      UiTestSupport.onEdt(() -> {
        field(app.frame(), "sequenceRate").setText("23.976");
        choice(app.frame(), "depth").setSelectedItem("8");
        choice(app.frame(), "toneMap").setSelectedItem("bt2390");
      });
    }
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      JobSettings s = UiTestSupport.onEdt(() -> app.frame().settings().current());
      assertEquals("23.976", s.sequenceRate());
      assertEquals(8, s.depth());
      assertEquals(HdrToSdr.Curve.BT2390, s.toneMap());
      // On disk within seconds, as every setting is (SettingsSurviveACrashTest), not only in this JVM's memory.
      UiTestSupport.waitUntil("the preferences file holds the three", 20, () -> {
        try {
          String xml = Files.readString(prefsFile);
          return xml.contains("key=\"sequenceRate\" value=\"23.976\"") && xml.contains("key=\"depth\" value=\"8\"")
              && xml.contains("key=\"toneMap\" value=\"bt2390\"");
        } catch (java.io.IOException e) {
          return false;
        }
      });
    }
  }

  @Test
  void aQueueFileOfAnEarlierBuildLoadsWithTheCommandLinesDefaults() throws Exception {
    Path dir = UiTestSupport.emptyFolder("picture-settings-old-queue");
    Path file = dir.resolve("queue.json");
    JobSettings now = new JobSettings(VideoCodec.H265, "slow", 26, ExecutionMode.PARALLEL, 2, 0, Container.MKV, dir,
        AudioMode.AUTO, "", "", null, 10, HdrToSdr.Curve.HABLE, "30");
    QueueEntry entry = new QueueEntry(dir.resolve("clip.mp4"));
    entry.started(dir.resolve("clip-h265.mkv"), now);
    QueueStore store = new QueueStore(file);
    store.save(List.of(entry.saved()));
    assertTrue(store.awaitWritten(10_000));
    ObjectMapper json = new ObjectMapper();
    JsonNode root = json.readTree(file.toFile());
    ObjectNode settings = (ObjectNode) root.path("entries").get(0).path("settings");
    assertEquals("HABLE", settings.path("toneMap").asText(), "what this build writes");
    settings.remove(List.of("depth", "toneMap", "sequenceRate")); // what an earlier build wrote
    json.writeValue(file.toFile(), root);

    QueueStore.Loaded loaded = new QueueStore(file).load();
    assertNull(loaded.message());
    JobSettings earlier = loaded.entries().getFirst().settings();
    assertEquals(new JobSettings(VideoCodec.H265, "slow", 26, ExecutionMode.PARALLEL, 2, 0, Container.MKV, dir,
        AudioMode.AUTO, "", "", null, 0, null, ""), earlier);
    assertEquals("h265 slow · CRF 26 · mkv · parallel, 2 workers", earlier.summary());
  }

  /** The first queue row's tooltip, as Swing asks for it when the mouse rests there. */
  private static String rowTip(MainFrame frame) {
    return UiTestSupport.onEdt(() -> {
      javax.swing.JList<?> list = UiTestSupport.find(frame.queue(), "queueList", javax.swing.JList.class);
      java.awt.Rectangle row = list.getCellBounds(0, 0);
      return list.getToolTipText(new java.awt.event.MouseEvent(list, java.awt.event.MouseEvent.MOUSE_MOVED,
          System.currentTimeMillis(), 0, row.x + 4, row.y + 4, 0, false));
    });
  }

  /** Adds {@code inputs}, presses Start and waits until the queue stops; each entry must be done. */
  private static List<QueueEntry> encode(MainFrame frame, List<Path> inputs) throws Exception {
    JobRecorder recorder = JobRecorder.attach(frame);
    List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(inputs));
    UiTestSupport.waitUntil("the inputs are read", 60, () -> entries.stream().allMatch(e -> e.info() != null || e.failure() != null));
    assertEquals("", startAndSay(frame));
    recorder.stopped.get(240, TimeUnit.SECONDS);
    for (QueueEntry e : entries) {
      assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(e::state), () -> e.name() + ":\n" + String.join("\n", e.logLines()));
    }
    return entries;
  }

  /** Presses Start; what the window says under it (empty when the queue started). */
  private static String startAndSay(MainFrame frame) {
    return UiTestSupport.onEdt(() -> {
      frame.startAction().actionPerformed(null);
      return frame.messageText();
    });
  }

  private static JsonNode videoStream(Path file) {
    return DebianFfmpeg.probeJson(file, "-count_frames", "-select_streams", "v:0", "-show_streams").path("streams").get(0);
  }

  private static JTextField field(MainFrame frame, String name) {
    return UiTestSupport.find(frame.settings(), name, JTextField.class);
  }

  @SuppressWarnings("unchecked")
  private static JComboBox<Object> choice(MainFrame frame, String name) {
    return UiTestSupport.find(frame.settings(), name, JComboBox.class);
  }
}
