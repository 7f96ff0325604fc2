package org.framefork.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder dropped on the queue or chosen in its dialog brings in what {@code encode DIR} takes, not earlier outputs. */
class FolderInputsTest {
  @TempDir
  Path dir;

  @Test
  void aFolderBringsItsVideosButNotTheEnginesOrTheAppsOutputs() throws IOException {
    for (String name : List.of("a.mp4", "a.framefork.mp4", "a-h264.mp4", "a-vp9-2.webm", "b.MOV", "b.framefork.mkv",
        "lone-h265.mp4", "take.y4m", "notes.txt")) {
      Files.writeString(dir.resolve(name), "x");
    }
    Files.createDirectory(dir.resolve("render"));
    Files.writeString(dir.resolve("render-av1.mkv"), "x"); // a sequence's output beside the sequence's folder
    List<String> names = QueuePanel.inputsIn(List.of(dir)).stream().map(p -> p.getFileName().toString()).toList();
    // lone-h265.mp4 has no source beside it: it may be a source named so, and is kept; .y4m is a video to encode.
    assertEquals(List.of("a.mp4", "b.MOV", "lone-h265.mp4", "take.y4m"), names);
  }

  /** One look at many inputs lists each folder once: a file made since is not seen by the same look. */
  @Test
  void aFolderIsListedOnceForAllItsFiles() throws IOException {
    Files.writeString(dir.resolve("a.mp4"), "x");
    OutputNames.Listings listings = new OutputNames.Listings();
    assertEquals(List.of("a.mp4"), listings.names(dir));
    Files.writeString(dir.resolve("a-h264.mp4"), "x");
    assertEquals(List.of("a.mp4"), listings.names(dir));
    assertEquals(2, new OutputNames.Listings().names(dir).size(), "a new look lists it again");
  }

  @Test
  void aFileChosenByItselfIsTakenWhateverItsName() throws IOException {
    Path output = Files.writeString(dir.resolve("a.framefork.mp4"), "x");
    assertEquals(List.of(output), QueuePanel.inputsIn(List.of(output)));
  }
}
