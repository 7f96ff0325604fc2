package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.swing.Action;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;

/**
 * The queue after a crash: the app's JVM killed with SIGKILL while it encodes comes back with the
 * entry interrupted, and Resume finishes it from the chunks that were done; a damaged queue file
 * is set aside with a message.
 */
class QueueSurvivesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void killedWhileEncodingTheEntryComesBackInterruptedAndResumesFromItsChunks() throws Exception {
    UiTestSupport.requireDisplay();
    Path input = UiTestSupport.video("ui-640x360-8s-g15.mp4", 640, 360, 8, true);
    Path dataDir = UiTestSupport.freshDataDir();
    Path out = UiTestSupport.emptyFolder("queue-survives");
    Path queueFile = dataDir.resolve("queue.json");
    // A slow preset and one-second chunks, so that the kill finds finished chunks and unfinished ones.
    Process app = new ProcessBuilder(UiTestSupport.appCommand("--data-dir", dataDir.toString(), "--autorun", input.toString(),
        "--workers", "2", "--mode", "parallel", "--preset", "slower", "--output-dir", out.toString()))
        .redirectErrorStream(true).redirectOutput(out.resolveSibling("queue-survives-child.log").toFile()).start();
    Path chunks;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      chunks = null;
      while (System.nanoTime() < deadline && app.isAlive()) {
        chunks = workChunks(out);
        if (chunks != null && records(chunks) >= 2 && "ENCODING".equals(savedState(queueFile))) {
          break;
        }
        Thread.sleep(25);
      }
      assertTrue(app.isAlive(), "the app was still encoding when killed: "
          + Files.readString(out.resolveSibling("queue-survives-child.log")));
    } finally {
      app.destroyForcibly(); // SIGKILL: no shutdown hook, no window closing, nothing saved at the end
      app.waitFor(30, TimeUnit.SECONDS);
    }
    int finishedBeforeKill = records(chunks);
    assertTrue(finishedBeforeKill >= 2, "chunks done before the kill: " + finishedBeforeKill);
    assertEquals("ENCODING", savedState(queueFile), "the queue file said encoding at the kill");
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of(), s.filter(p -> !p.getFileName().toString().startsWith(".")).toList(), "no output yet");
    }

    try (UiTestSupport.Launched restarted = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light")) {
      MainFrame frame = restarted.frame();
      QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().model().entries().getFirst());
      assertEquals(QueueEntry.State.INTERRUPTED, UiTestSupport.onEdt(entry::state));
      assertEquals(input.toAbsolutePath(), entry.input());
      JobRecorder recorder = JobRecorder.attach(frame);
      Action resume = UiTestSupport.onEdt(() -> {
        frame.queue().select(entry);
        return frame.queue().entryActions().getFirst();
      });
      assertEquals("Resume", resume.getValue(Action.NAME));
      assertTrue(UiTestSupport.onEdt(resume::isEnabled));
      UiTestSupport.onEdt(() -> resume.actionPerformed(null));
      var run = recorder.awaitRun(240);
      recorder.stopped.get(30, TimeUnit.SECONDS);
      assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(entry::state), () -> String.join("\n", entry.logLines()));
      var report = ((JobOutcome.Done) run.outcome()).report();
      assertTrue(report.chunks().reused() >= finishedBeforeKill - 1 && report.chunks().reused() >= 1,
          "reused " + report.chunks().reused() + " of the " + finishedBeforeKill + " finished before the kill");
      assertTrue(entry.logLines().stream().anyMatch(l -> l.contains("resume: ")), entry.logLines().toString());
      assertTrue(entry.logLines().stream().anyMatch(l -> l.contains("reused from the earlier run")), entry.logLines().toString());

      // Frame-exact: every source frame, at the source's times, as Debian's decoder sees them.
      Path output = entry.output();
      assertEquals(DebianFfmpeg.frameTimes(input), DebianFfmpeg.frameTimes(output));
      assertEquals("", DebianFfmpeg.videoDecodeErrors(output));
      assertTrue(frame.data().queue().awaitWritten(10_000));
      assertEquals("DONE", savedState(queueFile), "done is saved, and stays done");

      // Show log: the job's events and report, selectable and copyable, not editable.
      Action showLog = UiTestSupport.onEdt(() -> frame.queue().entryActions().getLast());
      assertEquals("Show log", showLog.getValue(Action.NAME));
      UiTestSupport.onEdt(() -> showLog.actionPerformed(null));
      javax.swing.JTextArea log = UiTestSupport.onEdt(() -> {
        java.awt.Window dialog = java.util.Arrays.stream(java.awt.Window.getWindows())
            .filter(w -> w.isShowing() && w instanceof javax.swing.JDialog d && d.getTitle().startsWith("Log: ")).findFirst()
            .orElseThrow();
        javax.swing.JTextArea text = UiTestSupport.find((java.awt.Container) dialog, "logText", javax.swing.JTextArea.class);
        dialog.dispose();
        return text;
      });
      assertFalse(log.isEditable());
      assertTrue(log.getText().contains("interrupted") && log.getText().contains("reused from the earlier run")
          && log.getText().contains("verify    passed"), log.getText());
      assertEquals(List.of(), restarted.edt().violations(), "Swing touched off the EDT");
      assertEquals(List.of(), frame.strictMode().violations(), "the queue file is read and written off the UI thread");
    }
    try (UiTestSupport.Launched again = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light")) {
      assertEquals(QueueEntry.State.DONE, UiTestSupport.onEdt(() -> again.frame().queue().model().entries().getFirst().state()));
    }
  }

  @Test
  void aDamagedQueueFileIsSetAsideWithAMessage() throws Exception {
    Path dataDir = UiTestSupport.freshDataDir();
    Path queueFile = dataDir.resolve("queue.json");
    Files.writeString(queueFile, "{\"version\":1,\"entries\":[{\"input\":\"/a.mp4\",\"sta");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString())) {
      MainFrame frame = app.frame();
      String message = UiTestSupport.onEdt(frame::messageText);
      assertTrue(message.startsWith("The saved queue is damaged"), message);
      assertTrue(message.contains("set aside as queue.json.damaged-"), message);
      assertEquals(0, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      try (Stream<Path> s = Files.list(dataDir)) {
        List<String> names = s.map(p -> p.getFileName().toString()).toList();
        assertTrue(names.stream().anyMatch(n -> n.startsWith("queue.json.damaged-")), names.toString());
      }
      // The app goes on: a new entry is saved to a new, readable queue file.
      Path video = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
      UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(video)));
      assertTrue(frame.data().queue().awaitWritten(10_000));
      JsonNode saved = JSON.readTree(queueFile.toFile());
      assertEquals(1, saved.path("entries").size(), saved.toString());
      assertFalse(saved.path("entries").path(0).path("input").asText().isEmpty());
    }
  }

  /** The job's chunk records in its work folder under {@code out}, or null before it exists. */
  private static Path workChunks(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".framefork-work")).map(p -> p.resolve("chunks"))
          .filter(Files::isDirectory).findFirst().orElse(null);
    }
  }

  private static int records(Path chunks) {
    if (chunks == null || !Files.isDirectory(chunks)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(chunks)) {
      return (int) s.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    } catch (Exception e) {
      return 0; // the engine renames records into place; a listing can race with that
    }
  }

  /** The first entry's state in the queue file, or null when it cannot be read yet. */
  private static String savedState(Path queueFile) {
    try {
      return JSON.readTree(queueFile.toFile()).path("entries").path(0).path("state").asText(null);
    } catch (Exception e) {
      return null;
    }
  }
}
