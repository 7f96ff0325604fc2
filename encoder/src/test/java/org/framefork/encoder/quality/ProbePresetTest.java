package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.framefork.encoder.encode.VideoCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default probe preset is never slower than the final encodes' on any codec's own scale. */
class ProbePresetTest {
  @ParameterizedTest(name = "{0} --preset {1}: probes at {2}")
  @CsvSource({
      // x264 and x265: faster, unless the finals are faster still.
      "h264, medium, faster", "h264, veryslow, faster", "h264, faster, faster", "h264, veryfast, veryfast",
      "h264, ultrafast, ultrafast", "h265, superfast, superfast", "h265, slow, faster",
      // VP9: faster is cpu-used 5; higher numbers are faster.
      "vp9, medium, faster", "vp9, 4, faster", "vp9, 5, faster", "vp9, 6, 6", "vp9, 8, 8", "vp9, veryfast, veryfast",
      // SVT-AV1: faster is preset 9; higher numbers are faster.
      "av1, medium, faster", "av1, 8, faster", "av1, 9, faster", "av1, 10, 10", "av1, 13, 13", "av1, superfast, superfast"})
  void theDefaultIsTheFinalPresetWhereThatIsFaster(String codec, String finalPreset, String probes) {
    VideoCodec c = VideoCodec.parse(codec);
    String got = TargetQuality.parse("vmaf=93").probePresetFor(c, finalPreset);
    assertEquals(probes, got);
    assertEquals(Math.max(c.speed("faster"), c.speed(finalPreset)), c.speed(got), "never slower than the finals");
  }

  @Test
  void aProbePresetGivenIsKept() {
    TargetQuality t = TargetQuality.parse("vmaf=93").withProbeEncodes("medium", 2);
    assertEquals("medium", t.probePresetFor(VideoCodec.H264, "ultrafast"));
    assertEquals("slow", t.withProbeEncodes("slow", 2).probePresetFor(VideoCodec.AV1, "12"));
  }
}
