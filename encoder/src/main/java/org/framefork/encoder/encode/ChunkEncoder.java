package org.framefork.encoder.encode;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;

/**
 * Encodes one chunk into one segment file: it reads the chunk's frames from a {@link ChunkInput} of
 * its own (on a {@link PictureSource}: a video's decoder, an image sequence's reader), keeps them
 * until the chunk's end (which a {@linkplain #truncate split} may move earlier while it runs), and
 * hands them to a {@link SegmentWriter} with their source time.
 *
 * <p>It runs in steps of a few frames so that the concurrent mode can interleave chunks on one
 * thread; a whole-chunk run is {@code while (!finished()) step(n, stop)}. Its {@link State} goes
 * from taking frames, to draining the encoder (the input is all in), to finished. Not thread-safe:
 * one thread at a time, though any thread; only {@link #truncate} and the counters are for others.
 *
 * <p>With a filter chain, the chunk's input runs its own {@link ChunkFilter}; the encoder's size is
 * the chain's output size.
 */
public final class ChunkEncoder implements AutoCloseable {
  /** Where a chunk's run stands; it only moves forward. */
  private enum State {
    /** Frames go to the encoder; a split may still move the chunk's end. */
    TAKING,
    /** The input is all in (the chunk met its end): the encoder is drained a step at a time. */
    DRAINING,
    /** The segment's trailer is written. */
    FINISHED
  }

  private final Path source;
  private final int videoIndex;
  /** The chunk's current extent: a split (see {@link #truncate}) moves its end earlier. */
  private volatile Chunk chunk;
  private final EncodeSettings settings;
  private final Path segment;
  private final ReadFrom readFrom;
  private final FilterSetup filters;

  /** Guards the chunk's end against a split while a frame is being taken: the state's leaving TAKING and takenPts. */
  private final Object endLock = new Object();
  private volatile State state = State.TAKING;
  /** Source time of the last frame handed to the encoder; guarded by endLock. */
  private long takenPts = Long.MIN_VALUE;

  private ChunkInput input;
  /** Kept after {@link #close}: its counters stay readable. */
  private volatile SegmentWriter writer;

  private volatile int framesEncoded;
  private long[] encodedPts = new long[64];
  /**
   * Time the first read took: it decodes (and drops) the frames from the chunk's keyframe to its
   * first frame. The reads after it, and how long they took: one frame decoded each.
   */
  private volatile long firstReadNanos;
  private volatile long readNanos;
  private volatile int reads;

  /**
   * @param readFrom how to reach the chunk's first frame: seeking to its keyframe, or (slower, on a
   *     retry when a seek landed wrong) decoding from the start of the file
   * @param filters the job's filter chain, or null for none; this chunk starts its own run of it
   *     (a temporal filter starts fresh at the chunk's first frame)
   */
  public ChunkEncoder(Path source, int videoIndex, Chunk chunk, EncodeSettings settings, Path segment, ReadFrom readFrom,
      FilterSetup filters) {
    this.source = source;
    this.videoIndex = videoIndex;
    this.chunk = chunk;
    this.settings = settings;
    this.segment = segment;
    this.readFrom = readFrom;
    this.filters = filters == null || filters.chain().isEmpty() ? null : filters;
  }

  /** Opens the chunk's input at its first frame (with the chunk's filters) and the segment's encoder. */
  public void open() {
    input = ChunkInput.open(source, videoIndex, chunk, settings, readFrom, filters);
    writer = new SegmentWriter(segment, chunk.index(), input.settings(), input.stream(), input.encodedSize(),
        input.sampleAspectRatio());
  }

  /**
   * Encodes up to {@code maxFrames} more frames of the chunk (fewer at its end), or drains up to as
   * many from the encoder once the input is all in; returns early, after the frame in hand, as soon
   * as {@code stop} says so: a cancelled job does not wait for the rest of a step.
   *
   * @return frames encoded by this call
   */
  public int step(int maxFrames, BooleanSupplier stop) {
    if (stop.getAsBoolean()) {
      return 0;
    }
    return switch (state) {
      case TAKING -> takeFrames(maxFrames, stop);
      case DRAINING -> {
        drain(maxFrames);
        yield 0;
      }
      case FINISHED -> 0;
    };
  }

  private int takeFrames(int maxFrames, BooleanSupplier stop) {
    int before = framesEncoded;
    while (state == State.TAKING && framesEncoded - before < maxFrames && !stop.getAsBoolean()) {
      if (framesEncoded > before && allTaken()) {
        break; // every frame taken: the caller hears of it before the encoder drains (see allTaken)
      }
      if (!read()) {
        endInput(); // the end of the stream
        break;
      }
      take(input.pts());
    }
    return framesEncoded - before;
  }

  /** Reads the next picture, timed (see {@link #decodeNanosPerFrame}); false at the end of the stream. */
  private boolean read() {
    long t0 = System.nanoTime();
    boolean more = input.next();
    long took = System.nanoTime() - t0;
    if (firstReadNanos == 0) {
      firstReadNanos = Math.max(1, took);
    } else {
      readNanos += took;
      reads++;
    }
    return more;
  }

  /**
   * Nanoseconds it took to decode one source frame, on average, over this chunk's reads after its
   * first; NaN before a second read. A split's new chunk pays this for every frame it decodes
   * before its start.
   */
  public double decodeNanosPerFrame() {
    int n = reads;
    return n == 0 ? Double.NaN : readNanos / (double) n;
  }

  /** How long the chunk's first read took: the frames before its first decoded and dropped, and the first (0 before it). */
  public long firstReadNanos() {
    return firstReadNanos;
  }

  /** Encodes the input's picture, presented at {@code pts} (the input has skipped what precedes the chunk). */
  private void take(long pts) {
    if (!claim(pts)) {
      writer.endInput(); // the next chunk's first frame: this chunk is complete
      return;
    }
    if (framesEncoded == encodedPts.length) {
      encodedPts = Arrays.copyOf(encodedPts, framesEncoded * 2);
    }
    encodedPts[framesEncoded] = pts;
    writer.send(input.picture());
    framesEncoded++;
    writer.writeReady();
  }

  /**
   * Whether the frame at {@code pts} is the chunk's, against its end as it stands. If not, the
   * chunk's input ends here, in the same hold of the end lock, so that no split can move its end.
   */
  private boolean claim(long pts) {
    synchronized (endLock) {
      if (pts >= chunk.endPts()) {
        state = State.DRAINING;
        return false;
      }
      takenPts = pts;
      return true;
    }
  }

  /**
   * Tells the encoder that the chunk's frames are all in; from here on no split can move the end.
   * An encoder with lookahead still holds dozens of frames then; {@link #step} drains them a few at
   * a time, so that the caller keeps control (and can hear how far the chunk is) meanwhile.
   */
  private void endInput() {
    synchronized (endLock) {
      state = State.DRAINING;
    }
    writer.endInput();
  }

  /** Drains up to {@code max} frames of the encoder; writes the trailer after the last. */
  private void drain(int max) {
    for (int i = 0; i < max; i++) {
      if (!writer.writeNext()) {
        writer.writeTrailer();
        state = State.FINISHED;
        return;
      }
    }
  }

  /** Whether the encoder has taken every frame of the chunk; what is left is draining it. */
  public boolean allTaken() {
    return framesEncoded >= chunk.frameCount();
  }

  public boolean finished() {
    return state == State.FINISHED;
  }

  public int framesEncoded() {
    return framesEncoded;
  }

  /**
   * Frames the encoder has finished (written to the segment). An encoder with lookahead holds
   * dozens of frames it has taken before it puts them out: the work still to do on a chunk is its
   * frames less these, of which only the frames not yet {@linkplain #framesEncoded taken} can go to
   * another chunk.
   */
  public int framesWritten() {
    SegmentWriter w = writer;
    return w == null ? 0 : w.packetsWritten();
  }

  /**
   * Frames done, as a progress figure counts them: put out by the encoder, never more than it has
   * taken. It reaches the chunk's frames only as the encoder drains its last.
   */
  public int framesDone() {
    return Math.min(framesWritten(), framesEncoded);
  }

  public long bytes() {
    SegmentWriter w = writer;
    return w == null ? 0 : w.bytes();
  }

  /** Pictures the decoder could not decode, plus frames dropped for a missing, repeated or reordered time. */
  public int decodeErrors() {
    return input == null ? 0 : input.decodeErrors();
  }

  /** Source presentation times of the frames encoded so far, in order. */
  public long[] encodedPts() {
    return Arrays.copyOf(encodedPts, framesEncoded);
  }

  /** The chunk as it stands now: shorter than planned after a {@link #truncate split}. */
  public Chunk chunk() {
    return chunk;
  }

  /**
   * Moves the chunk's end earlier, to the frame at index {@code atFrame} presented at {@code atPts},
   * while the chunk runs on another thread: it then stops before that frame, and the frames from it
   * to the old end become another chunk's. Refused (null) when the encoder has already taken a
   * frame at or after {@code atPts}, or has all its input; otherwise {@code beforeApply} runs first
   * (to save the split where a resume finds it) while the encoder waits, and the shortened chunk is
   * returned.
   */
  public Chunk truncate(int atFrame, long atPts, Runnable beforeApply) {
    synchronized (endLock) {
      Chunk c = chunk;
      if (state != State.TAKING || atPts <= takenPts || atFrame <= c.firstFrame() || atFrame >= c.firstFrame() + c.frameCount()
          || atPts <= c.startPts() || atPts >= c.endPts()) {
        return null;
      }
      beforeApply.run();
      chunk = c.endingAt(atFrame, atPts);
      return chunk;
    }
  }

  /**
   * Throws when the finished segment does not hold exactly the planned frames, unless {@code
   * acceptDamage} and the difference comes from pictures the decoder reported as damaged: then the
   * segment keeps the frames that could be decoded, and {@link #encodedPts()} says which.
   */
  public void checkFrameCount(boolean acceptDamage) {
    int taken = framesEncoded;
    boolean complete = taken == chunk.frameCount() || (acceptDamage && decodeErrors() > 0 && taken > 0);
    if (!finished() || !complete) {
      throw new ChunkMismatchException(chunk.index(), chunk.frameCount(), taken);
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
    if (input != null) {
      input.close();
      input = null;
    }
  }
}
