package org.framefork.encoder.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.io.FileTrees;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.io.Checksums;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.source.SequenceManifest;

/**
 * A job's work folder: the plan, one segment per chunk, and one record per finished chunk (with the
 * segment's checksum) — what a later resume needs, and nothing more.
 */
public final class JobWorkspace {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * A finished chunk: which segment, how many frames, the segment's SHA-256, and the source time of
   * every frame it holds (fewer than planned only when damage in the source was skipped).
   */
  public record ChunkRecord(int chunk, int frames, long bytes, String sha256, double seconds, int worker, long[] framePts) {}

  /**
   * What {@code settings.json} holds: the encoder settings (the fields of {@link EncodeSettings}),
   * the filter chain's identity, empty for none, and the input's {@linkplain
   * org.framefork.encoder.io.Checksums#fingerprint fingerprint} (both absent in work folders of
   * older versions), the depth asked for (0: the source's) and the tone map (both absent in older
   * ones), the folder's {@linkplain #FORMAT format} (absent before it was saved), and {@code
   * --alpha-over}'s colour ({@code #rrggbb}; absent for none; folders of older formats, which lack
   * it, are not resumed).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SavedSettings(VideoCodec codec, double crf, String preset, int codecThreads, String filters, String source, Integer depth,
      HdrToSdr.Curve toneMap, Integer format, String alphaOver) {
    static SavedSettings of(EncodeSettings s, String filters, String source) {
      Background over = s.picture().alphaOver();
      return new SavedSettings(s.codec(), s.crf(), s.preset(), s.codecThreads(), filters, source, s.picture().depth(),
          s.picture().toneMap(), FORMAT, over == null ? null : over.hex());
    }

    /** Whether a job of this version may add chunks to the folder: one made by another version's may not. */
    boolean sameFormat() {
      return format != null && format == FORMAT;
    }

    EncodeSettings video() {
      return new EncodeSettings(codec, crf, preset, codecThreads,
          PictureFormat.requested(depth == null ? 0 : depth).withToneMap(toneMap)
              .withAlphaOver(alphaOver == null ? null : Background.parse(alphaOver)));
    }

    String filtersOrNone() {
      return filters == null ? "" : filters;
    }
  }

  /**
   * The version of what a work folder's chunks hold, which a resume must match: 2 since a
   * full-range source is encoded in full range (before, its chunks were limited range, and a
   * resume would have mixed the two in one output); 3 since {@code alphaOver} is saved (a folder
   * of 2 has none whatever its chunks were composited over, so a resume is refused as another
   * version's rather than told to use "none", which would mix composited and uncomposited chunks).
   */
  static final int FORMAT = 3;

  private final Path dir;

  JobWorkspace(Path dir) {
    this.dir = dir;
  }

  /**
   * Loads and links the work folder's JSON machinery (some 500 Jackson classes, about 0.3 s in a
   * fresh JVM) by writing each kind of record it holds to memory. A job does this when it writes
   * its plan, in the middle of the serial part before any chunk starts; called on a spare thread
   * while the job probes its input, it takes that time off the job's critical path.
   */
  public static void warmUp() {
    try {
      JSON.writeValueAsBytes(SavedSettings.of(EncodeSettings.defaults(VideoCodec.H264), "", ""));
      JSON.writeValueAsBytes(new ChunkPlan(org.framefork.encoder.plan.SplitMode.KEYFRAMES, 1, 1,
          java.util.List.of(new Chunk(0, 0, 1, 0, 1, 0))));
      byte[] record = JSON.writeValueAsBytes(new ChunkRecord(0, 1, 1, "", 0, 0, new long[] {0}));
      JSON.readValue(record, ChunkRecord.class);
      JSON.writeValueAsBytes(java.util.List.of(new LivePlan.Split(0, 1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default work folder of an output: hidden, beside it, named after it. */
  public static Path defaultFor(Path output) {
    Path parent = output.toAbsolutePath().getParent();
    return parent.resolve(fileName("." + output.getFileName(), ".framefork-work"));
  }

  public Path dir() {
    return dir;
  }

  /**
   * Removes {@code dir}, the work folder of a stopped job that wrote {@code output}, while
   * holding that output's job lock: a job writing {@code output} now (one that took the same name
   * since) keeps its folder, and nothing is deleted. Returns whether it was discarded.
   */
  public static boolean discardUnlessRunning(Path dir, Path output) {
    JobLock lock;
    try {
      lock = JobLock.take(output);
    } catch (org.framefork.encoder.probe.InputException e) {
      return false; // another job holds it, or its folder takes no lock file (then it holds no work either)
    }
    try (lock) {
      new JobWorkspace(dir).delete();
      return true;
    }
  }

  /** Whether a job writing {@code output} runs now, in this process or another. */
  public static boolean outputInUse(Path output) {
    return JobLock.isHeld(output);
  }

  void create() {
    try {
      Files.createDirectories(dir.resolve("chunks"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work folder " + dir, e);
    }
  }

  public Path segment(int chunk) {
    return dir.resolve(String.format("chunks/%05d.mkv", chunk));
  }

  /**
   * @param filters the filter chain's {@linkplain org.framefork.encoder.encode.filter.FilterChain#identity identity}
   * @param source the input's {@linkplain org.framefork.encoder.io.Checksums#fingerprint fingerprint}
   */
  void writePlan(ChunkPlan plan, EncodeSettings settings, String filters, String source) {
    write(dir.resolve("settings.json"), SavedSettings.of(settings, filters, source));
    write(dir.resolve("plan.json"), plan);
  }

  boolean hasPlan() {
    return hasPlan(dir);
  }

  /** Whether the work folder {@code dir} holds a plan that {@code --resume} takes (its plan and its settings). */
  public static boolean hasPlan(Path dir) {
    return Files.isRegularFile(dir.resolve("plan.json")) && Files.isRegularFile(dir.resolve("settings.json"));
  }

  ChunkPlan readPlan() {
    return read(dir.resolve("plan.json"), ChunkPlan.class);
  }

  /** Saves the splits made so far (replacing the last list): a resume applies them to the plan. */
  void writeSplits(java.util.List<LivePlan.Split> splits) {
    write(dir.resolve("splits.json"), splits);
  }

  /** The splits an interrupted job made; none when it made none. */
  java.util.List<LivePlan.Split> readSplits() {
    Path file = dir.resolve("splits.json");
    if (!Files.isRegularFile(file)) {
      return java.util.List.of();
    }
    try {
      return java.util.List.of(JSON.readValue(file.toFile(), LivePlan.Split[].class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  SavedSettings readSavedSettings() {
    return read(dir.resolve("settings.json"), SavedSettings.class);
  }

  /**
   * The record of a finished chunk whose segment is still intact (present, same checksum, the
   * planned frames), or null: a missing, damaged or unfinished segment is encoded again.
   */
  ChunkRecord intactRecord(Chunk chunk) {
    Path file = dir.resolve(String.format("chunks/%05d.json", chunk.index()));
    Path seg = segment(chunk.index());
    if (!Files.isRegularFile(file) || !Files.isRegularFile(seg)) {
      return null;
    }
    try {
      ChunkRecord r = read(file, ChunkRecord.class);
      boolean complete = r.framePts() != null && r.framePts().length == r.frames() && r.frames() > 0;
      // Its frames must lie inside the chunk as it now stands (a split may have shortened it).
      boolean inside = complete && r.framePts()[0] >= chunk.startPts() && r.framePts()[r.frames() - 1] < chunk.endPts();
      return inside && r.frames() <= chunk.frameCount() && r.sha256().equals(sha256(seg)) ? r : null;
    } catch (UncheckedIOException e) {
      return null; // a record cut short by a kill is no record
    }
  }

  private static <T> T read(Path file, Class<T> type) {
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The longest file name most file systems take, in bytes. */
  public static final int MAX_NAME_BYTES = 255;

  /** How many bytes {@code name} takes as a file name (UTF-8, as Linux file systems store it). */
  public static int nameBytes(String name) {
    return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /**
   * {@code stem + suffix}, as a file name: a stem too long for it (an output named close to the
   * limit) is cut, with a hash of the whole stem so that two long names stay apart. The suffix and
   * the lock file's ".lock" always fit.
   */
  public static String fileName(String stem, String suffix) {
    int room = MAX_NAME_BYTES - ".lock".length() - nameBytes(suffix);
    if (nameBytes(stem) <= room) {
      return stem + suffix;
    }
    String hash = String.format("-%08x", stem.hashCode());
    StringBuilder cut = new StringBuilder();
    int bytes = hash.length();
    for (int i = 0; i < stem.length(); ) {
      int cp = stem.codePointAt(i);
      int n = nameBytes(Character.toString(cp));
      if (bytes + n > room) {
        break;
      }
      cut.appendCodePoint(cp);
      bytes += n;
      i += Character.charCount(cp);
    }
    return cut + hash + suffix;
  }

  /** How many chunks a job's work folder {@code dir} holds as finished (0 for a missing folder). */
  public static int finishedChunks(Path dir) {
    return kept(dir).finished();
  }

  /** Chunks of the work folder {@code dir} with a target-quality search record ({@code NNNNN.target.json}) and no finished one. */
  public static int probedUnfinishedChunks(Path dir) {
    return kept(dir).probed();
  }

  /**
   * What a work folder holds for {@code --resume}: its {@code finished} chunks, and the chunks with
   * target-quality probes ({@code NNNNN.target.json}) that had not finished, {@code probed}.
   */
  public record Kept(int finished, int probed) {
    /** Whether {@code --resume} would reuse anything. */
    public boolean any() {
      return finished > 0 || probed > 0;
    }
  }

  /** What the work folder {@code dir} holds, counted in one listing (nothing for a missing folder). */
  public static Kept kept(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("chunks"))) {
      java.util.Set<String> names = files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
      int finished = (int) names.stream().filter(n -> n.matches("\\d+\\.json")).count();
      int probed = (int) names.stream().filter(n -> n.matches("\\d+\\.target\\.json"))
          .filter(n -> !names.contains(n.replace(".target.json", ".json"))).count();
      return new Kept(finished, probed);
    } catch (IOException e) {
      return new Kept(0, 0);
    }
  }

  /**
   * Deletes the segments of chunks with no finished record ({@code NNNNN.mkv} without {@code
   * NNNNN.json}): a job that stopped keeps only what {@code --resume} reuses, and a disk that filled
   * up does not stay full of unfinished chunks.
   */
  public void deleteUnfinishedSegments() {
    try (Stream<Path> files = Files.list(dir.resolve("chunks"))) {
      java.util.Set<String> names = files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
      for (String n : names) {
        if (n.matches("\\d+\\.mkv") && !names.contains(n.replace(".mkv", ".json"))) {
          Files.deleteIfExists(dir.resolve("chunks").resolve(n));
        }
      }
    } catch (IOException e) {
      // kept as it is: a resume encodes an unfinished chunk again
    }
  }

  /**
   * The file a job writes in its work folder just before it renames its output into place: the
   * output's {@linkplain Checksums#fingerprint fingerprint}. It stays with a kept folder, and with
   * one a kill left between the rename and the folder's removal.
   */
  private static final String PUBLISHED = "published.json";

  /**
   * What {@code published.json} holds: the fingerprint of the output the job renamed into place, and
   * whether the job kept its folder on purpose ({@code --keep-work}); false in a record without it.
   */
  record Published(String fingerprint, boolean kept) {}

  /**
   * Notes in the work folder that the job is about to rename {@code output} (verified) into place;
   * written before the rename, so that no output of this job is ever without it. Best effort: a
   * record that cannot be written (a full disk) only makes a later {@code --resume} refuse the output.
   * {@code kept}: the job keeps the folder on purpose ({@code --keep-work}), which a resume then leaves.
   */
  void writePublished(Path output, boolean kept) {
    try {
      write(dir.resolve(PUBLISHED), new Published(Checksums.fingerprint(output), kept));
    } catch (UncheckedIOException e) {
      deleteQuietly(dir.resolve(PUBLISHED + ".tmp"));
    }
  }

  /** Forgets that an earlier job published its output: this one makes the output anew. */
  void forgetPublished() {
    deleteQuietly(dir.resolve(PUBLISHED));
  }

  /**
   * Whether the work folder {@code dir} says its job wrote {@code output} as it is now: its record
   * holds the output's fingerprint (size and edges). False for an output changed since, or made by
   * another program beside an interrupted job's folder: FrameFork never writes at the output's
   * path, it renames a verified file into place.
   */
  public static boolean published(Path dir, Path output) {
    Path file = dir.resolve(PUBLISHED);
    try {
      if (!Files.isRegularFile(file) || !Files.isRegularFile(output)) {
        return false;
      }
      String recorded = JSON.readValue(file.toFile(), Published.class).fingerprint();
      return recorded != null && recorded.equals(Checksums.fingerprint(output));
    } catch (IOException | UncheckedIOException e) {
      return false; // a record cut short by a kill, or an earlier version's, is no record
    }
  }

  /**
   * Whether the work folder {@code dir} records that its job kept it on purpose ({@code --keep-work}),
   * rather than a kill leaving it between the output's rename and its removal.
   */
  public static boolean keptOnPurpose(Path dir) {
    try {
      return JSON.readValue(dir.resolve(PUBLISHED).toFile(), Published.class).kept();
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  void writeRecord(ChunkRecord record) {
    write(dir.resolve(String.format("chunks/%05d.json", record.chunk())), record);
  }

  private static void write(Path file, Object value) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String sha256(Path file) {
    return Checksums.sha256(file);
  }


  /** Where an image-sequence job writes its {@link SequenceManifest}, which the chunk readers open. */
  Path sequenceManifest() {
    return dir.resolve(SequenceManifest.FILE_NAME);
  }

  /**
   * Removes what a job put in its work folder, and the folder when that leaves it empty. Only the
   * job's own files go: a work folder the user named may hold other things.
   */
  void delete() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    FileTrees.deleteBestEffort(dir.resolve("chunks"));
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> {
        String n = p.getFileName().toString();
        return n.equals("plan.json") || n.equals("settings.json") || n.equals("splits.json") || n.endsWith(".json.tmp")
            || n.equals(PUBLISHED)
            || n.equals(SequenceManifest.FILE_NAME)
            || (n.startsWith("audio-") && n.endsWith(".mka"));
      }).forEach(JobWorkspace::deleteQuietly);
    } catch (IOException ignored) {
      // best effort: a leftover file in a work folder harms nothing
    }
    deleteQuietly(dir); // only succeeds when empty
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a leftover file in a work folder harms nothing
    }
  }
}
