package org.framefork.app.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.Test;

/**
 * The folded settings' header says a rate that is no rate as such, not "images at abc fps", and
 * the filters, short.
 */
class SettingsSummaryTest {
  private static JobSettings withRate(String rate) {
    return with("", rate);
  }

  private static JobSettings with(String filters, String rate) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, Path.of("/tmp"),
        AudioMode.AUTO, filters, "", null, 0, null, rate);
  }

  @Test
  void theFiltersAreSaidShort() {
    assertEquals("h264 medium · CRF 23 · scale=640:-1 · mp4 · parallel, 2 workers", with("scale=640:-1", "").summary());
    assertEquals("h264 medium · CRF 23 · filters scale, eq, overlay · mp4 · parallel, 2 workers",
        with("scale=-1:1080:up=no,eq=contrast=1.2,overlay='logo.png':-16:8", "").summary());
    assertEquals("h264 medium · CRF 23 · filters overlay, scale · mp4 · parallel, 2 workers",
        with("overlay='logo, v2.png':-16:8,scale=1280:-1", "").summary(), "a comma inside quotes splits no filter");
    assertEquals("h264 medium · CRF 23 · filters scale, nosuch, eq · mp4 · parallel, 2 workers",
        with("scale=1280:-1,nosuch=1,eq=contrast=1.2", "").summary(), "text the engine refuses: split at its commas");
    assertEquals("h264 medium · CRF 23 · mp4 · parallel, 2 workers", with("", "").summary(), "none: nothing said");
  }

  @Test
  void anUnreadableRateIsNotShownAsARate() {
    assertEquals("h264 medium · CRF 23 · images at 30000/1001 fps · mp4 · parallel, 2 workers", withRate("30000/1001").summary());
    assertEquals("h264 medium · CRF 23 · Sequence fps abc is no rate · mp4 · parallel, 2 workers", withRate("abc").summary());
  }
}
