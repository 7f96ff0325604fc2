package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.junit.jupiter.api.Test;

/** A refused --resume names each setting that differs from the interrupted job's, with both values. */
class OtherSettingsTest {
  @Test
  void eachSettingThatDiffersIsNamed() {
    EncodeSettings saved = new EncodeSettings(VideoCodec.H264, 23, "medium", 1);
    assertEquals("codec threads 1, not 4", EncodeJob.otherSettings(saved, new EncodeSettings(VideoCodec.H264, 23, "medium", 4)));
    assertEquals("crf 23, not 23.5; preset medium, not slow",
        EncodeJob.otherSettings(saved, new EncodeSettings(VideoCodec.H264, 23.5, "slow", 1)));
    EncodeSettings h265 = new EncodeSettings(VideoCodec.H265, 28, "medium", 1);
    assertEquals("depth the source's, not 10 bits", EncodeJob.otherSettings(h265, h265.withPicture(PictureFormat.requested(10))));
    assertEquals("depth the source's, not 8 bits; tone map none, not hable", EncodeJob.otherSettings(h265,
        h265.withPicture(PictureFormat.requested(8).withToneMap(HdrToSdr.Curve.HABLE))));
    assertEquals("codec h264, not vp9; crf 23, not 32",
        EncodeJob.otherSettings(saved, EncodeSettings.defaults(VideoCodec.VP9)));
  }
}
