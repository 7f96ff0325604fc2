package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.framefork.encoder.testing.TestMedia.Input;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input of the corpus, in every execution mode: the output is checked by Debian's ffprobe and
 * ffmpeg, not by FrameFork's own probe.
 */
class EncodeCorpusTest {
  @TempDir Path tmp;

  static Stream<Arguments> corpusAndModes() {
    List<Arguments> args = new ArrayList<>();
    for (Input in : TestMedia.CORPUS) {
      for (ExecutionMode m : ExecutionMode.values()) {
        args.add(Arguments.of(in, m));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("corpusAndModes")
  void outputHasTheInputsFramesSizeAndAudioAndDecodesCleanly(Input input, ExecutionMode mode) {
    Path in = TestMedia.get(input);
    Container container = input.name().endsWith(".webm") ? Container.WEBM : Container.MP4;
    Path out = tmp.resolve("out." + container.extension());
    VideoCodec codec = container == Container.WEBM ? VideoCodec.VP9 : VideoCodec.H264;
    Set<Integer> lanes = ConcurrentHashMap.newKeySet();
    // Fixed 10-frame chunks: most boundaries fall between keyframes, which is the hard case.
    JobOptions o = JobOptions.defaults(in, out)
        .withOutput(out, container)
        .withVideo(new EncodeSettings(codec, codec.defaultCrf(), "veryfast", 1))
        .withSplit(SplitMode.FIXED, 0, 10)
        .withMode(mode, 2);
    JobReport report = new EncodeJob(o, e -> {
      if (e instanceof JobEvent.ChunkStarted s) {
        lanes.add(s.worker());
      }
    }).run();

    long inFrames = DebianFfmpeg.decodedFrames(in);
    assertEquals(inFrames, DebianFfmpeg.decodedFrames(out), "frames (Debian ffprobe)");
    assertEquals(inFrames, report.output().frames());
    assertEquals(input.width() & ~1, Integer.parseInt(DebianFfmpeg.probe(out, "v:0", "stream=width", false)));
    assertEquals(input.height() & ~1, Integer.parseInt(DebianFfmpeg.probe(out, "v:0", "stream=height", false)));
    String audio = DebianFfmpeg.probe(out, "a", "stream=codec_type", false);
    assertEquals(input.audio(), audio.contains("audio"), "audio stream present");
    assertEquals("", DebianFfmpeg.decodeErrors(out), "decodes without error");
    assertTrue(report.verification().passed(), () -> report.verification().problems().toString());
    if (mode != ExecutionMode.PARALLEL) {
      assertEquals(Set.of(0), lanes, "one worker");
    }
    assertFalse(Files.exists(JobWorkspace.defaultFor(out)), "work folder removed");
  }
}
