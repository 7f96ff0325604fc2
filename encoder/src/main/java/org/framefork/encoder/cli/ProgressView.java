package org.framefork.encoder.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobListener;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.quality.QualityMetric;

/**
 * Shows a running job from its events alone: a progress bar on a terminal, plain lines otherwise
 * (a log, a pipe, CI), nothing with {@code --quiet}. Events come from worker threads.
 */
interface ProgressView extends JobListener, AutoCloseable {
  /**
   * Stops drawing and logging: events after it show nothing. Idempotent; called by the command's
   * thread before it prints anything else, and by Ctrl-C's handler before it says it cancels.
   */
  @Override
  void close();

  /** @param scoresQuality whether the job's verify stage scores the output (--verify-quality, --target-quality) */
  static ProgressView choose(Path input, boolean quiet, boolean terminal, boolean scoresQuality, PrintWriter out) {
    if (quiet) {
      return new Silent();
    }
    return terminal ? new Bar(input, scoresQuality) : new Lines(input, out, scoresQuality);
  }

  /**
   * Whether stdout is an interactive terminal. Since JDK 22 {@link System#console()} also returns a
   * console for redirected streams and {@code Console.isTerminal()} tells them apart; JDK 21 has no
   * such method and returns null instead, so the method is looked up at run time.
   */
  static boolean stdoutIsTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /** {@code --quiet}. */
  final class Silent implements ProgressView {
    @Override
    public void onEvent(JobEvent event) {}

    @Override
    public void close() {}
  }

  /** One line per chunk that finishes or fails, per probe and per stage, for logs. */
  final class Lines implements ProgressView {
    private final Path input;
    private final PrintWriter out;
    /** The verify stage scores the output's quality too. */
    private final boolean scoresQuality;
    private final WorkerBoard board = new WorkerBoard();
    /** The node each running chunk of a cluster job went to; none for a chunk encoded here. */
    private final Map<Integer, String> nodeOf = new ConcurrentHashMap<>();
    /** Closed: a probe or chunk that ends after Ctrl-C's line is not logged. Guarded by {@code out}. */
    private boolean closed;

    Lines(Path input, PrintWriter out, boolean scoresQuality) {
      this.input = input;
      this.out = out;
      this.scoresQuality = scoresQuality;
    }

    @Override
    public void onEvent(JobEvent event) {
      board.apply(event);
      if (event instanceof JobEvent.ChunkStarted s) {
        nodeOf.remove(s.chunk()); // an attempt that no ChunkSent follows runs here
      } else if (event instanceof JobEvent.ChunkSent s) {
        nodeOf.put(s.chunk(), s.node());
      }
      String line = switch (event) {
        case JobEvent.StageStarted s -> switch (s.stage()) {
          case PROBE -> "probing " + input;
          case JOIN -> "joining " + board.chunks() + " segment" + ReportPrinter.plural(board.chunks());
          case VERIFY -> scoresQuality ? "verifying the output and scoring its quality" : "verifying the output";
          case PLAN, ENCODE -> null;
        };
        case JobEvent.JobPlanned p -> String.format(Locale.ROOT, "%s: %d frame%s in %d chunk%s (%s); %s on %s",
            input.getFileName(), p.plan().totalFrames(), ReportPrinter.plural(p.plan().totalFrames()), p.plan().size(), ReportPrinter.plural(p.plan().size()), describeSplit(p), p.mode(),
            workersWords(p));
        // A node's chunk: its time is the node's own work, as the report's chunk table says.
        case JobEvent.ChunkFinished f -> String.format(Locale.ROOT,
            "chunk %d done on worker %d: %d frame%s in %.1f s%s (%d/%d chunks, %d%%)", f.chunk(), f.worker(), f.frames(),
            ReportPrinter.plural(f.frames()), f.elapsedNanos() / 1e9, onNode(nodeOf.remove(f.chunk())), board.chunksDone(),
            board.chunks(), percent(board.framesDone(), board.totalFrames()));
        case JobEvent.ChunkSplit s -> String.format(Locale.ROOT,
            "worker %d split chunk %d at frame %d: its last %d frames are now chunk %d", s.worker(), s.chunk(), s.atFrame(),
            s.newFrames(), s.newChunk());
        // A probe takes seconds to minutes: a line per probe shows that the search moves.
        case JobEvent.ProbeFinished f -> String.format(Locale.ROOT, "chunk %d on worker %d: probe %d at crf %s scored %s %s",
            f.chunk(), f.worker(), f.probe(), EncodeSettings.formatCrf(f.crf()), f.metric(), score(f.metric(), f.score()));
        case JobEvent.ChunkTuned t -> String.format(Locale.ROOT, "chunk %d on worker %d: crf %s, %s %s predicted%s (%s)",
            t.chunk(), t.worker(), EncodeSettings.formatCrf(t.crf()), t.metric(),
            t.inBand() ? score(t.metric(), t.predicted()) : scoreOutside(t.metric(), t.predicted()),
            t.inBand() ? "" : ", outside the band", probesText(t.probes(), t.reused()));
        case JobEvent.ChunkRetuned r -> String.format(Locale.ROOT,
            "chunk %d: the final at crf %s scored %s %s, outside the band; encoding it again at crf %s (%s predicted)",
            r.chunk(), EncodeSettings.formatCrf(r.crf()), r.metric(), scoreOutside(r.metric(), r.measured()),
            EncodeSettings.formatCrf(r.nextCrf()), score(r.metric(), r.predicted()));
        case JobEvent.ChunkEncodeKept k -> String.format(Locale.ROOT,
            "chunk %d: the encode at crf %s scored %s %s, farther off than the one at crf %s (%s), which stays",
            k.chunk(), EncodeSettings.formatCrf(k.crf()), k.metric(), score(k.metric(), k.measured()),
            EncodeSettings.formatCrf(k.keptCrf()), score(k.metric(), k.keptScore()));
        case JobEvent.ChunkReused r -> String.format(Locale.ROOT, "chunk %d reused from the interrupted run: %d frame%s",
            r.chunk(), r.frames(), ReportPrinter.plural(r.frames()));
        case JobEvent.ChunkFailed f -> String.format(Locale.ROOT, "chunk %d failed on worker %d (attempt %d): %s; %s",
            f.chunk(), f.worker(), f.attempt(), f.reason(), f.willRetry() ? "trying again" : "giving up");
        default -> null;
      };
      if (line != null) {
        synchronized (out) {
          if (!closed) {
            out.println(line);
            out.flush();
          }
        }
      }
    }

    @Override
    public void close() {
      synchronized (out) {
        closed = true;
        out.flush();
      }
    }
  }

  /** The terminal's bar: frames, fps, ETA, and what each worker is doing. */
  final class Bar implements ProgressView {
    private final Path input;
    /** The verify stage scores the output's quality, which takes most of its time. */
    private final boolean scoresQuality;
    private final WorkerBoard board = new WorkerBoard();
    private ProgressBar bar;
    private int activityWidth;
    private boolean closed;

    Bar(Path input, boolean scoresQuality) {
      this.input = input;
      this.scoresQuality = scoresQuality;
    }

    @Override
    public void onEvent(JobEvent event) {
      boolean changed = board.apply(event);
      synchronized (this) {
        if (closed) {
          return;
        }
        if (event instanceof JobEvent.JobPlanned p) {
          String name = shorten(input.getFileName().toString(), 28);
          ConsoleProgressBarConsumer console = new ConsoleProgressBarConsumer(System.out);
          // What the bar's own parts take: percentage, frame counts, times, speed, and a bar of at least 5.
          int digits = Integer.toString(p.plan().totalFrames()).length();
          activityWidth = Math.max(8, console.getMaxRenderedLength() - name.length() - 50 - 2 * digits);
          bar = new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(p.plan().totalFrames())
              .setUnit(" fr", 1)
              // "0.4 fr/s", not the default pattern's ".4 fr/s".
              .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
              .setStyle(unicodeOut() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(250)
              // Redrawn on a timer, not only on a change: probes, scoring and verifying put out no
              // frames for tens of seconds, and the clock must show that the job still runs.
              .continuousUpdate()
              .setEtaFunction(state -> board.timeLeft(System.nanoTime()))
              .setConsumer(console)
              .build();
        }
        if (bar == null) {
          return;
        }
        if (event instanceof JobEvent.StageStarted s && (s.stage() == JobEvent.Stage.JOIN || s.stage() == JobEvent.Stage.VERIFY)) {
          bar.stepTo(board.totalFrames());
          // A verify stage that scores the whole output spends most of its time on that.
          bar.setExtraMessage(s.stage() == JobEvent.Stage.JOIN ? " joining segments"
              : scoresQuality ? " scoring quality" : " verifying");
        } else if (changed) {
          // Never back, even for a chunk that ends with fewer frames than it counted (a damaged input's).
          bar.stepTo(Math.max(bar.getCurrent(), board.framesDone()));
          // The bar draws the message right after the speed: the space keeps them apart.
          bar.setExtraMessage(" " + board.activity(activityWidth));
        }
      }
    }

    @Override
    public synchronized void close() {
      if (!closed && bar != null) {
        bar.close();
      }
      closed = true;
    }

    private static boolean unicodeOut() {
      String enc = System.getProperty("stdout.encoding");
      Charset cs = enc != null && Charset.isSupported(enc) ? Charset.forName(enc) : Charset.defaultCharset();
      return cs.name().toUpperCase(Locale.ROOT).startsWith("UTF");
    }
  }

  /**
   * The plan line's workers: "2 workers"; with nodes, the lanes, as the report's summary counts them
   * ("4 lanes (0 here, 4 with the nodes' fetch-ahead)"): it said "4 workers" where the summary then
   * said "2 workers (0 here, 2 on 2 nodes; 4 lanes ...)".
   */
  static String workersWords(JobEvent.JobPlanned p) {
    if (p.nodeLanes() <= 0) {
      return p.workers() + " worker" + ReportPrinter.plural(p.workers());
    }
    int here = p.workers() - p.nodeLanes();
    return String.format(Locale.ROOT, "%d lane%s (%d here, %d with the nodes' fetch-ahead)", p.workers(),
        ReportPrinter.plural(p.workers()), here, p.nodeLanes());
  }

  /** How the video was cut, as {@code probe} says it. */
  private static String describeSplit(JobEvent.JobPlanned p) {
    ChunkPlan plan = p.plan();
    // Without the video (a bare plan), its length is taken as the length the plan aimed at.
    double seconds = p.media() == null ? plan.targetSeconds() * plan.size() : p.media().video().durationSeconds();
    return SplitDescription.of(plan.split(), plan.size(), plan.targetSeconds(), seconds,
        p.media() != null && p.media().isImageSequence(), null, null);
  }

  private static String onNode(String node) {
    return node == null ? "" : " on node " + node;
  }

  /** "3 probes", "its 4 probes reused" (all from the interrupted run) or "2 probes, 2 more reused". */
  static String probesText(int probes, int reused) {
    if (reused == 0) {
      return probes + " probe" + ReportPrinter.plural(probes);
    }
    if (probes == 0) {
      return "its " + reused + " probe" + ReportPrinter.plural(reused) + " reused";
    }
    return probes + " probe" + ReportPrinter.plural(probes) + ", " + reused + " more reused";
  }

  /** A score of {@code metric} (as the events name it) at the metric's own precision: SSIM 4 decimals. */
  private static String score(String metric, double value) {
    return QualityMetric.parse(metric).format(value);
  }

  /** A score outside the band: with the decimals that tell it from the band's edges. */
  private static String scoreOutside(String metric, double value) {
    return QualityMetric.parse(metric).formatOutside(value);
  }

  private static int percent(long done, long total) {
    return total > 0 ? (int) (100 * done / total) : 0;
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
