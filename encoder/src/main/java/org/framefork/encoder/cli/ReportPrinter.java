package org.framefork.encoder.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.report.ByteSize;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.ChunkTransfer;
import org.framefork.encoder.report.ReusedChunk;
import org.framefork.encoder.report.NodeTiming;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.verify.QualityScore;
import org.framefork.encoder.verify.Verification;

/** Prints a job's report and the summary of a run as aligned text. */
public final class ReportPrinter {
  private ReportPrinter() {}

  /**
   * How the chunks ran: "parallel on 2 workers"; on a cluster, the workers of every machine that took
   * part, where they were, and the lanes (a node's workers and the chunk it fetches ahead), which
   * the chunk table's worker column numbers.
   */
  private static String workersWords(JobReport r) {
    JobReport.Settings s = r.settings();
    if (r.nodes().isEmpty()) {
      // More workers than chunks (--workers 100 for 6 chunks): say how many had work.
      long used = r.chunks().times().stream().mapToInt(ChunkTiming::worker).distinct().count();
      String idle = used > 0 && used < s.workers() ? f(" (%d took a chunk)", used) : "";
      return f("%s on %d worker%s%s", s.mode(), s.workers(), plural(s.workers()), idle);
    }
    int here = r.nodes().stream().filter(n -> n.node().equals(NodeTiming.COORDINATOR)).mapToInt(NodeTiming::workers).sum();
    int all = r.nodes().stream().mapToInt(NodeTiming::workers).sum();
    long nodes = r.nodes().stream().filter(n -> !n.node().equals(NodeTiming.COORDINATOR)).count();
    if (nodes == 0) {
      return f("%s on %d worker%s here (no node took a chunk)", s.mode(), here, plural(here));
    }
    return f("%s on %d worker%s (%d here, %d on %d node%s; %d lanes with the nodes' fetch-ahead)", s.mode(), all,
        plural(all), here, all - here, nodes, plural((int) nodes), s.workers());
  }

  /** The split as the plan line says it: an image sequence has no keyframes, and is cut between images. */
  private static String splitWords(JobReport.Settings s) {
    return s.split() == SplitMode.KEYFRAMES && s.imageSequence() ? "between images" : s.split().toString();
  }

  public static void print(JobReport r, PrintWriter out) {
    JobReport.Settings s = r.settings();
    JobReport.Stages t = r.stages();
    JobReport.Chunks c = r.chunks();
    JobReport.Output o = r.output();
    out.println(s.input() + " -> " + s.output());
    row(out, "encoded", encodedRow(o, t, c));
    row(out, "settings", f("%s crf %s %s, %s, audio %s; %s; %d chunk%s (%s)", s.codec(),
        r.targetQuality() != null ? "per chunk" : EncodeSettings.formatCrf(s.crf()),
        s.preset(), s.container(), s.audio(), workersWords(r), c.count(), plural(c.count()),
        splitWords(s) + (c.splitOff() > 0 ? f("; %d split off while running", c.splitOff()) : "")));
    if (s.filters() != null && !s.filters().isEmpty()) {
      row(out, "filters", f("%s -> %dx%d", s.filters(), o.width(), o.height()));
    }
    if (r.sceneAnalysis() != null) {
      ScenePlanner.Analysis a = r.sceneAnalysis();
      row(out, "scenes", f("%d cut%s found in %.2f s (%d range%s on %d thread%s)%s", a.cuts().length, plural(a.cuts().length),
          a.seconds(), a.ranges(), plural(a.ranges()), a.workers(), plural(a.workers()), cutList(a.cuts())));
    }
    row(out, "stages", f("probe %.2f s, plan %.2f s, encode %.2f s, join %.2f s, verify %.2f s", t.probeSeconds(),
        t.planSeconds(), t.encodeSeconds(), t.joinSeconds(), t.verifySeconds()));
    row(out, "speedup", c.reused() == c.count() ? "none: every chunk was reused from the interrupted run"
        : f("%.2fx: %.2f s of chunk work done in %.2f s of encoding", c.speedup(), c.sumSeconds(), t.encodeSeconds()));
    printExceptions(c, o, !r.nodes().isEmpty(), out);
    row(out, "output", f("%s, %.0f kb/s", size(o.bytes()), o.bitrateKbps()));
    if (r.notes() != null) {
      for (String note : r.notes()) {
        row(out, "note", note);
      }
    }
    row(out, "verify", verification(r.verification()));
    if (r.quality() != null) {
      QualityRows.printVerified(r.quality(), out);
    }
    if (r.targetQuality() != null) {
      QualityRows.printTarget(r.targetQuality(), out);
    }
    printChunks(c, out);
    printNodes(r.nodes(), out);
    out.flush();
  }

  /**
   * The frames and the rate: a resumed job's rate counts only the frames this run encoded, and says
   * so (the reused chunks were encoded by the interrupted run).
   */
  private static String encodedRow(JobReport.Output o, JobReport.Stages t, JobReport.Chunks c) {
    String frames = f("%d frame%s (%.2f s of video) in %.2f s", o.frames(), plural(o.frames()), o.durationSeconds(),
        t.wallSeconds());
    if (c.reused() == 0) {
      return frames + f(": %.1f fps", t.fps());
    }
    long now = t.encodedFrames();
    return now == 0 ? frames + ", all of them encoded by the interrupted run"
        : frames + f(", %d of them encoded in this run: %.1f fps", now, t.fps());
  }

  /** The rows for what went otherwise than planned: reused chunks, damaged frames, retries. */
  private static void printExceptions(JobReport.Chunks c, JobReport.Output o, boolean cluster, PrintWriter out) {
    if (c.reused() > 0) {
      row(out, "resumed", c.reused() + " chunk" + plural(c.reused()) + " reused from the interrupted run");
    }
    if (o.droppedFrames() > 0) {
      row(out, "damage", o.droppedFrames() + " source frame" + plural(o.droppedFrames())
          + " could not be decoded and " + (o.droppedFrames() == 1 ? "was" : "were") + " left out");
    }
    if (c.retries() > 0) {
      // On a cluster an attempt also ends when its node leaves with the chunk: that is no failure.
      row(out, "retries", c.retries() + " chunk attempt" + plural(c.retries())
          + (!cluster ? " failed and ran again" : " ran again (an error, or a node that left with the chunk)"));
    }
  }

  /**
   * The chunk table: every chunk of the output in chunk order, those a resumed job took from the
   * interrupted run marked "reused" in place of their worker and times.
   */
  private static void printChunks(JobReport.Chunks all, PrintWriter out) {
    List<ChunkTiming> chunks = all.times() == null ? List.of() : all.times();
    List<Object> rows = all.all();
    if (rows.isEmpty()) {
      return;
    }
    boolean cluster = chunks.stream().anyMatch(c -> c.remote() != null);
    String header = f("%5s %6s %11s %8s %7s %10s %5s", "chunk", "worker", "frames", "start s", "time s", "size", "tries");
    row(out, "chunks", header + (cluster ? f(" %-21s %10s %10s %6s", "node", "sent", "received", "xfer s") : ""));
    for (Object o : rows) {
      if (o instanceof ReusedChunk r) {
        row(out, "", f("%5d %6s %11s %8s %7s %10s %5s", r.chunk(), "-", frames(r.firstFrame(), r.frames()), "reused", "-",
            size(r.bytes()), "-"));
        continue;
      }
      ChunkTiming c = (ChunkTiming) o;
      String frames = frames(c.firstFrame(), c.frames());
      String line = f("%5d %6d %11s %8.2f %7.2f %10s %5d", c.chunk(), c.worker(), frames, c.startSeconds(),
          c.seconds(), size(c.bytes()), c.attempts());
      ChunkTransfer t = c.remote();
      if (cluster) {
        line += t == null ? f(" %-21s", NodeTiming.COORDINATOR)
            : f(" %-21s %10s %10s %6.2f", t.node(), size(t.sentBytes()), size(t.receivedBytes()), t.transferSeconds());
      }
      row(out, "", line);
    }
  }

  /** A chunk's frames, "first-last", or "-" for none. */
  private static String frames(int first, int count) {
    return count == 0 ? "-" : first + "-" + (first + count - 1);
  }

  /** A cluster job's machines: what each one's workers did, and what crossed the network. */
  private static void printNodes(List<NodeTiming> nodes, PrintWriter out) {
    if (nodes == null || nodes.isEmpty()) {
      return;
    }
    row(out, "nodes", f("%-21s %7s %6s %8s %8s %10s %10s %6s", "node", "workers", "chunks", "busy s", "idle s", "sent",
        "received", "xfer s"));
    for (NodeTiming n : nodes) {
      row(out, "", f("%-21s %7d %6d %8.2f %8.2f %10s %10s %6.2f", n.node(), n.workers(), n.chunks(), n.busySeconds(),
          n.idleSeconds(), size(n.sentBytes()), size(n.receivedBytes()), n.transferSeconds())
          + (n.leftSeconds() == null ? "" : f("  left mid-job at %.1f s", n.leftSeconds())));
    }
  }

  static String verification(Verification v) {
    if (v == null) {
      return "not run";
    }
    String figures = f("%d of %d frames, %.3f s of %.3f s", v.outputFrames(), v.sourceFrames(),
        v.outputDurationSeconds(), v.sourceDurationSeconds());
    if (v.audioExpected()) {
      figures += v.audioPresent() ? f(", audio drift %.3f s", v.audioDriftSeconds()) : ", audio missing";
    }
    if (v.outputPicture() != null) {
      figures += "; " + v.outputPicture().describe();
    }
    if (v.passed()) {
      return "passed: " + figures;
    }
    return "FAILED: " + String.join("; ", v.problems()) + " (" + figures + ")";
  }

  /** Mean PSNR and SSIM in FFmpeg's terms, on one line. */
  static String quality(QualityScore q) {
    return f("PSNR %s dB (y %s u %s v %s), SSIM %.6f (y %.6f u %.6f v %.6f), %d frames", db(q.psnrAverage()),
        db(q.psnrY()), db(q.psnrU()), db(q.psnrV()), q.ssimAll(), q.ssimY(), q.ssimU(), q.ssimV(), q.frames());
  }

  /** Decibels with two decimals, "inf" for identical pictures as FFmpeg prints it. */
  static String db(double v) {
    return Double.isInfinite(v) ? "inf" : f("%.2f", v);
  }

  private static String cutList(int[] cuts) {
    if (cuts.length == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(" at frame");
    b.append(cuts.length == 1 ? " " : "s ");
    for (int i = 0; i < cuts.length && i < 12; i++) {
      b.append(i == 0 ? "" : ", ").append(cuts[i]);
    }
    if (cuts.length > 12) {
      b.append(", ...");
    }
    return b.toString();
  }

  /** One row per input: what a batch did at a glance. */
  static void printSummary(List<InputResult> results, PrintWriter out) {
    int width = Math.max(5, results.stream().mapToInt(r -> r.input().toString().length()).max().orElse(5));
    width = Math.min(width, 48);
    String fmt = "%-" + width + "s  %-9s %7s %8s %7s %10s %8s";
    out.println(f(fmt, "input", "status", "frames", "wall s", "fps", "size", "speedup"));
    for (InputResult res : results) {
      String name = res.input().toString();
      if (name.length() > width) {
        name = "..." + name.substring(name.length() - width + 3);
      }
      JobReport r = res.report();
      if (r == null) {
        out.println(f(fmt, name, res.status(), "-", "-", "-", "-", "-"));
      } else {
        out.println(f(fmt, name, res.status(), r.output().frames(), f("%.2f", r.stages().wallSeconds()),
            f("%.1f", r.stages().fps()), size(r.output().bytes()), f("%.2fx", r.chunks().speedup())));
      }
    }
    String skipped = skippedLine(results);
    if (skipped != null) {
      out.println(skipped);
    }
    out.flush();
  }

  /** What "skipped" stood for, counted by kind: "skipped: 1 already encoded (kept), 2 not started (interrupted)"; null for none. */
  static String skippedLine(List<InputResult> results) {
    List<String> kinds = new java.util.ArrayList<>();
    for (InputResult.Skip kind : InputResult.Skip.values()) {
      long n = results.stream().filter(r -> r.skip() == kind).count();
      if (n > 0) {
        kinds.add(n + switch (kind) {
          case ALREADY_ENCODED -> " already encoded (--resume kept the output)";
          case INTERRUPTED -> " not started (interrupted)";
          case DISK_FULL -> " not started (the disk filled)";
        });
      }
    }
    return kinds.isEmpty() ? null : "skipped: " + String.join(", ", kinds);
  }

  /** Bytes in binary units, as file managers on Linux show them (the app's sizes too): {@link ByteSize#text}. */
  public static String size(long bytes) {
    return ByteSize.text(bytes);
  }

  static void row(PrintWriter out, String label, String text) {
    out.println(f("  %-9s %s", label, text));
  }

  /** "s" unless {@code n} is 1: the command line's plurals. */
  static String plural(long n) {
    return n == 1 ? "" : "s";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
