package org.framefork.app.preview;

import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.framefork.app.AppLog;
import org.framefork.encoder.media.Ffmpeg;

/**
 * Decodes the first frame of a chunk, small, on its own thread: a decoder of its own (the engine's
 * workers are not disturbed), at most one decode every {@link #MIN_INTERVAL_MS} ms, and only the
 * latest request is served, so a burst of chunk starts costs one decode.
 */
final class ChunkThumbnailer {
  static final long MIN_INTERVAL_MS = 400;

  /** A thumbnail for chunk {@code chunk} of {@code input}, decoded at {@code seconds} from its start. */
  record Request(long job, Path input, double seconds, int chunk, int worker, int width, int height) {}

  record Thumbnail(Request request, BufferedImage image) {}

  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "framefork-preview");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY); // background work, like the encode: the UI thread comes first
    return t;
  });
  private final Object lock = new Object();
  private Request pending; // guarded by lock
  private boolean scheduled; // guarded by lock
  private long lastDecodeAt; // preview thread only
  private Path failedInput; // preview thread only: one log line per input that cannot be previewed

  /** Asks for a thumbnail; {@code onDone} gets it on the EDT. */
  void request(Request r, Consumer<Thumbnail> onDone) {
    synchronized (lock) {
      pending = r;
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    thread.execute(() -> serve(onDone));
  }

  private void serve(Consumer<Thumbnail> onDone) {
    long wait = lastDecodeAt + MIN_INTERVAL_MS * 1_000_000L - System.nanoTime();
    if (wait > 0) {
      thread.schedule(() -> serve(onDone), wait, TimeUnit.NANOSECONDS);
      return;
    }
    Request r;
    synchronized (lock) {
      r = pending;
      pending = null;
      scheduled = false;
    }
    if (r == null) {
      return;
    }
    lastDecodeAt = System.nanoTime();
    BufferedImage image = decode(r);
    if (image != null) {
      Thumbnail t = new Thumbnail(r, image);
      EventQueue.invokeLater(() -> onDone.accept(t));
    }
  }

  private BufferedImage decode(Request r) {
    Ffmpeg.init();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(org.framefork.encoder.media.Ffmpeg.url(r.input()));
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      // FFmpeg scales while converting, so the small picture costs no full-size copy.
      grabber.setImageWidth(r.width());
      grabber.setImageHeight(r.height());
      // One decoder thread: a single picture does not need FFmpeg's per-core threads beside the encode.
      grabber.setVideoOption("threads", "1");
      grabber.start();
      if (r.seconds() > 0) {
        grabber.setVideoTimestamp((long) (r.seconds() * 1_000_000));
      }
      Frame frame = grabber.grabImage();
      if (frame == null) {
        return null;
      }
      BufferedImage shared = converter.convert(frame);
      // The converter reuses its image; the EDT gets a copy of its own.
      BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = copy.createGraphics();
      g.drawImage(shared, 0, 0, null);
      g.dispose();
      return copy;
    } catch (Exception | LinkageError e) {
      if (!r.input().equals(failedInput)) {
        failedInput = r.input();
        AppLog.warn("no preview for " + r.input() + ": " + e.getMessage());
      }
      return null;
    }
  }

  void shutdown() {
    thread.shutdownNow();
  }
}
