package org.framefork.encoder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.io.FileErrors;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.source.ImageSequences;

/**
 * Decides where each input's output goes and in which container, and refuses, before any work, a
 * command line whose outputs cannot be written: a missing or read-only folder, an output that is an
 * input, an output that exists without {@code --overwrite}, two inputs that would write one file, a
 * container that cannot hold the codec. With {@code --resume}, a finished output is kept (a job
 * renames its output into place only once it is verified, and records it in a work folder it
 * keeps); one beside its job's work folder that does not record it is refused all the same.
 */
final class Destinations {
  /**
   * One input and the file it becomes.
   *
   * @param finished the output exists from an earlier run and {@code --resume} keeps it as it is
   */
  record Destination(Path input, Path output, Container container, boolean finished) {}

  /** What becomes of an output that exists already and {@code --overwrite} was not given. */
  enum Existing {
    /** Refused: in the way. */
    REFUSED,
    /** Kept as it is: {@code --resume} found it finished. */
    KEPT,
    /**
     * Refused under {@code --resume}: beside its job's work folder, but not the file that job
     * wrote (edited since, or made by another program).
     */
    NOT_ITS_OWN
  }

  private Destinations() {}

  /**
   * @param output {@code -o}, or null
   * @param outputDir {@code --output-dir}, or null (then each output goes beside its input)
   * @param container {@code --container}, or null (then from {@code -o}'s extension, else mp4)
   */
  static List<Destination> resolve(List<Path> inputs, Path output, Path outputDir, Container container,
      VideoCodec codec, AudioMode audio, boolean overwrite) {
    return resolve(inputs, output, outputDir, container, codec, audio, overwrite, target -> Existing.REFUSED, Set.of());
  }

  /**
   * @param existing what becomes of an output that exists (without {@code --overwrite}): refused,
   *     or with {@code --resume} kept or made again
   * @param found the inputs a folder or a pattern brought: one that cannot be read is not refused
   *     here but fails at its turn, as a file FFmpeg cannot open does
   */
  static List<Destination> resolve(List<Path> inputs, Path output, Path outputDir, Container container,
      VideoCodec codec, AudioMode audio, boolean overwrite, Function<Path, Existing> existing, Set<Path> found) {
    checkOutputOptions(inputs, output, outputDir);
    // Every input's problems are gathered and reported together: a batch is mended in one go.
    Set<String> problems = new LinkedHashSet<>();
    Set<Path> unreadable = unreadableInputs(inputs.stream().filter(p -> !found.contains(p)).toList(), problems);
    // What holds for every output: with one of these wrong, the outputs cannot be judged one by one.
    List<String> wholeCommand = new ArrayList<>();
    Container chosen = checkedContainer(output, container, codec, audio, wholeCommand);
    if (outputDir != null) {
      try {
        requireWritableFolder(outputDir, "--output-dir " + outputDir);
      } catch (UsageException e) {
        wholeCommand.addAll(e.problems());
      }
    }
    if (!wholeCommand.isEmpty()) {
      problems.addAll(wholeCommand);
      throw new UsageException(List.copyOf(problems));
    }

    List<Destination> out = new ArrayList<>(inputs.size());
    Map<Path, Path> inputsByReal = new HashMap<>();
    for (Path input : inputs) {
      inputsByReal.put(realPath(input), input);
    }
    Map<Path, Path> claimed = new HashMap<>();
    for (Path input : inputs) {
      if (unreadable.contains(input)) {
        continue;
      }
      Path target = output != null ? output : defaultOutput(input, outputDir, chosen);
      try {
        boolean kept = checkTarget(input, target, inputs.size(), output, outputDir, overwrite, existing, inputsByReal,
            claimed);
        out.add(new Destination(input, target, chosen, kept));
      } catch (UsageException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(List.copyOf(problems));
    }
    return out;
  }

  /** Refuses {@code -o} and {@code --output-dir} that contradict each other or the inputs. */
  private static void checkOutputOptions(List<Path> inputs, Path output, Path outputDir) {
    if ((output != null && output.toString().isEmpty()) || (outputDir != null && outputDir.toString().isEmpty())) {
      throw new UsageException((output != null && output.toString().isEmpty() ? "-o" : "--output-dir")
          + " is empty; give a file name (-o) or a folder (--output-dir)");
    }
    if (output != null && outputDir != null) {
      throw new UsageException("-o and --output-dir both given; use -o FILE for one input or --output-dir DIR for any number");
    }
    if (output != null && inputs.size() > 1) {
      throw new UsageException("-o names one output but " + inputs.size()
          + " inputs were given; use --output-dir DIR to encode several");
    }
  }

  /** The inputs that are no readable file; why, for each, goes to {@code problems}. */
  private static Set<Path> unreadableInputs(List<Path> inputs, Set<String> problems) {
    Set<Path> unreadable = new HashSet<>();
    for (Path input : inputs) {
      try {
        if (ImageSequences.names(input)) {
          continue; // checked by its scan, with the sequence options (EncodeJob.checkSource)
        }
        Prober.requireReadableFile(input);
      } catch (InputException e) {
        problems.add(e.getMessage());
        unreadable.add(input);
      }
    }
    return unreadable;
  }

  /**
   * The container of the outputs, checked against the codec and the audio; what is wrong goes to
   * {@code problems} (null when no container can be chosen).
   */
  private static Container checkedContainer(Path output, Container option, VideoCodec codec, AudioMode audio,
      List<String> problems) {
    try {
      Container chosen = chooseContainer(output, option);
      if (!chosen.accepts(codec)) {
        problems.add(chosen + " cannot hold " + codec + " video; use --codec vp9 or av1 for " + chosen
            + ", or --container mp4 or mkv for " + codec);
      }
      if (chosen == Container.WEBM && audio == AudioMode.AAC) {
        problems.add("webm cannot hold aac audio; use --audio opus (or auto), or --container mp4 or mkv");
      }
      return chosen;
    } catch (UsageException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /**
   * Refuses {@code target} as {@code input}'s output: a folder, the input itself, another input's
   * output, or a file in the way; true when the file in the way is a finished output to keep.
   */
  private static boolean checkTarget(Path input, Path target, int inputCount, Path output, Path outputDir, boolean overwrite,
      Function<Path, Existing> existing, Map<Path, Path> inputsByReal, Map<Path, Path> claimed) {
    String hint = output != null ? "choose another -o"
        : outputDir != null ? "choose another --output-dir"
        : inputCount == 1 ? "choose a name with -o" : "choose a folder with --output-dir";
    if (Files.isDirectory(target)) {
      throw new UsageException(isAFolder(target));
    }
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException(target + ": is not a plain file (a link, a device or a pipe); FrameFork writes a new file "
          + "in its place, so it writes only over plain files: " + hint);
    }
    if (JobWorkspace.nameBytes(target.getFileName().toString()) > JobWorkspace.MAX_NAME_BYTES) {
      throw new UsageException(target + ": the name is longer than the " + JobWorkspace.MAX_NAME_BYTES + " bytes a file name may have; "
          + (output != null ? "choose a shorter -o" : "rename the input, or give -o a shorter name"));
    }
    Path folder = target.toAbsolutePath().getParent();
    requireWritableFolder(folder, folder + " (the folder of " + target.getFileName() + ")");
    Path real = realPath(target);
    Path sameAsInput = inputsByReal.get(real);
    if (sameAsInput == null && Files.exists(target) && sameFile(target, input)) {
      sameAsInput = input; // another name for the same file (a hard link)
    }
    if (sameAsInput != null) {
      throw new UsageException(target + ": is the input " + sameAsInput + "; FrameFork never writes over its input, " + hint);
    }
    if (JobWorkspace.outputInUse(target)) {
      // As the job would at its turn (exit 1), but before any work: an output in the way.
      throw new UsageException(target + ": another FrameFork job is writing it now; wait for that one to finish, or " + hint);
    }
    Path earlier = claimed.putIfAbsent(real, input);
    if (earlier != null) {
      throw new UsageException(earlier + " and " + input + " would both be written to " + target
          + "; rename one, or encode them in separate runs, each with its own --output-dir");
    }
    if (Files.exists(target) && !overwrite) {
      Existing found = existing.apply(target);
      if (found == Existing.KEPT) {
        return true;
      }
      if (found == Existing.NOT_ITS_OWN) {
        throw new UsageException(target + ": already exists, but is not the output its job's work folder "
            + "records (changed since, or made by another program); add --overwrite to replace it, or " + hint);
      }
      throw new UsageException(target + ": already exists; add --overwrite to replace it, --resume to skip finished outputs, or " + hint);
    }
    return false;
  }

  /** {@code <input-stem>.framefork.<ext>} beside the input or in {@code outputDir}. */
  static Path defaultOutput(Path input, Path outputDir, Container container) {
    if (ImageSequences.names(input)) {
      return sequenceOutput(input.toAbsolutePath().normalize(), outputDir, container);
    }
    String name = input.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    Path dir = outputDir != null ? outputDir : input.toAbsolutePath().getParent();
    return dir.resolve(stem + ".framefork." + container.extension());
  }

  /**
   * An image sequence's output: a folder's is named after the folder and goes beside it; a
   * pattern's or glob's after what its names share ({@code frame_%04d.png}: {@code frame}), in the
   * images' folder, or after that folder when they share nothing.
   */
  private static Path sequenceOutput(Path spec, Path outputDir, Container container) {
    Path dir = outputDir != null ? outputDir : spec.getParent(); // beside a folder, or in the images' folder
    return dir.resolve(ImageSequences.outputStem(spec) + ".framefork." + container.extension());
  }

  private static String isAFolder(Path output) {
    return output + ": is a folder; use --output-dir " + output + " to write into it, or -o with a file name";
  }

  private static Container chooseContainer(Path output, Container option) {
    if (output == null) {
      return option != null ? option : Container.MP4;
    }
    if (Files.isDirectory(output)) {
      throw new UsageException(isAFolder(output));
    }
    Container fromName = Container.fromFileName(output);
    if (fromName != null && option != null && fromName != option) {
      throw new UsageException(output + ": the name says " + fromName + " but --container is " + option
          + "; make them agree");
    }
    if (fromName == null && option == null) {
      throw new UsageException(output + ": cannot tell the container from the name; end it in .mp4, .mkv, .webm (or .mov, .m4v: MP4), or add --container");
    }
    return option != null ? option : fromName;
  }

  /** A folder that exists and that we may create files in. */
  static void requireWritableFolder(Path folder, String what) {
    if (!Files.exists(folder)) {
      throw new UsageException(what + ": no such folder; create it first");
    }
    if (!Files.isDirectory(folder)) {
      throw new UsageException(what + ": is a file, not a folder");
    }
    String refusal = Files.isWritable(folder) ? cannotCreateIn(folder) : readOnly(folder) ? "read-only file system"
        : "permission denied";
    if (refusal != null) {
      throw new UsageException(what + ": not writable (" + refusal + "); choose a folder you can write to");
    }
  }

  /** Whether {@code folder} is on a file system mounted read-only (where access(2) says EROFS). */
  private static boolean readOnly(Path folder) {
    try {
      return Files.getFileStore(folder).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Why no file can be made in {@code folder}, or null when one can: access(2) tells root yes even
   * where the file system refuses (a read-only mount, /sys), so a file is made and removed.
   */
  private static String cannotCreateIn(Path folder) {
    try {
      Files.delete(Files.createTempFile(folder, ".framefork-", ".write-check"));
      return null;
    } catch (IOException e) {
      return FileErrors.reason(e);
    }
  }

  /** The real path of a file that may not exist yet: its folder's real path plus its name. */
  static Path realPath(Path p) {
    try {
      if (Files.exists(p)) {
        return p.toRealPath();
      }
      Path abs = p.toAbsolutePath().normalize();
      Path parent = abs.getParent();
      return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
