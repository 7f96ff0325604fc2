package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.framefork.encoder.quality.ChunkTarget;
import org.framefork.encoder.quality.CrfSearch.Probe;
import org.framefork.encoder.quality.QualityMetric;
import org.framefork.encoder.quality.TargetQualityReport;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.OutputQuality;
import org.framefork.encoder.verify.QualityScore;
import org.framefork.encoder.verify.vmaf.VmafSummary;
import org.junit.jupiter.api.Test;

/** The report's target-quality rows, as text. */
class QualityRowsTest {
  private static String printed(int maxProbes, ChunkTarget chunk) {
    TargetQualityReport t = new TargetQualityReport(QualityMetric.VMAF, "vmaf=92.07-93.93", 93, "p5", maxProbes,
        "veryfast", 2, 1, 2, Double.NaN, Double.NaN, 0.5, Double.NaN, 1, 93, 0, List.of(chunk));
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      QualityRows.printTarget(t, out);
    }
    return text.toString();
  }

  private static ChunkTarget chunk(int resumed, List<Probe> retried) {
    return new ChunkTarget(0, 0, 24, 20, List.of(new Probe(27, 89.85), new Probe(21, 93.1)), 93.1, 93, true, null, 1,
        resumed, 0, null, retried);
  }

  @Test
  void oneProbeIsSingular() {
    String one = printed(1, chunk(0, List.of()));
    assertTrue(one.contains("up to 1 probe, veryfast"), one);
    String four = printed(4, chunk(0, List.of()));
    assertTrue(four.contains("up to 4 probes, veryfast"), four);
  }

  /** Only the probes are reused on --resume: the marker follows them, before the finals encoded again. */
  @Test
  void resumedFollowsTheProbesNotTheRetries() {
    String text = printed(4, chunk(2, List.of(new Probe(19, 91.78))));
    assertTrue(text.contains("27: 89.85, 21: 93.10 (resumed); final 19: 91.78, again"), text);
    assertTrue(!text.contains("again (resumed)"), text);
  }

  /** One probe of two reused: the report says which, not "(resumed)" as if all were (QA 2026-12-07). */
  @Test
  void someProbesResumedAreCounted() {
    String text = printed(4, chunk(1, List.of()));
    assertTrue(text.contains("27: 89.85, 21: 93.10 (the first 1 of 2 probes resumed)"), text);
    assertTrue(!printed(4, chunk(0, List.of())).contains("resumed"));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(chunk(1, List.of()));
    assertTrue(json.path("resumedProbes").asInt() == 1 && !json.has("resumed"), json.toString());
  }

  /** The whole output's VMAF pools the chunks with the motion across their edges, or says which edges are scored alone and why. */
  @Test
  void theVmafRowSaysHowTheChunksEdgesAreScored() {
    QualityScore score = new QualityScore(24, 40, 45, 45, 41, 38, 44, 0.98, 0.99, 0.99, 0.985, 0.1);
    VmafSummary vmaf = new VmafSummary(24, 93.69, 93.5, 61.24, 62, 90);
    ChunkQuality a = new ChunkQuality(0, 0, score, vmaf, null);
    ChunkQuality b = new ChunkQuality(1, 12, score, vmaf, null);
    ChunkQuality c = new ChunkQuality(2, 18, score, vmaf, null);
    String two = verified(new OutputQuality(score, vmaf, false, List.of(a, b)));
    assertTrue(two.contains("24 frames; pooled from the 2 chunks, with the motion across their edges"), two);
    String alone = verified(new OutputQuality(score, vmaf, false, List.of(a, b, c), null, 2,
        "a temporal --vf filter starts afresh in each chunk"));
    assertTrue(alone.contains("24 frames; pooled from the 3 chunks, 2 of their 2 edges scored alone (no motion across "
        + "them: a temporal --vf filter starts afresh in each chunk)"), alone);
    String one = verified(new OutputQuality(score, vmaf, false, List.of(a)));
    assertTrue(one.contains("24 frames") && !one.contains("pooled"), one);
  }

  private static String verified(OutputQuality q) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      QualityRows.printVerified(q, out);
    }
    return text.toString();
  }
}
