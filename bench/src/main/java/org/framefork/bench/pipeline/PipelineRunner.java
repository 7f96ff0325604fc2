package org.framefork.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.JobReport;

/**
 * Runs the engine in this JVM, through its public API only ({@link EncodeJob}, its options and its
 * events), and times it: wall clock around {@link EncodeJob#run()}, process CPU time, and the stage
 * times from the job's report.
 */
public record PipelineRunner(Path input, String preset, int crf) {
  public Contender contender(EncodeConfig config) {
    return Contender.of(config.label(), (run, output) -> run(config, run, output));
  }

  public Trial run(EncodeConfig c, int run, Path output) {
    JobOptions options = JobOptions.defaults(input, output)
        .withMode(c.mode(), c.workers())
        .withVideo(new EncodeSettings(VideoCodec.H264, crf, preset, c.codecThreads()))
        .withSplit(c.split(), c.chunkSeconds(), c.chunkFrames())
        .withTailSplit(c.tailSplit())
        .withOverwrite(true);
    EventTally tally = new EventTally();
    // A collection now rather than in the middle of the next run: runs should not pay for the
    // garbage of the ones before them.
    System.gc();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    JobReport report = new EncodeJob(options, tally).run();
    long t1 = System.nanoTime();
    long cpu1 = processCpuNanos();
    double wall = (t1 - t0) / 1e9;
    int workers = report.settings().workers();
    double encode = report.stages().encodeSeconds();
    JobReport.Chunks chunks = report.chunks();
    double idle = workers * encode - chunks.sumSeconds();
    return new Trial(c.label(), run, wall, cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9, report.output().frames(),
        report.output().bytes(), chunks.count(), workers, encode, Math.max(0, report.stages().wallSeconds() - encode),
        tally.progressEvents(), chunks.sumSeconds(), Math.max(0, idle), tailIdle(workers, encode, chunks.times()),
        chunks.splitOff());
  }

  /**
   * Worker-seconds between each worker's last chunk and the end of the encode stage ({@code
   * encodeSeconds}); a worker with no chunk was idle the whole stage.
   */
  static double tailIdle(int workers, double encodeSeconds, List<ChunkTiming> times) {
    double[] lastEnd = new double[Math.max(1, workers)];
    for (ChunkTiming t : times) {
      if (t.worker() >= 0 && t.worker() < lastEnd.length) {
        lastEnd[t.worker()] = Math.max(lastEnd[t.worker()], t.endSeconds());
      }
    }
    double tail = 0;
    for (double end : lastEnd) {
      tail += Math.max(0, encodeSeconds - end);
    }
    return tail;
  }

  /** CPU time of this whole process (every thread, the JIT and GC included), or -1. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
