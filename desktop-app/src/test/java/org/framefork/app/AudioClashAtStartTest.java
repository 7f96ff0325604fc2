package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javax.swing.JComboBox;
import org.framefork.app.queue.QueueEntry;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * What the queue already read is checked at Start in the settings' words: vp9 in webm with Audio copy
 * of an AAC source is refused there, not found by a job that fails; a sequence with a gap says what to
 * do in the app (add the images, or tick Allow gaps).
 */
class AudioClashAtStartTest {
  @Test
  void anAudioCopyWebmCannotHoldIsRefusedAtStart() throws Exception {
    Path dir = UiTestSupport.emptyFolder("audio-clash-at-start");
    Path clip = Files.copy(UiTestSupport.video("ui-160p-1s-audio.mp4", 160, 120, 1, true), dir.resolve("clip.mp4"));
    Files.createDirectories(dir.resolve("out"));
    Path shots = Files.createDirectories(dir.resolve("shots"));
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=24", "-frames:v", "4", shots.resolve("f_%03d.png").toString());
    Files.delete(shots.resolve("f_003.png"));
    Preferences prefs = Preferences.userRoot().node(System.getProperty("framefork.prefs.node", "/org/framefork/app"));
    prefs.put("container", "webm");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--codec", "vp9", "--output-dir", dir.resolve("out").toString())) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "audio", JComboBox.class).setSelectedItem(AudioMode.COPY));
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(clip, shots)));
      UiTestSupport.waitUntil("both are read", 30, () -> entries.stream().noneMatch(QueueEntry::probing));
      String gap = UiTestSupport.onEdt(() -> entries.get(1).failure());
      assertTrue(gap.endsWith("add the missing images, or tick Allow gaps to hold the image before each gap; then press Retry"), gap);

      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      String line = UiTestSupport.onEdt(frame::messageText);
      assertEquals("clip.mp4: its aac audio cannot be copied into webm; set Audio to opus, or choose another Format.", line);
      assertFalse(UiTestSupport.onEdt(() -> frame.runner().isRunning()), "no job started");
      assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(() -> entries.get(0).state()));
      assertEquals(VideoCodec.VP9, UiTestSupport.onEdt(() -> frame.settings().current().codec()));
      UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "audio", JComboBox.class).setSelectedItem(AudioMode.AUTO));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    } finally {
      prefs.put("container", "mp4");
      prefs.put("codec", "h264");
      prefs.put("audio", "auto");
    }
  }
}
