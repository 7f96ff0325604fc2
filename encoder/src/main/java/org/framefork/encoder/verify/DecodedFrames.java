package org.framefork.encoder.verify;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.MediaException;
import org.framefork.encoder.media.VideoDecoder;

/**
 * A decoder on a thread of its own that copies its pictures into a small ring of heap frames, so
 * that decoding overlaps with whatever measures the frames. The frames are made once (the ring is
 * {@value #DEPTH} deep) and handed back with {@link #release}; nothing is allocated per frame.
 */
final class DecodedFrames implements AutoCloseable {
  static final int DEPTH = 4;
  /** Put in the queue after the last frame (and after a failure, which {@link #take} then throws). */
  private static final YuvFrame END = YuvFrame.allocate(1, 1);

  private final VideoDecoder decoder;
  private final BlockingQueue<YuvFrame> filled = new ArrayBlockingQueue<>(DEPTH + 1);
  private final BlockingQueue<YuvFrame> free = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile RuntimeException failure;
  private volatile boolean closed;
  private long count;

  DecodedFrames(VideoDecoder decoder, String name) {
    this.decoder = decoder;
    thread = new Thread(this::run, "framefork-decode-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    int made = 0;
    try {
      while (!closed && decoder.next()) {
        YuvFrame f = free.poll();
        if (f == null && made < DEPTH) {
          f = FramePlanes.allocateLike(decoder.picture());
          made++;
        } else if (f == null) {
          f = free.take();
        }
        FramePlanes.copyIn(decoder.picture(), f);
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
  YuvFrame take() {
    try {
      YuvFrame f = filled.take();
      if (f == END) {
        filled.offer(END); // later calls see the end too
        if (failure != null) {
          throw failure instanceof MediaException m ? new MediaException(m.getMessage()) : failure;
        }
        return null;
      }
      count++;
      return f;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  void release(YuvFrame f) {
    free.offer(f);
  }

  /** Hands back {@code taken} (if any) and takes the frames left, only to count them. */
  void skipRest(YuvFrame taken) {
    for (YuvFrame f = taken; f != null; f = take()) {
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
