package org.framefork.app.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.framefork.encoder.cli.EarlierOutputs;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.source.ImageSequences;

/**
 * Output file names: {@code clip-h264.mp4} (an image sequence's {@code frame-h264.mp4}), never one
 * that is taken.
 */
public final class OutputNames {
  private OutputNames() {}

  /**
   * The output of {@code input} in {@code folder}: the first free one of {@code stem-codec.ext},
   * {@code stem-codec-2.ext}, ... ({@link EarlierOutputs#appName}; folder inputs beside their source
   * skip such names, in the app and on the command line). A name is taken when its file exists, when
   * a job's work folder or lock file of that output exists (a cancelled job keeps its chunks there
   * for Resume, with no output yet), or when it is in {@code held}, the outputs of the queue's
   * stopped and running entries: two inputs of one name ({@code card1/GOPR0001.MP4}, {@code
   * card2/GOPR0001.MP4}) would otherwise share one output and one work folder, and the second's
   * start would wipe the first's chunks.
   */
  public static Path forInput(Path input, Path folder, VideoCodec codec, Container container, Set<Path> held) {
    return forInput(input, folder, codec, container, held, null);
  }

  /**
   * As {@link #forInput(Path, Path, VideoCodec, Container, Set)}, for an entry that ran before: {@code
   * earlier}, its earlier output (null for none), is free where only its own work folder or lock file is
   * there (stale: a job that starts over deletes it, under the job lock), so its Retry keeps its name.
   */
  public static Path forInput(Path input, Path folder, VideoCodec codec, Container container, Set<Path> held, Path earlier) {
    Path own = earlier == null ? null : earlier.toAbsolutePath().normalize();
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    // An image sequence is named as the command line names it: frame_%04d.png gives frame, a folder its name.
    String stem = ImageSequences.names(input) ? ImageSequences.outputStem(input) : dot > 0 ? name.substring(0, dot) : name;
    Path out = folder.resolve(EarlierOutputs.appName(stem, codec, 1, container));
    for (int n = 2; taken(out, input, held, own); n++) {
      out = folder.resolve(EarlierOutputs.appName(stem, codec, n, container));
    }
    return out;
  }

  private static boolean taken(Path out, Path input, Set<Path> held, Path own) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.equals(input.toAbsolutePath().normalize()) || held.contains(abs) || Files.exists(out)
        || !abs.equals(own) && Files.exists(JobWorkspace.defaultFor(out)) || JobWorkspace.outputInUse(out);
  }

  /**
   * The outputs the queue's entries other than {@code except} hold: a running one's, or one's that may
   * continue (stopped, or failed keeping its work).
   */
  public static Set<Path> heldBy(List<QueueEntry> entries, QueueEntry except) {
    return entries.stream().filter(e -> e != except && e.output() != null
            && (e.continuable() || e.state() == QueueEntry.State.ENCODING))
        .map(e -> e.output().toAbsolutePath().normalize()).collect(Collectors.toSet());
  }
}
