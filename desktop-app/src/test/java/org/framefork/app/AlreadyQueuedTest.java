package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A video added again while it waits in the queue is not added twice, and the line beside Start says so. */
class AlreadyQueuedTest {
  @Test
  void aVideoAlreadyWaitingIsSaidSo() throws Exception {
    Path ten = UiTestSupport.video("ui-360p-3s.mp4", 640, 360, 3, true);
    List<Path> copies = new java.util.ArrayList<>();
    for (String name : List.of("other.mp4", "third.mp4")) {
      copies.add(Files.copy(ten, UiTestSupport.emptyFolder("already-queued-" + name).resolve(name)));
    }
    Path other = copies.getFirst();
    Path third = copies.getLast();
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", ten.toString())) {
      MainFrame frame = app.frame();
      assertEquals("", UiTestSupport.onEdt(frame::messageText));
      int added = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(ten)).size());
      assertEquals(0, added);
      assertEquals("ui-360p-3s.mp4 is already in the queue", UiTestSupport.onEdt(frame::messageText));
      UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(other, third)));
      added = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(other, ten, third)).size());
      assertEquals(0, added);
      assertEquals("other.mp4 and 2 more are already in the queue", UiTestSupport.onEdt(frame::messageText));
      assertEquals(3, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));

      // One add that names a video twice (a folder and a video in it) adds it once, without a word.
      Path fourth = Files.copy(ten, UiTestSupport.emptyFolder("already-queued-fourth").resolve("fourth.mp4"));
      UiTestSupport.onEdt(() -> {
        frame.queue().addFiles(List.of(ten)); // a sentence to see replaced
        return null;
      });
      added = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(fourth, fourth.getParent().resolve("./fourth.mp4"))).size());
      assertEquals(1, added);
      assertEquals(4, (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()));
      assertEquals("ui-360p-3s.mp4 is already in the queue", UiTestSupport.onEdt(frame::messageText),
          "a repeat within one add is not said to be in the queue already");
    }
  }
}
