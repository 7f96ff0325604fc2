package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.framefork.bench.BenchMain;
import org.junit.jupiter.api.Test;

class PipelineHarnessTest {
  @Test
  void theCommitResultsJsonRecordsIsTheHashAlone() {
    // QA: "commit": "commit 30a8aaaf42"; report.md's machine table says "commit" itself.
    String commit = PipelineHarness.commitOf(BenchMain.checkoutRoot());
    assertTrue(commit.matches("[0-9a-f]{10}(-dirty)?"), commit);
  }
}
