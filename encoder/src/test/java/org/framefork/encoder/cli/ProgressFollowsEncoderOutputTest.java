package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The progress figure (the terminal's bar, the log's percentages; the app folds the same events)
 * counts a frame once its encoder has put it out: with each codec's default lookahead, a real
 * encode does not read 100 % while its last chunk still drains dozens of frames.
 */
class ProgressFollowsEncoderOutputTest {
  static final int FRAMES = 50;
  static final int CHUNK_FRAMES = 25;

  @TempDir Path tmp;

  /** What the board read after one event of the job. */
  private record Reading(JobEvent event, long framesDone, int chunksDone) {}

  @ParameterizedTest
  @EnumSource(VideoCodec.class)
  void theFigureReachesAllFramesOnlyAsTheLastFramesComeOut(VideoCodec codec) {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("out-" + codec.cliName() + ".mkv");
    // Each codec at its defaults (x264's lookahead of 40 holds a whole 25-frame chunk), one chunk at a
    // time: the board's figure follows a single encoder.
    JobOptions o = JobOptions.defaults(in, out).withOutput(out, Container.MKV).withVideo(EncodeSettings.defaults(codec))
        .withSplit(SplitMode.FIXED, 0, CHUNK_FRAMES).withMode(ExecutionMode.SEQUENTIAL, 1);
    WorkerBoard board = new WorkerBoard();
    List<Reading> readings = new ArrayList<>();
    JobReport r = new EncodeJob(o, e -> {
      board.apply(e);
      readings.add(new Reading(e, board.framesDone(), board.chunksDone()));
    }).run();

    int chunks = FRAMES / CHUNK_FRAMES;
    assertEquals(chunks, r.chunks().count());
    long previous = 0;
    int fullWhileEncoding = 0;
    int progressEvents = 0;
    for (Reading reading : readings) {
      assertTrue(reading.framesDone() >= previous, codec + ": the figure went back at " + reading.event());
      previous = reading.framesDone();
      if (reading.event() instanceof JobEvent.ChunkProgress p) {
        progressEvents++;
        assertTrue(p.framesDone() <= p.frames(), p.toString());
        if (reading.chunksDone() < chunks && reading.framesDone() == FRAMES) {
          fullWhileEncoding++;
        }
      }
    }
    // At 100 % the last chunk has put out its last frame: at most its trailer's step is left (not the
    // 4 or more drain steps of a figure that counted frames as the encoder took them).
    assertTrue(fullWhileEncoding <= 2, codec + ": read " + FRAMES + "/" + FRAMES + " at " + fullWhileEncoding
        + " of " + progressEvents + " progress events before the job's chunks were done");
    // The figure ends at the frames encoded, which are the output's.
    assertEquals(FRAMES, previous);
    assertEquals(FRAMES, readings.stream().map(Reading::event).filter(e -> e instanceof JobEvent.ChunkFinished)
        .mapToInt(e -> ((JobEvent.ChunkFinished) e).frames()).sum());
    assertEquals(FRAMES, DebianFfmpeg.decodedFrames(out));
  }
}
