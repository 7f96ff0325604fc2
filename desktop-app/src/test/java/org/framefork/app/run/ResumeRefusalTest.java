package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.framefork.encoder.probe.InputException;
import org.junit.jupiter.api.Test;

/**
 * The engine's resume refusals end with the command line's way out ("run without --resume"); the app
 * has no --resume, and a failed entry's Retry starts it over, so its row says that instead.
 */
class ResumeRefusalTest {
  @Test
  void anotherVersionsFolderSaysToPressRetry() {
    String engine = "the interrupted job in /v/a.mp4-1.framefork-work was started by another FrameFork version; "
        + "remove /v/a.mp4-1.framefork-work to start this input over, or run without --resume";
    JobOutcome.Failed f = (JobOutcome.Failed) EncodeWorker.outcomeOf(new InputException(engine));
    assertEquals("the interrupted job in /v/a.mp4-1.framefork-work was started by another FrameFork version; "
        + "press Retry to start it over", f.message());
    assertEquals(false, f.workKept());
    assertEquals(true, f.workRefused(), "the kept work does not fit: Retry starts it over");
    JobOutcome.Failed missing = (JobOutcome.Failed) EncodeWorker.outcomeOf(new InputException("/v/a.mp4: no such file; check the path"));
    assertEquals(false, missing.workRefused(), "a source moved away refuses nothing: its kept work waits for it");
  }

  /** A folder whose name holds "; " (it is the output's, which is the user's) is not cut at it. */
  @Test
  void aFolderNameWithASemicolonIsNotCut() {
    String dir = "/v/a; b.mp4-1.framefork-work";
    assertEquals("the interrupted job in " + dir + " was started by another FrameFork version; press Retry to start it over",
        EncodeWorker.withoutResumeOption("the interrupted job in " + dir + " was started by another FrameFork version; remove "
            + dir + " to start this input over, or run without --resume"));
  }

  @Test
  void otherRefusalsSayToPressRetryAndOtherProblemsAreUnchanged() {
    assertEquals("the interrupted job in /w was encoded with --crop 8:8:8:8 was interrupted; press Retry to start it over",
        EncodeWorker.withoutResumeOption("the interrupted job in /w was encoded with --crop 8:8:8:8 was interrupted; "
            + "run without --resume to start over"));
    assertEquals("the input changed; encode it again", EncodeWorker.withoutResumeOption("the input changed; encode it again"));
  }
}
