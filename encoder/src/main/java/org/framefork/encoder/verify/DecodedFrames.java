package org.framefork.encoder.verify;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.YuvFrame16;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.VideoDecoder;

/**
 * A decoder on a thread of its own that copies its pictures into a small ring of heap frames, so
 * that decoding overlaps with whatever measures the frames. The frames are made once (the ring is
 * {@value #DEPTH} deep) and handed back with {@link #release}; nothing is allocated per frame.
 * The frames are {@link YuvFrame}s of 8-bit pictures or {@link YuvFrame16}s of 10-bit ones, as
 * the {@link Copier} makes them.
 */
final class DecodedFrames<F> implements AutoCloseable {
  static final int DEPTH = 4;
  /** Put in the queue after the last frame (and after a failure, which {@link #take} then throws). */
  private static final Object END = new Object();

  /**
   * How a decoder's picture becomes a heap frame: {@code allocateLike} once per ring slot,
   * {@code copyIn} per picture.
   */
  record Copier<F>(Function<AVFrame, F> allocator, BiConsumer<AVFrame, F> copier) {
    F allocateLike(AVFrame picture) {
      return allocator.apply(picture);
    }

    void copyIn(AVFrame picture, F frame) {
      copier.accept(picture, frame);
    }
  }

  static final Copier<YuvFrame> EIGHT_BIT = new Copier<>(FramePlanes::allocateLike, FramePlanes::copyIn);

  static final Copier<YuvFrame16> TEN_BIT = new Copier<>(FramePlanes::allocateLike16, FramePlanes::copyIn16);

  private final VideoDecoder decoder;
  private final Copier<F> copier;
  private final BlockingQueue<Object> filled = new ArrayBlockingQueue<>(DEPTH + 1);
  private final BlockingQueue<F> free = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile RuntimeException failure;
  private volatile boolean closed;
  private long count;

  DecodedFrames(VideoDecoder decoder, Copier<F> copier, String name) {
    this.decoder = decoder;
    this.copier = copier;
    thread = new Thread(this::run, "framefork-decode-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    int made = 0;
    try {
      while (!closed && decoder.next()) {
        F f = free.poll();
        if (f == null && made < DEPTH) {
          f = copier.allocateLike(decoder.picture());
          made++;
        } else if (f == null) {
          f = free.take();
        }
        copier.copyIn(decoder.picture(), f);
        filled.put(f);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      filled.offer(END);
    }
  }

  /** The next frame, or null at the end; hand it back with {@link #release} when done with it. */
  @SuppressWarnings("unchecked") // everything in the queue but END is an F
  F take() {
    try {
      Object f = filled.take();
      if (f == END) {
        filled.offer(END); // later calls see the end too
        if (failure != null) {
          throw failure instanceof MediaException m ? new MediaException(m.getMessage()) : failure;
        }
        return null;
      }
      count++;
      return (F) f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  void release(F f) {
    free.offer(f);
  }

  /** Hands back {@code taken} (if any) and takes the frames left, only to count them. */
  void skipRest(F taken) {
    for (F f = taken; f != null; f = take()) {
      release(f);
    }
  }

  /** Frames taken so far. */
  long count() {
    return count;
  }

  /** Stops the thread (draining what it had made) and closes the decoder. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    decoder.close();
  }
}
