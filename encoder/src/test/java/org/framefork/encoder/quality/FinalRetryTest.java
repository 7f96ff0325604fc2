package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.ChunkEncoder;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.job.ChunkSettings;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.verify.EncodeQualityCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk's final encodes as target quality judges them, one at a time, on real segments: a final
 * outside the band is kept aside and the chunk asked for again; a later final that comes out
 * farther from the target gives way to the earlier one, which goes back in the segment's place.
 */
class FinalRetryTest {
  @TempDir Path tmp;

  @Test
  void aRetryFartherFromTheTargetGivesWayToTheEarlierFinal() throws IOException {
    Path in = tmp.resolve("noisy.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2,noise=alls=3:allf=t", "-c:v",
        "libx264", "-preset", "ultrafast", "-qp", "0", "-g", "25", "-pix_fmt", "yuv420p", in.toString());
    MediaInfo media = Prober.probe(in);
    Chunk chunk = EncodeJob.plan(media, JobOptions.defaults(in, tmp.resolve("unused.mkv")).withSplit(SplitMode.FIXED, 0, 25))
        .chunks().get(0);
    Files.createDirectories(tmp.resolve("work/chunks"));
    // An 8-bit SDR source, as the job settles it before any chunk is encoded.
    PictureFormat eightBit = new PictureFormat(8, null, true);
    EncodeSettings base = new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1).withPicture(eightBit);
    // Ultrafast probes of every 2nd frame read about 5 dB above veryfast finals here: the first final misses.
    TargetQuality target = TargetQuality.parse("psnr=38").withProbeEncodes("ultrafast", 2).withFinalRetries(1);
    List<JobEvent> events = new ArrayList<>();
    EncodeQualityCheck finals = new EncodeQualityCheck(in, media.video().index(), new FrameSize(320, 240), null, base, () -> false)
        .forJobOf(chunk.frameCount());
    TargetQualitySearch search = new TargetQualitySearch(in, media.video().index(), null, base, target, tmp.resolve("work"), 1,
        events::add, finals);
    Path segment = tmp.resolve("work/chunks/00000.mkv");

    EncodeSettings first = search.forChunk(chunk, 0, () -> false);
    ChunkSettings.FinalEncode firstEncode = encode(in, media, chunk, first, segment);
    long firstBytes = firstEncode.bytes();
    byte[] firstSegment = Files.readAllBytes(segment);
    ChunkSettings.Verdict again = search.encoded(chunk, segment, firstEncode, () -> false);
    assertTrue(again.again(), "the first final lies outside the band: " + events);
    assertFalse(Files.exists(segment), "the first final waits aside");
    JobEvent.ChunkRetuned retuned = (JobEvent.ChunkRetuned) events.getLast();
    assertFalse(target.inBand(retuned.measured()), retuned.toString());
    EncodeSettings second = search.forChunk(chunk, 0, () -> false);
    assertEquals(retuned.nextCrf(), second.crf(), 0.0);

    // The second encode, at a CRF far past the target (51 for the one asked for), scores farther off.
    ChunkSettings.FinalEncode secondEncode = encode(in, media, chunk,
        new EncodeSettings(VideoCodec.H264, 51, "veryfast", 1).withPicture(eightBit), segment);
    long secondBytes = secondEncode.bytes();
    ChunkSettings.Verdict kept = search.encoded(chunk, segment, secondEncode, () -> false);
    assertFalse(kept.again(), "no retry left");
    JobEvent.ChunkEncodeKept said = (JobEvent.ChunkEncodeKept) events.getLast();
    assertEquals(second.crf(), said.crf(), 0.0);
    assertEquals(first.crf(), said.keptCrf(), 0.0);
    assertEquals(retuned.measured(), said.keptScore(), 0.0);
    assertEquals(firstBytes, kept.bytes(), "the first final's bytes");
    assertArrayEquals(firstSegment, Files.readAllBytes(segment), "the first final is back in the segment");
    try (var left = Files.list(tmp.resolve("work/chunks"))) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString().contains(".final-")).toList());
    }
    SearchLog log = SearchLog.read(tmp.resolve("work"), chunk);
    assertEquals(first.crf(), log.crf(), 0.0, "the log names the CRF the segment holds");
    assertTrue(log.note() != null && log.note().startsWith("crf " + EncodeSettings.formatCrf(first.crf()) + ": its final scored psnr "
        + target.metric().format(retuned.measured()) + ", nearer the target than the last, at crf "
        + EncodeSettings.formatCrf(second.crf())), log.note());
    assertTrue(log.note() != null && log.note().endsWith("the final stays outside the band after 1 more encode (--final-retries 1)"),
        "the report says why the chunk is outside the band: " + log.note());
    assertEquals(1, log.retries().size());
    SearchLog.Retry givenUp = log.retries().getFirst();
    assertEquals(second.crf(), givenUp.crf(), 0.0, "the encode given up is the second (at the CRF the search asked for)");
    assertEquals(secondBytes, givenUp.bytes());
    assertTrue(Math.abs(givenUp.score() - 38) > Math.abs(retuned.measured() - 38), givenUp + " against " + retuned);
    assertEquals(25, DebianFfmpeg.decodedFrames(segment));

    // The measure kept for the output's quality check is the first final's, on every frame.
    EncodeQualityCheck.Measured measure = search.measuredFinals().get(chunk.index());
    assertEquals(25, measure.chunk().frames().psnr().length);
    assertEquals(retuned.measured(), target.pooling().apply(measure.chunk().frames().psnr()), 0.0);
    EncodeQualityCheck.Measured again25 = finals.measureSegment(chunk, segment, measure.kept());
    assertArrayEquals(again25.chunk().frames().psnr(), measure.chunk().frames().psnr(), "measured afresh, the same");
  }

  /** Encodes {@code chunk} of {@code in} with {@code settings} into {@code segment}; returns what the scheduler would say of it. */
  private static ChunkSettings.FinalEncode encode(Path in, MediaInfo media, Chunk chunk, EncodeSettings settings, Path segment) {
    try (ChunkEncoder enc = new ChunkEncoder(in, media.video().index(), chunk, settings, segment, ReadFrom.KEYFRAME, null)) {
      enc.open();
      while (!enc.finished()) {
        enc.step(25, () -> false);
      }
      enc.checkFrameCount(false);
      return new ChunkSettings.FinalEncode(1.5, 1.25, enc.bytes(), enc.encodedPts());
    }
  }
}
