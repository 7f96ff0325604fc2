package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/**
 * An entry's log names what sets the quality (the CRF, or the target that picks each chunk's CRF),
 * and the depth, tone map and image sequence rate where they are set.
 */
class JobLogTest {
  @Test
  void theStartLineNamesTheTargetNotTheUnusedCrf() {
    Path out = Path.of("/tmp/out/clip-h264.mp4");
    assertEquals("start: -> " + out + "; h264 medium CRF 23, audio auto; parallel on 2 workers",
        JobLog.started(settings(""), false, out, false));
    assertEquals("resume: -> " + out + "; h264 medium vmaf=93, audio auto; parallel on 2 workers",
        JobLog.started(settings("vmaf=93"), true, out, false));
  }

  @Test
  void theStartLineNamesDepthToneMapAndAnImageSequencesRate() {
    Path out = Path.of("/tmp/out/frame-h264.mp4");
    JobSettings s = new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, Path.of("/tmp/out"),
        AudioMode.AUTO, "", "", null, 0, HdrToSdr.Curve.BT2390, "30000/1001");
    assertEquals("start: -> " + out + "; h264 medium CRF 23, tone map bt2390, images at 30000/1001 fps, audio auto; parallel on 2 workers",
        JobLog.started(s, false, out, true));
    assertEquals("start: -> " + out + "; h264 medium CRF 23, tone map bt2390, audio auto; parallel on 2 workers",
        JobLog.started(s, false, out, false), "a video's line leaves the images' rate out");
  }

  private static JobSettings settings(String target) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, Path.of("/tmp/out"),
        AudioMode.AUTO, "", target, null);
  }
}
