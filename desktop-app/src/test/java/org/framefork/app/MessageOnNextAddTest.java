package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import org.junit.jupiter.api.Test;

/** The line beside Start speaks of the last add: the next drop replaces an old "is already in the queue". */
class MessageOnNextAddTest {
  @Test
  void theNextDropReplacesAnOldSentence() throws Exception {
    Path dir = UiTestSupport.emptyFolder("message-on-next-add");
    Path a = Drops.clip(dir, "short.mp4");
    Path b = Drops.clip(dir, "next.mp4");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      JComponent list = Drops.queueList(frame);
      Drops.dropNow(list, Drops.files(a));
      UiTestSupport.waitUntil("short.mp4 is queued", 10, () -> frame.queue().model().getSize() == 1);
      Drops.dropNow(list, Drops.files(a));
      UiTestSupport.waitUntil("the line says it is queued already", 10,
          () -> frame.messageText().equals("short.mp4 is already in the queue"));
      Drops.dropNow(list, Drops.files(b));
      UiTestSupport.waitUntil("next.mp4 is queued", 10, () -> frame.queue().model().getSize() == 2);
      assertEquals("", UiTestSupport.onEdt(frame::messageText), "the sentence of the add before");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }
}
