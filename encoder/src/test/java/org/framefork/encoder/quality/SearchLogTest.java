package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.plan.Chunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunk's search log in the work folder: written with fractional CRFs, and read as older versions wrote it. */
class SearchLogTest {
  @TempDir Path work;
  private final Chunk chunk = new Chunk(2, 60, 30, 60_000, 90_000, 60_000);

  @Test
  void aLogOfWholeCrfsFromBeforeFractionsReadsAndReplays() throws Exception {
    Files.createDirectories(work.resolve("chunks"));
    // As the version with whole CRFs wrote it: CRFs are JSON integers.
    Files.writeString(SearchLog.file(work, 2), """
        {
          "chunk" : 2, "firstFrame" : 60, "frameCount" : 30,
          "probes" : [ { "crf" : 27, "score" : 100.0, "bytes" : 5120, "seconds" : 4.5 },
                       { "crf" : 34, "score" : 88.39, "bytes" : 2048, "seconds" : 4.1 } ],
          "crf" : null, "predicted" : null, "inBand" : false, "note" : null, "decodeSeconds" : 1.25,
          "hint" : { "firstCrf" : 27, "slope" : "NaN" }
        }
        """);
    SearchLog log = SearchLog.read(work, chunk);
    assertNotNull(log);
    assertEquals(List.of(27.0, 34.0), log.probes().stream().map(SearchLog.ProbeRecord::crf).toList());
    // Replayed, the search asks for the logged CRFs, so a resumed job finds both probes in the log.
    CrfSearch search = new CrfSearch(CrfRange.of(org.framefork.encoder.encode.VideoCodec.H264), TargetQuality.parse("vmaf=93"),
        log.hint());
    for (SearchLog.ProbeRecord p : log.probes()) {
      assertEquals(p.crf(), search.next().getAsDouble(), 0.0);
      search.record(p.crf(), p.score());
    }
  }

  @Test
  void aFractionalCrfIsWrittenAndReadBackExactly() throws Exception {
    Files.createDirectories(work.resolve("chunks"));
    Files.writeString(SearchLog.file(work, 2), """
        { "chunk" : 2, "firstFrame" : 60, "frameCount" : 30,
          "probes" : [ { "crf" : 31, "score" : 96.98, "bytes" : 4096, "seconds" : 3.0 },
                       { "crf" : 32.4, "score" : 93.36, "bytes" : 3900, "seconds" : 3.0 } ],
          "crf" : 32.4, "predicted" : 93.36, "inBand" : true, "note" : null, "decodeSeconds" : 1.0,
          "hint" : { "firstCrf" : 31, "slope" : 2.5 } }
        """);
    SearchLog read = SearchLog.read(work, chunk);
    assertEquals(32.4, read.crf(), 0.0);
    assertEquals(List.of(), read.retries(), "a log of an older version has no retries");
    read.write(work);
    assertEquals(read, SearchLog.read(work, chunk), "what the work folder holds: " + Files.readString(SearchLog.file(work, 2)));
  }

  @Test
  void aFinalEncodedAgainIsSavedWithItsCostAndTheNewCrf() throws Exception {
    Files.createDirectories(work.resolve("chunks"));
    SearchLog chosen = new SearchLog(2, 60, 30, List.of(new SearchLog.ProbeRecord(32, 95.15, 4000, 3.0, 2.5)), 32.0, 95.15,
        false, "no probe landed in the band", 1.0, 0.75, null, 0.93, 0.5, 0.25, null);
    SearchLog again = chosen.retried(new SearchLog.Retry(32, 96.08, 50_000, 4.0, 3.5), 32.9, 93.04, true, "crf 32.9: encoded again");
    again.write(work);
    SearchLog read = SearchLog.read(work, chunk);
    assertEquals(again, read, Files.readString(SearchLog.file(work, 2)));
    assertEquals(32.9, read.crf(), 0.0);
    assertEquals(List.of(new SearchLog.Retry(32, 96.08, 50_000, 4.0, 3.5)), read.retries());
    // The discarded encode is the search's time: pictures, probe and the retry; the check is apart.
    assertEquals(1.0 + 3.0 + 4.0, read.cost().seconds(), 1e-9);
    assertEquals(0.75 + 2.5 + 3.5, read.cost().cpuSeconds(), 1e-9);
    assertEquals(new SearchLog.Cost(0.5, 0.25), read.checkCost());

    // A job killed while the chunk was encoded again resumes at the new CRF, probing nothing (its
    // source is never opened: there is none).
    List<org.framefork.encoder.job.JobEvent> events = new java.util.ArrayList<>();
    TargetQualitySearch resumed = new TargetQualitySearch(work.resolve("no-source.mp4"), 0, null,
        new org.framefork.encoder.encode.EncodeSettings(org.framefork.encoder.encode.VideoCodec.H264, 23, "medium", 1),
        TargetQuality.parse("vmaf=93"), work, 1, events::add, null);
    assertEquals(32.9, resumed.forChunk(chunk, 0, () -> false).crf(), 0.0);
    var tuned = (org.framefork.encoder.job.JobEvent.ChunkTuned) events.getFirst();
    assertEquals(0, tuned.probes(), "no probe ran");
    assertEquals(chosen.probes().size(), tuned.reused(), "the interrupted run's probes, reused");
  }

  @Test
  void anEarlierFinalNearerTheTargetIsTakenBack() {
    TargetQuality t = TargetQuality.parse("psnr=38");
    List<SearchLog.Retry> given = List.of(new SearchLog.Retry(33, 41.41, 20_000, 1.0, 0.9),
        new SearchLog.Retry(39, 39.41, 18_000, 1.1, 1.0));
    // The last final (44) came out 1.85 below 38: the one at 39, 1.41 above, was nearer.
    assertEquals(1, TargetQualitySearch.nearer(given, 36.15, t));
    // One nearer than both stays; one not measured stays too.
    assertEquals(-1, TargetQualitySearch.nearer(given, 38.9, t));
    assertEquals(-1, TargetQualitySearch.nearer(given, Double.NaN, t));

    SearchLog last = new SearchLog(2, 60, 30, List.of(new SearchLog.ProbeRecord(35, 37.12, 4000, 3.0, 2.5)), 44.0, 38.16,
        true, null, 1.0, 0.75, null, -0.99, 0.5, 0.25, given);
    SearchLog back = last.restored(1, new SearchLog.Retry(44, 36.15, 16_000, 1.2, 1.1), false, "crf 39: taken back");
    assertEquals(39.0, back.crf(), 0.0);
    assertEquals(39.41, back.predicted(), 0.0);
    assertEquals(List.of(given.get(0), new SearchLog.Retry(44, 36.15, 16_000, 1.2, 1.1)), back.retries(),
        "the final given up is now the last one, not the one taken back");
    // The search's time counts the encodes given up: 33 and 44, not 39, the chunk's final encode now.
    assertEquals(1.0 + 3.0 + 1.0 + 1.2, back.cost().seconds(), 1e-9);
  }
}
