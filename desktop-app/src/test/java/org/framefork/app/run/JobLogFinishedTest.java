package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.verify.Verification;
import org.junit.jupiter.api.Test;

/**
 * A finished job's notes, warnings and report, put in the app's words with what to keep worked out
 * once for all their lines, read as each does alone, and as each line does alone.
 */
class JobLogFinishedTest {
  @Test
  void onceForAllLinesSaysWhatEachLineSaysAlone() {
    Path input = Path.of("/clips/--split none/take --tonemap hable.mov");
    Path output = Path.of("/out/take --tonemap hable.framefork.mkv");
    String filters = "scale=640:360,eq";
    String rate = "the source is 60 fps; --fps sets another";
    String cut = "--vf eq: a temporal filter, and the source at " + input + " is cut short";
    JobReport r = new JobReport(
        new JobReport.Settings(input, output, VideoCodec.H265, 28, "fast", Container.MKV, AudioMode.COPY,
            ExecutionMode.PARALLEL, 4, SplitMode.SCENE, filters, false),
        new JobReport.Stages(0.2, 0.1, 0.4, 0.1, 0.3, 1.2, 1.5, 2),
        new JobReport.Chunks(3, 1, 0, 0, 0.4, 1.2, List.of()),
        new JobReport.Output(2, 0.05, 0, 12_345, 98.7, 640, 360),
        new Verification(2, 2, 0.05, 0.05, 0.05, false, false, 0, true, List.of(), null),
        null, null, List.of(rate, cut), null, List.of(), List.of(cut));

    JobLog.Finished said = JobLog.Finished.of(r);
    assertEquals(JobLog.notes(r), said.notes());
    assertEquals(JobLog.warnings(r), said.warnings());
    assertEquals(JobLog.report(r), said.report());
    UnaryOperator<String> words = JobSettings.keeping(input, output, filters);
    for (String line : said.report()) {
      assertEquals(JobSettings.inSettingsWords(line, input, output, filters), words.apply(line), line);
    }
    assertEquals(List.of("the source is 60 fps; Sequence fps sets another",
        "Filters eq: a temporal filter, and the source at " + input + " is cut short"), said.notes());
    assertEquals(null, words.apply(null));
  }
}
