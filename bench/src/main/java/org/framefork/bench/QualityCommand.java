package org.framefork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.framefork.bench.pipeline.Machine;
import org.framefork.bench.pipeline.TargetQualitySweep;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.io.FileTrees;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.quality.Pooling;
import org.framefork.encoder.quality.TargetQuality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code framefork bench quality}: target quality against a fixed CRF of the same mean score, per
 * clip (see {@link TargetQualitySweep}), as markdown with one chart per clip.
 */
@Command(
    name = "quality",
    usageHelpAutoWidth = true,
    mixinStandardHelpOptions = true,
    description = {"Target quality against a fixed CRF at the same mean score: size, the chunks' score spread, the probes' "
        + "time, each chunk's CRF and final score (a chart per clip)."})
final class QualityCommand extends BenchCommand {
  QualityCommand() {
    super("  0    the report was written",
        "  1    a clip failed while it was measured (a partial report of the",
        "       clips before it is written), or no CRF reaches the target",
        "  2    usage error (bad option, a clip that is not a video);",
        "       nothing was written");
  }

  @Parameters(arity = "1..*", paramLabel = "CLIP", description = "Videos to encode.")
  List<Path> clips;

  @Option(names = "--target", paramLabel = "METRIC=VALUE", defaultValue = "vmaf=93",
      description = "The target (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--pool", paramLabel = "POOL", defaultValue = "p5",
      description = "How a chunk's frame scores make its score, as encode's --quality-pool: pN or mean (default: ${DEFAULT-VALUE}).")
  String pool;

  /** The probe design, as encode takes it: another design is measured against the fixed CRF in one command. */
  @Option(names = "--probe-rate", paramLabel = "N", description = "Probes encode every N-th frame (default: encode's).")
  Integer probeRate;

  @Option(names = "--probe-preset", paramLabel = "NAME", description = "The probes' preset (default: encode's).")
  String probePreset;

  @Option(names = "--final-retries", paramLabel = "N",
      description = "Encodes again of a chunk whose final scored outside the band (default: encode's).")
  Integer finalRetries;

  @Option(names = {"-j", "--workers"}, paramLabel = "N", description = "Workers (default: the cores).")
  Integer workers;

  @Option(names = "--out", paramLabel = "FILE.md", required = true, description = "The report; charts go beside it.")
  Path out;

  @Option(names = "--work", paramLabel = "DIR", description = "Where the encodes go, kept (default: a hidden folder beside --out, removed at the end).")
  Path work;

  @Override
  public Integer call() throws Exception {
    TargetQuality t;
    try {
      t = TargetQuality.parse(target).withGiven(null, probePreset, probeRate, Pooling.parseOption("--pool", pool), finalRetries);
      t.check(VideoCodec.H264); // the sweep's codec
      for (Path clip : clips) {
        Prober.probe(clip); // every clip is checked before the first encode, as encode does
      }
    } catch (IllegalArgumentException | InputException e) {
      // TargetQuality names encode's --target-quality; this command's --target is the same value.
      return say(e.getMessage().replace("--target-quality ", "--target "),
          BenchMain.EXIT_USAGE);
    } catch (MediaException e) {
      return say(e.getMessage() + "; give a video FFmpeg can read", BenchMain.EXIT_USAGE);
    }
    int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    Path folder = out.toAbsolutePath().getParent();
    Path encodes = work != null ? work : folder.resolve(".quality-work");
    boolean madeEncodes = !Files.exists(encodes);
    boolean done = false;
    try {
      int code = sweep(t, n, folder, encodes);
      done = true;
      return code;
    } catch (TargetQualitySweep.NoBracket | InputException | MediaException e) {
      return say(e.getMessage(), BenchMain.EXIT_FAILED);
    } finally {
      // The default folder is scratch; one --work named is kept after a run that finished.
      if (madeEncodes && (work == null || !done)) {
        // Best effort: a failed clean-up of scratch must not replace the sweep's result or exception.
        FileTrees.deleteBestEffort(encodes);
      }
    }
  }

  /**
   * Each clip in turn; the report is written once, whole, at the end. A clip that fails after others
   * were measured leaves a report of those, headed as partial, and the failure goes on to the caller.
   */
  private int sweep(TargetQuality t, int n, Path folder, Path encodes) throws Exception {
    Machine m = Machine.describe();
    List<String> parts = new ArrayList<>();
    parts.add("# Target quality against a fixed CRF, " + LocalDate.now() + "\n\n" + "Machine: " + m.cpuModel() + ", "
        + m.cores() + " cores (" + m.vectorExtensions() + "), " + m.jdk() + ", FFmpeg " + m.ffmpeg() + ", load average "
        + String.format(java.util.Locale.ROOT, "%.2f", m.loadAtStart()) + " at the start.\nCommand: `./framefork bench quality --target " + target + " --pool " + pool + " --probe-preset "
        + t.probePreset() + " --probe-rate " + t.probeRate() + " --final-retries " + t.finalRetries() + " -j " + n
        + " ...`\n");
    for (Path clip : clips) {
      TargetQualitySweep.Result r;
      try {
        r = TargetQualitySweep.run(clip, t, n, encodes, TargetQualitySweep.libvmafBinary(), System.out);
      } catch (RuntimeException e) {
        if (parts.size() > 1) {
          parts.add(1, "**Partial report: " + clip.getFileName() + " failed (" + e.getMessage()
              + "); the clips after it were not measured.**\n");
          Files.writeString(out, String.join("\n", parts));
          System.out.println("wrote the partial report " + out);
        }
        throw e;
      }
      String chart = out.getFileName().toString().replaceFirst("\\.md$", "") + "-" + clip.getFileName() + ".png";
      TargetQualitySweep.chart(folder.resolve(chart), r, t);
      String md = "## " + r.clip() + "\n\n" + TargetQualitySweep.markdown(r, t.metric(), chart);
      System.out.println(md);
      parts.add(md);
    }
    parts.add(String.format(java.util.Locale.ROOT, "Load average at the end: %.2f.%n", Machine.loadAverage()));
    Files.writeString(out, String.join("\n", parts));
    return BenchMain.EXIT_OK;
  }
}
