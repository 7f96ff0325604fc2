package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A done row names a warning, not a fact: an image sequence's notes (its default rate, the colour
 * kernels) leave it plain, a source cut short puts the warning on its second line.
 */
class NotesThatWarnTest {
  private static final String RATE = "image sequence of 48 images (rgb24) at 24 fps, the default for an image sequence";
  private static final String CUT = "the source was cut short: 60 of 120 frames";

  @Test
  void factsStayOffTheRowAndWarningsAreOnIt() {
    QueueEntry facts = new QueueEntry(Path.of("/renders/shot"));
    facts.done(1000, 1.0, List.of(RATE), List.of());
    assertTrue(facts.warnings().isEmpty());
    assertFalse(facts.detailText().contains(RATE), facts.detailText());
    assertTrue(facts.statusText().contains("1 note"), facts.statusText());

    QueueEntry cut = new QueueEntry(Path.of("/downloads/clip.mp4"));
    cut.done(1000, 1.0, List.of(RATE, CUT), List.of(CUT));
    assertTrue(cut.detailText().endsWith(" · " + CUT), cut.detailText());
  }

  @Test
  void theQueueFileKeepsWhichNotesWarnAndAnOlderFilesNotesAllDo() {
    QueueEntry e = new QueueEntry(Path.of("/downloads/clip.mp4"));
    e.done(1000, 1.0, List.of(RATE, CUT), List.of(CUT));
    assertEquals(List.of(CUT), QueueEntry.restore(e.saved()).warnings());
    QueueEntry.Saved s = e.saved();
    QueueEntry.Saved older = new QueueEntry.Saved(s.input(), s.state(), s.output(), s.outputBytes(), s.seconds(),
        s.failure(), s.settings(), s.log(), s.notes(), null);
    assertEquals(List.of(RATE, CUT), QueueEntry.restore(older).warnings(), "a file of an earlier build marked every note");
  }
}
