package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/** An entry's log names what sets the quality: the CRF, or the target that picks each chunk's CRF. */
class JobLogTest {
  @Test
  void theStartLineNamesTheTargetNotTheUnusedCrf() {
    Path out = Path.of("/tmp/out/clip-h264.mp4");
    assertEquals("start: -> " + out + "; h264 medium CRF 23, audio auto; parallel on 2 workers",
        JobLog.started(settings(""), false, out));
    assertEquals("resume: -> " + out + "; h264 medium vmaf=93, audio auto; parallel on 2 workers",
        JobLog.started(settings("vmaf=93"), true, out));
  }

  private static JobSettings settings(String target) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, Path.of("/tmp/out"),
        AudioMode.AUTO, "", target, null);
  }
}
