package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * One window per data folder, across JVMs: {@code framefork gui FILES} while the app is open on that
 * folder hands the files to its window (one queue file, each input once) and ends with one line; a
 * window killed with SIGKILL leaves no lock that keeps the next one out.
 */
class SecondLaunchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs {@code FrameForkApp}'s main in a JVM of its own; its exit code, and its output (errors: their last line). */
  private record Run(int exit, String output) {}

  private static Run second(Path dataDir, Path workingDir, String... files) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(UiTestSupport.appCommand("--data-dir", dataDir.toString()));
    cmd.addAll(List.of(files));
    Path err = Files.createTempFile(UiTestSupport.TARGET, "second-launch", ".err");
    Process p = new ProcessBuilder(cmd).directory(workingDir.toFile()).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the second launch did not end");
    List<String> errors = Files.readAllLines(err); // the JVM's own warning about the vector module comes first
    Files.delete(err);
    return new Run(p.exitValue(), p.exitValue() == 0 || errors.isEmpty() ? out : errors.getLast());
  }

  @Test
  void aSecondLaunchHandsItsFilesToTheOpenWindowAndEnds() throws Exception {
    Path first = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path second = UiTestSupport.video("ui-640x360-8s-g15.mp4", 640, 360, 8, true);
    Path dataDir = UiTestSupport.freshDataDir();
    try (UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light", first.toString())) {
      MainFrame frame = app.frame();
      // In another folder, by a name relative to it: the window gets the file's absolute path.
      Run run = second(dataDir, second.getParent(), second.getFileName().toString());
      assertEquals(new Run(0, "FrameFork is already open: added 1 video to its queue"), run);
      List<Path> inputs = UiTestSupport.onEdt(() -> frame.queue().model().entries().stream().map(QueueEntry::input).toList());
      assertEquals(List.of(first.toAbsolutePath(), second.toAbsolutePath()), inputs);
      assertTrue(frame.data().queue().awaitWritten(10_000));
      JsonNode saved = JSON.readTree(dataDir.resolve("queue.json").toFile());
      assertEquals(2, saved.path("entries").size(), saved.toString());

      Run again = second(dataDir, dataDir, first.toString());
      assertEquals(new Run(0, "FrameFork is already open: added no videos to its queue; ui-360p-3s.mp4 is already in the queue"),
          again);
      assertEquals("ui-360p-3s.mp4 is already in the queue", UiTestSupport.onEdt(frame::messageText));

      // A file FFmpeg cannot read joins the queue as a failed row, and is not counted as a video added.
      Path notAVideo = dataDir.resolveSibling(dataDir.getFileName() + "-notes.mp4");
      Files.writeString(notAVideo, "these are notes, not a video\n");
      Run unreadable = second(dataDir, dataDir, notAVideo.toString());
      assertEquals(0, unreadable.exit(), unreadable.output());
      assertTrue(unreadable.output().startsWith("FrameFork is already open: added no videos to its queue; "
          + notAVideo.toAbsolutePath() + ": not a video FFmpeg can read"), unreadable.output());
      assertEquals(QueueEntry.State.FAILED, UiTestSupport.onEdt(() -> frame.queue().model().entries().getLast().state()));
      UiTestSupport.onEdt(() -> frame.queue().model().remove(frame.queue().model().entries().getLast()));

      Run bare = second(dataDir, dataDir);
      assertEquals(new Run(0, "FrameFork is already open"), bare, "no files: it says so and opens nothing");
      Run missing = second(dataDir, dataDir, "no-such-video.mp4");
      assertEquals(2, missing.exit(), missing.output());
      assertEquals("framefork gui: no-such-video.mp4: no such file", missing.output());
      Run withSettings = second(dataDir, dataDir, "--codec", "av1", "--crf", "30", second.toString());
      assertEquals(new Run(2, "framefork gui: FrameFork is already open on " + dataDir.toAbsolutePath().normalize() + "; set --codec, --crf in its "
          + "window, or close it first"), withSettings, "the window's settings would have been used silently");
      assertEquals(2, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      try (var s = Files.list(dataDir.resolve(AppInstance.INBOX))) {
        assertEquals(List.of(), s.toList(), "every hand-off was taken and answered");
      }
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      assertEquals(List.of(), frame.strictMode().violations(), "the inbox is read off the UI thread");
    }
  }

  /** A scripted run's queue is its one job: a launch's videos are refused (2), not queued behind it. */
  @Test
  void aScriptedRunOnADataFolderRefusesHandOffs() throws Exception {
    Path video = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    Path other = UiTestSupport.video("ui-640x360-8s-g15.mp4", 640, 360, 8, true);
    Path dataDir = UiTestSupport.freshDataDir();
    try (UiTestSupport.Launched app = UiTestSupport.launch("--data-dir", dataDir.toString(), "--light", "--autorun", video.toString())) {
      MainFrame frame = app.frame();
      AppInstance.Answer answer = AppInstance.handOff(dataDir.toRealPath(), List.of(other.toAbsolutePath()));
      assertEquals(new AppInstance.Answer("FrameFork is running a scripted job on " + dataDir.toRealPath()
          + "; use another --data-dir", true), answer);
      assertTrue(!UiTestSupport.onEdt(() -> frame.queue().model().contains(other)), "the video was queued behind the job");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (UiTestSupport.onEdt(() -> frame.runner().isRunning()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
  }

  @Test
  void aWindowKilledWithSigkillLeavesNoLockBehind() throws Exception {
    UiTestSupport.requireDisplay();
    Path dataDir = UiTestSupport.freshDataDir();
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-child.log");
    Process app = new ProcessBuilder(UiTestSupport.appCommand("--data-dir", dataDir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(dataDir.resolve("queue.json")) && app.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(dataDir.resolve("queue.json")), "the window did not come up: " + Files.readString(log));
      IllegalStateException busy = assertThrows(IllegalStateException.class,
          () -> UiTestSupport.launch("--data-dir", dataDir.toString()));
      assertTrue(busy.getMessage().startsWith("FrameFork is already open on "), busy.getMessage());
    } finally {
      app.destroyForcibly(); // SIGKILL: the lock file stays, the lock goes with the process
      app.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(dataDir.resolve(AppInstance.LOCK_FILE)));
    try (UiTestSupport.Launched again = UiTestSupport.launch("--data-dir", dataDir.toString())) {
      assertTrue(UiTestSupport.onEdt(again.frame()::isShowing));
    }
  }
}
