package org.framefork.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.framefork.encoder.job.JobLock;
import org.framefork.encoder.job.JobWorkspace;
import org.junit.jupiter.api.Test;

/**
 * What a job's lines keep as they are, worked out once ({@link JobSettings#keeping}) and applied to
 * each of them: the settings' words where the engine speaks, the job's paths and filters as they are.
 */
class KeptForAJobTest {
  @Test
  void oneFunctionForAllTheJobsLinesSaysThemInTheSettingsWords() {
    Path input = Path.of("/clips/--split none/take --tonemap hable.mov");
    Path output = Path.of("/out/take --tonemap hable.framefork.mkv");
    String filters = "scale=640:360,eq";
    List<String> lines = List.of(
        input + " -> " + output,
        "the source is 60 fps; --fps sets another",
        "--vf eq: a temporal filter, and the source at " + input + " is cut short",
        "the work folder was kept (--keep-work): " + JobWorkspace.defaultFor(output.toAbsolutePath()),
        "another job writes " + output + " (" + JobLock.fileFor(output) + "); drop --depth 10",
        "  filters   " + filters + " -> 640x360",
        "");
    UnaryOperator<String> words = JobSettings.keeping(input, output, filters);
    Path work = JobWorkspace.defaultFor(output.toAbsolutePath());
    List<String> expected = List.of(
        input + " -> " + output,
        "the source is 60 fps; Sequence fps sets another",
        "Filters eq: a temporal filter, and the source at " + input + " is cut short",
        "the work folder was kept: " + work,
        "another job writes " + output + " (" + JobLock.fileFor(output) + "); set Bit depth to auto or 8",
        "  filters   " + filters + " -> 640x360",
        "");
    assertEquals(expected, lines.stream().map(words).toList());
    assertNull(words.apply(null));
  }
}
