package org.framefork.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.framefork.bench.pipeline.Machine;
import org.framefork.bench.pipeline.TargetQualitySweep;
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
final class QualityCommand implements Callable<Integer> {
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

  @Option(names = "--work", paramLabel = "DIR", description = "Where the encodes go (default: a folder beside --out).")
  Path work;

  @Override
  public Integer call() throws Exception {
    TargetQuality t = TargetQuality.parse(target).withGiven(null, probePreset, probeRate, pool, finalRetries);
    int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    Path folder = out.toAbsolutePath().getParent();
    Path encodes = work != null ? work : folder.resolve(".quality-work");
    Machine m = Machine.describe();
    List<String> parts = new ArrayList<>();
    parts.add("# Target quality against a fixed CRF, " + LocalDate.now() + "\n\n" + "Machine: " + m.cpuModel() + ", "
        + m.cores() + " cores (" + m.vectorExtensions() + "), " + m.jdk() + ", FFmpeg " + m.ffmpeg() + ", load average "
        + String.format(java.util.Locale.ROOT, "%.2f", m.loadAtStart()) + " at the start.\nCommand: `./framefork bench quality --target " + target + " --pool " + pool + " --probe-preset "
        + t.probePreset() + " --probe-rate " + t.probeRate() + " --final-retries " + t.finalRetries() + " -j " + n
        + " ...`\n");
    for (Path clip : clips) {
      TargetQualitySweep.Result r = TargetQualitySweep.run(clip, t, n, encodes, TargetQualitySweep.libvmafBinary(), System.out);
      String chart = out.getFileName().toString().replaceFirst("\\.md$", "") + "-" + clip.getFileName() + ".png";
      TargetQualitySweep.chart(folder.resolve(chart), r, t);
      String md = "## " + r.clip() + "\n\n" + TargetQualitySweep.markdown(r, t.metric(), chart);
      System.out.println(md);
      parts.add(md);
      Files.writeString(out, String.join("\n", parts));
    }
    parts.add(String.format(java.util.Locale.ROOT, "Load average at the end: %.2f.%n", Machine.loadAverage()));
    Files.writeString(out, String.join("\n", parts));
    return BenchMain.EXIT_OK;
  }
}
