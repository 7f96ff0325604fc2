package org.framefork.encoder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.quality.QualityMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The enums' names as users type them, and the one line that refuses a name of none. */
class ChoicesTest {
  private static String refusal(Executable parse) {
    return assertThrows(IllegalArgumentException.class, parse).getMessage();
  }

  @Test
  void lowerCaseNamesAreTakenWhateverTheCaseAndSpaces() {
    assertEquals(ExecutionMode.CONCURRENT, ExecutionMode.parse(" Concurrent "));
    assertEquals(AudioMode.OPUS, AudioMode.parse("OPUS"));
    assertEquals("parallel", ExecutionMode.PARALLEL.toString());
    assertEquals("none", AudioMode.NONE.toString());
  }

  @Test
  void aNameOfNoneIsRefusedWithTheChoices() {
    assertEquals("unknown mode 'fast'; use sequential, concurrent or parallel", refusal(() -> ExecutionMode.parse("fast")));
    assertEquals("unknown audio mode 'mp3'; use auto, copy, aac, opus or none", refusal(() -> AudioMode.parse("mp3")));
    assertEquals("unknown codec 'mpeg2'; use one of h264, h265, vp9, av1", refusal(() -> VideoCodec.parse("mpeg2")));
    assertEquals("unknown container 'avi'; use mp4, mkv or webm", refusal(() -> Container.parse("avi")));
    assertEquals("unknown metric 'psnr-hvs'; use vmaf, ssim, psnr", refusal(() -> QualityMetric.parse("psnr-hvs")));
  }

  @Test
  void codecsAndContainersHaveTheirOtherNames() {
    assertEquals(VideoCodec.H264, VideoCodec.parse("AVC"));
    assertEquals(VideoCodec.H265, VideoCodec.parse("libx265"));
    assertEquals(VideoCodec.H265, VideoCodec.parse("hevc"));
    assertEquals(VideoCodec.AV1, VideoCodec.parse("svt-av1"));
    assertEquals(VideoCodec.VP9, VideoCodec.parse("libvpx-vp9"));
    assertEquals(Container.MKV, Container.parse("matroska"));
    assertEquals(Container.MP4, Container.parse("mov"));
    assertEquals(Container.MP4, Container.parse(" M4V"));
    assertEquals(QualityMetric.SSIM, QualityMetric.parse("SSIM"));
  }

  @Test
  void choicesAreListedWithOrBeforeTheLast() {
    assertEquals("a", Choices.orList(java.util.List.of("a")));
    assertEquals("a or b", Choices.orList(java.util.List.of("a", "b")));
    assertEquals("a, b or c", Choices.orList(java.util.List.of("a", "b", "c")));
  }
}
