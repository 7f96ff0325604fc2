package org.framefork.encoder.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.quality.ChunkTarget;
import org.framefork.encoder.quality.QualityMetric;
import org.framefork.encoder.quality.TargetQuality;
import org.framefork.encoder.quality.TargetQualityReport;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.OutputQuality;
import org.framefork.encoder.verify.vmaf.VmafSummary;

/** The report's rows for {@code --verify-quality} and {@code --target-quality}. */
final class QualityRows {
  private QualityRows() {}

  /** The whole output's PSNR, SSIM and VMAF, then each chunk's. */
  static void printVerified(OutputQuality q, PrintWriter out) {
    ReportPrinter.row(out, "quality", ReportPrinter.quality(q.overall()) + f(" (%.2f s)", q.overall().seconds())
        + (q.reference() == null ? "" : ", against " + q.reference()));
    ReportPrinter.row(out, "vmaf", q.vmaf() == null ? "not measured"
        : vmaf(q.vmaf()) + (q.vmafScaled() ? ", pictures scaled to 1920x1080" : "") + pooledFromChunks(q));
    if (q.chunks().size() < 2) {
      return;
    }
    ReportPrinter.row(out, "", f("%5s %8s %10s %8s %8s", "chunk", "PSNR dB", "SSIM", "VMAF", "VMAF p5"));
    for (ChunkQuality c : q.chunks()) {
      ReportPrinter.row(out, "", f("%5d %8s %10.6f %8s %8s", c.chunk(), ReportPrinter.db(c.score().psnrAverage()),
          c.score().ssimAll(), c.vmaf() == null ? "-" : f("%.2f", c.vmaf().mean()),
          c.vmaf() == null ? "-" : f("%.2f", c.vmaf().percentile5())));
    }
  }

  /**
   * Each chunk is scored on its own, and its first and last frames again with the motion across its
   * edges, as libvmaf's run over the joined file scores them; an edge where that motion is not
   * known keeps both sides' scores alone, which the row says (see docs/commands.md, --verify-quality).
   */
  private static String pooledFromChunks(OutputQuality q) {
    int n = q.chunks().size();
    if (n < 2) {
      return "";
    }
    if (q.vmafEdgesAlone() == 0) {
      return f("; pooled from the %d chunks, with the motion across their edges", n);
    }
    return f("; pooled from the %d chunks, %d of their %d edges scored alone (no motion across them: %s)", n,
        q.vmafEdgesAlone(), n - 1, q.vmafEdgesAloneWhy());
  }

  static String vmaf(VmafSummary v) {
    return f("VMAF %.2f (harmonic mean %.2f, min %.2f, 1st percentile %.2f, 5th %.2f), %d frames", v.mean(),
        v.harmonicMean(), v.min(), v.percentile1(), v.percentile5(), v.frames());
  }

  /** The band, what came of it, what the probes cost; then per chunk its CRF, probes and scores. */
  static void printTarget(TargetQualityReport t, PrintWriter out) {
    QualityMetric m = t.metric();
    ReportPrinter.row(out, "target", f("%s (%s of each chunk's frames; up to %d probe%s, %s, %s): "
        + "%d of %d chunks in the band, final scores %s ± %s", t.band(), t.pooling(), t.maxProbes(),
        ReportPrinter.plural(t.maxProbes()), t.probePreset(),
        TargetQuality.everyFrame(t.probeRate()),
        t.chunksInBand(), t.chunks().size(), m.format(t.finalMean()), m.format(t.finalStdDev())));
    ReportPrinter.row(out, "probes", probesRow(t));
    ReportPrinter.row(out, "checks", f("%.2f s", t.checkSeconds()) + (Double.isNaN(t.checkCpuSeconds()) ? ""
        : f(" (CPU %.2f s)", t.checkCpuSeconds())) + ": each final encode scored on every frame as it was made; "
        + "the output's quality check reuses these scores");
    ReportPrinter.row(out, "", f("%5s %4s %9s %9s  %s", "chunk", "crf", "predicted", "final", "probes (crf: score)"));
    for (ChunkTarget c : t.chunks()) {
      String probes = c.searchText(m);
      ReportPrinter.row(out, "", f("%5d %4s %9s %9s  %s%s", c.chunk(), EncodeSettings.formatCrf(c.crf()), m.format(c.predicted()),
          c.inBand() ? m.format(c.finalScore()) + " " : m.formatOutside(c.finalScore()) + "*", probes,
          c.note() == null ? "" : "; " + c.note()));
    }
  }

  /**
   * The probes' time against the final encodes'. A resumed job's probes come from every run, its
   * final encodes from this one only (the reused chunks' are not known): no ratio then.
   */
  private static String probesRow(TargetQualityReport t) {
    if (t.chunks().stream().anyMatch(c -> c.resumedProbes() > 0)) {
      return f("%.2f s over every run of this resumed job; the final encodes of this run %.2f s", t.probeSeconds(),
          t.encodeSeconds());
    }
    return f("%.2f s, %.2fx the final encodes' %.2f s", t.probeSeconds(), t.probeRatio(), t.encodeSeconds())
        + (Double.isNaN(t.probeCpuRatio()) ? "" : f("; CPU %.2f s, %.2fx their %.2f s", t.probeCpuSeconds(),
            t.probeCpuRatio(), t.encodeCpuSeconds()));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
