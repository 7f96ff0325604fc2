package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JSpinner;
import org.framefork.app.presets.PresetLibrary;
import org.framefork.app.presets.PresetPrompts;
import org.framefork.app.presets.PresetsDialog;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.preset.EncodePreset;
import org.framefork.encoder.preset.PresetFile;
import org.framefork.encoder.testing.ChildProcess;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The presets dialog in the real window: a built-in applied, the settings changed and saved as a
 * preset, renamed, exported, deleted and imported back; then the exported file drives the command
 * line, and Debian's ffprobe finds the preset's codec, size and CRF in the output.
 */
class PresetsDialogTest {
  private String prefsNode;

  /** Answers the dialog's questions as a person would type them. */
  static final class Answers implements PresetPrompts {
    final Deque<String> names = new ArrayDeque<>();
    Path importFrom;
    Path exportTo;

    @Override
    public String name(Component parent, String question, String initial) {
      return names.poll();
    }

    @Override
    public Path fileToImport(Component parent) {
      return importFrom;
    }

    @Override
    public Path fileToExport(Component parent, String suggestedName) {
      assertTrue(suggestedName.endsWith(".json"), suggestedName);
      return exportTo;
    }
  }

  @BeforeEach
  void ownPreferences() {
    // Applying a preset is remembered like any change: in a node of this test's own, not the other tests'.
    prefsNode = System.getProperty("framefork.prefs.node");
    System.setProperty("framefork.prefs.node", "/org/framefork/app-test-presets");
  }

  @AfterEach
  void restorePreferences() {
    System.setProperty("framefork.prefs.node", prefsNode);
  }

  @Test
  void aSavedRenamedExportedAndImportedPresetEncodesFromTheCommandLine() throws Exception {
    Path dataDir = UiTestSupport.freshDataDir();
    Path files = UiTestSupport.emptyFolder("presets-dialog");
    Answers answers = new Answers();
    // A path with a space and a quote: the command line the dialog gives must paste into a shell as one word.
    Path exported = Files.createDirectories(files.resolve("my presets")).resolve("team's web.json");
    try (var app = UiTestSupport.launch("--light", "--data-dir", dataDir.toString())) {
      MainFrame frame = app.frame();
      PresetsDialog dialog = UiTestSupport.onEdt(() -> frame.settings().openPresets(answers));
      PresetLibrary library = frame.data().presets();

      UiTestSupport.onEdt(() -> {
        assertTrue(dialog.select("Web 720p"));
        click(dialog, "applyPreset");
      });
      JobSettings web = UiTestSupport.onEdt(() -> frame.settings().current());
      assertEquals(List.of(VideoCodec.H264, 23, "medium", AudioMode.AAC, "scale=-1:720:up=no"),
          List.of(web.codec(), web.crf(), web.preset(), web.audio(), web.filters()));
      assertEquals("Web 720p", UiTestSupport.onEdt(() -> frame.settings().matchingPreset().name()));

      // Changed by hand, the settings are no preset's any more; saved, they are one.
      UiTestSupport.onEdt(() -> {
        UiTestSupport.find(frame, "crf", JSpinner.class).setValue(27);
        frame.settings().setPreset("ultrafast");
      });
      assertNull(UiTestSupport.onEdt(() -> frame.settings().matchingPreset()));
      answers.names.add("My web");
      UiTestSupport.onEdt(() -> click(dialog, "savePreset"));
      assertEquals("My web", UiTestSupport.onEdt(() -> frame.settings().matchingPreset().name()));

      answers.names.add("Team web");
      UiTestSupport.onEdt(() -> click(dialog, "renamePreset"));
      assertNull(UiTestSupport.onEdt(() -> library.find("My web")));
      assertTrue(library.awaitWritten(10_000));
      assertEquals(List.of("Team web"), PresetFile.read(dataDir.resolve("presets.json")).stream().map(EncodePreset::name).toList(),
          "the user's presets are kept in the data folder");

      answers.exportTo = exported;
      UiTestSupport.onEdt(() -> click(dialog, "exportPreset"));
      UiTestSupport.waitUntil("the export is written", 20, () -> dialog.statusText().startsWith("Exported"));
      String quoted = "'" + exported.toAbsolutePath().toString().replace("'", "'\\''") + "'";
      assertTrue(dialog.statusText().contains("--preset-file " + quoted + " uses it"), dialog.statusText());
      // What a POSIX shell makes of the quoted word is the path itself.
      Process echo = new ProcessBuilder("sh", "-c", "printf %s " + quoted).start();
      assertEquals(exported.toAbsolutePath().toString(), new String(echo.getInputStream().readAllBytes()));
      assertWhole(dialog);
      UiTestSupport.onEdt(() -> click(dialog, "deletePreset"));
      assertNull(UiTestSupport.onEdt(() -> library.find("Team web")));

      answers.importFrom = exported;
      UiTestSupport.onEdt(() -> click(dialog, "importPreset"));
      UiTestSupport.waitUntil("the import is read", 20, () -> dialog.statusText().startsWith("Imported"));
      EncodePreset back = UiTestSupport.onEdt(() -> library.find("Team web"));
      assertNotNull(back);
      assertEquals(List.of(VideoCodec.H264, 27, "ultrafast", "scale=-1:720:up=no"), List.of(back.codec(), back.crf(), back.speed(),
          back.filters()));

      UiTestSupport.onEdt(() -> {
        dialog.select("Web 720p");
        click(dialog, "applyPreset");
      });
      UiTestSupport.screenshot(dialog, "presets-dialog");

      // A file of a later version is refused in one line, and nothing is added.
      Path later = files.resolve("later.json");
      Files.writeString(later, "{\"format\":\"framefork-presets\",\"version\":9,\"presets\":[]}");
      answers.importFrom = later;
      int before = UiTestSupport.onEdt(() -> library.all().size());
      UiTestSupport.onEdt(() -> click(dialog, "importPreset"));
      UiTestSupport.waitUntil("the refusal is shown", 20, () -> dialog.statusText().contains("newer than this FrameFork"));
      assertEquals(before, (int) UiTestSupport.onEdt(() -> library.all().size()));
      assertFalse(dialog.statusText().contains("\n"));

      // A video is no preset file, said as for any other file that is not one (not in Jackson's words).
      Path video = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
      answers.importFrom = video;
      UiTestSupport.onEdt(() -> click(dialog, "importPreset"));
      UiTestSupport.waitUntil("the video is refused", 20, () -> !dialog.statusText().startsWith("Working"));
      assertEquals(video + ": not a FrameFork preset file (not text)", UiTestSupport.onEdt(dialog::statusText));
      assertWhole(dialog);
      UiTestSupport.screenshot(dialog, "presets-dialog-refusal");

      UiTestSupport.onEdt(dialog::dispose);
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      Thread.sleep(1500); // JFR hands StrictMode its events about a second late
      assertEquals(List.of(), frame.strictMode().violations(), "preset files are read and written off the UI thread");
    }

    // The command line takes the exported file: the output has the preset's codec, size (a limit: the
    // source is larger) and CRF.
    Path input = UiTestSupport.video("ui-1080p-1s.mp4", 1920, 1080, 1, true);
    Path out = files.resolve("team-web.mp4");
    ChildProcess cli = ChildProcess.run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "org.framefork.encoder.cli.Main", "encode", input.toString(), "--preset-file", exported.toString(), "-o", out.toString(),
        "-j", "2", "--quiet"), Duration.ofSeconds(300));
    assertEquals(0, cli.exitCode(), cli.stderr());
    assertEquals("h264\n1280\n720", DebianFfmpeg.probe(out, "v:0", "stream=codec_name,width,height", false));
    assertEquals("aac", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
    assertEquals(27.0, DebianFfmpeg.encoderCrf(out));
  }

  /** The status shows all its lines, inside the dialog: it wraps rather than being cut. */
  private static void assertWhole(PresetsDialog dialog) {
    UiTestSupport.onEdt(() -> {
      dialog.validate();
      javax.swing.JTextArea status = UiTestSupport.find(dialog.getContentPane(), "presetStatus", javax.swing.JTextArea.class);
      java.awt.Rectangle r = status.getBounds();
      assertTrue(r.x >= 0 && r.x + r.width <= status.getParent().getWidth(), r + " in " + status.getParent().getWidth());
      assertTrue(r.height >= status.getPreferredSize().height, "all " + status.getLineCount() + " lines shown: " + r);
      assertEquals(dialog.statusText(), status.getToolTipText());
    });
  }

  private static void click(PresetsDialog dialog, String button) {
    UiTestSupport.find(dialog, button, JButton.class).doClick();
  }
}
