package org.framefork.app.preview;

import java.awt.EventQueue;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.framefork.app.AppLog;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.encode.ChunkToneMap;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.filter.Filter;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FilterRun;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.encode.filter.ScaleFilter;
import org.framefork.encoder.kernels.Kernels;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.PixelLayout;
import org.framefork.encoder.kernels.Plane;
import org.framefork.encoder.kernels.YuvFrame;
import org.framefork.encoder.kernels.colour.ColourMatrix;
import org.framefork.encoder.kernels.colour.ColourRange;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FramePlanes;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.source.ImageSequenceDecoder;
import org.framefork.encoder.source.PictureSources;
import org.framefork.encoder.source.SequenceManifest;

/**
 * Decodes the first frame of a chunk, small, as the output will show it, on its own thread: through the engine's own decode
 * loop ({@link VideoDecoder}, or an image sequence's reader, as {@link PictureSources} opens them)
 * from the chunk's frame exactly, as the chunk's encoder reads it, with
 * the same recovery when the file's index names a keyframe that does not decode on its own (the
 * seek that lands late steps back; a read that still goes wrong is done again from the start of the
 * file), run through the job's filters ({@link FilterRun}, the engine's kernels, on the picture as stored, as
 * the chunk's encoder runs them, after the engine's tone map where the job has one), scaled by the engine's scale filter, turned into RGB by FrameFork's colour
 * kernels, then turned and mirrored as a player shows the source (the output keeps its display
 * matrix). A decoder of its own (the engine's
 * workers are not disturbed), at most one decode every {@link #MIN_INTERVAL_MS} ms, and only the
 * latest request is served, so a burst of chunk starts costs one decode.
 */
final class ChunkThumbnailer {
  static final long MIN_INTERVAL_MS = 400;

  /**
   * A thumbnail of {@code width x height} for chunk {@code chunk} of {@code input}: frame {@code
   * frame} of its video stream, presented {@code seconds} from the start. {@code source} is what the
   * engine's chunk readers open: the video file itself, or for an image sequence the {@link
   * SequenceManifest} the job wrote in its work folder (the frames it encodes, whatever the folder
   * holds since). {@code filters} are the job's ({@code crop=auto} made its rectangle); the filtered
   * picture is scaled to fit in {@code width x height} in the shape players show the output in
   * ({@link #thumbnailSize}), as stored, before it is turned for display. {@code picture} is the
   * job's picture format as settled for the source (null: as the source is): a tone map in it is
   * the engine's, run before the filters as the chunks run it.
   */
  record Request(long job, Path input, Path source, VideoStream video, FrameIndex frames, int frame, double seconds, int chunk,
      int worker, int width, int height, FilterChain filters, PictureFormat picture) {
    /** A request for a job that keeps the source's range (no tone map). */
    Request(long job, Path input, Path source, VideoStream video, FrameIndex frames, int frame, double seconds, int chunk,
        int worker, int width, int height, FilterChain filters) {
      this(job, input, source, video, frames, frame, seconds, chunk, worker, width, height, filters, null);
    }

    /** Whether the job tone-maps the source (a PQ one) to SDR. */
    boolean toneMapped() {
      return picture != null && picture.toneMap() != null;
    }

    /** A request for a job without filters. */
    Request(long job, Path input, Path source, VideoStream video, FrameIndex frames, int frame, double seconds, int chunk,
        int worker, int width, int height) {
      this(job, input, source, video, frames, frame, seconds, chunk, worker, width, height, FilterChain.none());
    }
  }

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
  /**
   * The job's sequence manifest as read, kept: the job deletes it when it ends, maybe before its
   * last chunk's picture. This thumbnailer's own (preview thread only), as the job numbers that key
   * it are its panel's: a static one was shared by every panel, whose numbers meet.
   */
  private Manifest manifest;

  private record Manifest(long job, Path file, SequenceManifest.Read read) {}

  /**
   * The chain the last thumbnail ran (the job's filters and the scales to the thumbnail), prepared
   * once per job as the engine prepares it: an overlay's picture is read once, not on every chunk,
   * and a picture file changed since the job started does not change its preview. Preview thread only.
   */
  private Prepared prepared;

  private record Prepared(long job, List<Filter> chain, ColourMatrix matrix, ColourRange range, FilterSetup setup) {}

  /** Asks for a thumbnail; {@code onDone} gets it on the EDT. */
  void request(Request r, Consumer<Thumbnail> onDone) {
    synchronized (lock) {
      pending = r;
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    try {
      thread.execute(() -> serve(onDone));
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // The window is closing (shutdown): a chunk that ends meanwhile needs no picture.
    }
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
    try {
      // The chunk encoder's recovery: its first read seeks to the keyframe, a retry reads from the file's start.
      BufferedImage image = decode(r, ReadFrom.KEYFRAME);
      return image != null ? image : decode(r, ReadFrom.FILE_START);
    } catch (RuntimeException | LinkageError e) {
      if (!r.input().equals(failedInput)) {
        failedInput = r.input();
        AppLog.warn("no preview for " + r.input() + ": " + e.getMessage());
      }
      return null;
    }
  }

  /**
   * The request's frame read from {@code readFrom}, or null when that read went wrong: no picture
   * at the frame's time, or pictures the decoder reported as damaged on the way.
   */
  BufferedImage decode(Request r, ReadFrom readFrom) {
    FrameStart start = r.frames().startOf(r.frame());
    // One decoder thread: a single picture does not need FFmpeg's per-core threads beside the encode.
    DecoderOptions options = DecoderOptions.defaults().withStream(r.video().index()).withThreads(1);
    try (PictureSource decoder = open(r, options)) {
      int format = decoder.stream().codecpar().format();
      FrameSize stored = EncodedPicture.size(r.video().width(), r.video().height());
      FrameSize thumb = thumbnailSize(r, stored, Ffmpeg.sampleAspectRatio(decoder.stream()));
      // Without filters FFmpeg scales straight to the thumbnail; with them, or a tone map (which
      // reads the source's 10 bits), the chunk encoder's picture, at its size.
      FrameSize decoded = r.filters().isEmpty() && !r.toneMapped() ? thumb : stored;
      decoder.convertTo(decoded.width(), decoded.height(), r.toneMapped() ? 10 : 8);
      decoder.startAt(start, readFrom);
      if (!decoder.next() || decoder.pts() != start.pts() || (readFrom == ReadFrom.KEYFRAME && decoder.decodeErrors() > 0)) {
        return null;
      }
      YuvFrame yuv = heapPicture(r, decoder.picture(), decoded);
      // A tone map makes limited-range BT.709 pictures, which the engine's filters then run on.
      boolean full = !r.toneMapped() && decoder.picture().color_range() == org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
      ColourMatrix m = r.toneMapped() ? ColourMatrix.BT709 : matrix(r, format, decoded);
      YuvFrame shown = filtered(r, yuv, m, full, decoded, thumb);
      if (full) {
        toLimitedRange(shown);
      }
      return DisplayTurn.turned(rgb(shown, m), r.video().rotation(), r.video().mirrored());
    }
  }

  /**
   * The decoder's picture {@code f} on the heap: as decoded, or for a tone-mapped job mapped from
   * 10-bit PQ to 8-bit BT.709 SDR by the engine's own tone map ({@link ChunkToneMap}).
   */
  private static YuvFrame heapPicture(Request r, AVFrame f, FrameSize decoded) {
    YuvFrame yuv = YuvFrame.allocate(decoded.width(), decoded.height());
    if (!r.toneMapped()) {
      FramePlanes.copyIn(f, yuv);
      return yuv;
    }
    try (ChunkToneMap toneMap = ChunkToneMap.of(r.picture(), 1)) {
      FramePlanes.copyIn(toneMap.apply(f), yuv);
    }
    return yuv;
  }

  /**
   * The thumbnail's size, as stored (before its turn): the request's box, filled as far as the
   * output's shape on screen lets it. That shape is the filtered picture's size times its pixels'
   * shape, which the engine gives the output: the source's, changed by a scale that changes the width
   * and height by different factors ({@link FilterChain#sampleAspectRatio}). The thumbnail's pixels
   * are square, so a 640x480 picture scaled to 1280x720 is shown 4:3, as players show the output,
   * and an anamorphic 1440x1080 one (pixels 4:3) 16:9.
   */
  static FrameSize thumbnailSize(Request r, FrameSize stored, Rational sourceSar) {
    FrameSize out = r.filters().outputSize(stored);
    Rational sar = r.filters().sampleAspectRatio(sourceSar, stored);
    double shape = out.width() * (sar.isValid() ? sar.toDouble() : 1) / out.height();
    double w = r.width();
    double h = w / shape;
    if (h > r.height()) {
      h = r.height();
      w = h * shape;
    }
    return new FrameSize(Math.max(2, (int) Math.round(w) & ~1), Math.max(2, (int) Math.round(h) & ~1));
  }

  /**
   * {@code yuv} through the request's filters, then the engine's scale to the thumbnail's size: a
   * run of the job's chain with {@code scale} added, made for this one picture. The scale halves
   * the picture first while it is twice the thumbnail's size or more: the engine's bilinear scale
   * reads two pixels a side, so one step from 4K to a thumbnail would skip most of the picture's
   * pixels (jagged edges); a half is the mean of each two.
   */
  private YuvFrame filtered(Request r, YuvFrame yuv, ColourMatrix m, boolean full, FrameSize decoded, FrameSize thumb) {
    if (r.filters().isEmpty() && decoded.equals(thumb)) {
      return yuv;
    }
    List<Filter> chain = new ArrayList<>(r.filters().filters());
    FrameSize size = r.filters().outputSize(decoded);
    while (size.width() >= 2 * thumb.width() && size.height() >= 2 * thumb.height()) {
      size = new FrameSize(Math.max(2, size.width() / 2 & ~1), Math.max(2, size.height() / 2 & ~1));
      chain.add(new ScaleFilter(size.width(), size.height()));
    }
    chain.add(new ScaleFilter(thumb.width(), thumb.height()));
    ColourRange range = full ? ColourRange.FULL : ColourRange.LIMITED;
    Prepared p = prepared;
    if (p == null || p.job() != r.job() || !p.chain().equals(chain) || !p.matrix().equals(m) || !p.range().equals(range)) {
      p = new Prepared(r.job(), chain, m, range, FilterChain.of(chain).prepare(m, range));
      prepared = p;
    }
    FilterRun run = p.setup().start(decoded);
    return run.apply(yuv);
  }

  /**
   * Squeezes a full-range picture (a yuvj420p source's, kept in its range) into limited range, which
   * the colour kernels' YUV to RGB takes: read as limited, its blacks and whites would clip.
   */
  static void toLimitedRange(YuvFrame yuv) {
    squeeze(yuv.y(), true);
    squeeze(yuv.u(), false);
    squeeze(yuv.v(), false);
  }

  /** Luma 0-255 to 16-235, chroma 0-255 to 16-240 about 128, rounded. */
  private static void squeeze(Plane p, boolean luma) {
    for (int y = 0; y < p.height(); y++) {
      for (int x = 0; x < p.width(); x++) {
        int s = p.get(x, y);
        int v = luma ? 16 + Math.round(s * 219 / 255f) : 128 + Math.round((s - 128) * 224 / 255f);
        p.set(x, y, v);
      }
    }
  }

  /**
   * The reader the engine's chunk encoder would open for the request's source: a video file's
   * decoder, or an image sequence's reader from the job's manifest (read once per manifest).
   */
  private PictureSource open(Request r, DecoderOptions options) {
    if (!r.source().getFileName().toString().equals(SequenceManifest.FILE_NAME)) {
      return PictureSources.open(r.source(), options);
    }
    Manifest m = manifest;
    if (m == null || m.job() != r.job() || !m.file().equals(r.source())) {
      m = new Manifest(r.job(), r.source(), SequenceManifest.read(r.source()));
      manifest = m;
    }
    return new ImageSequenceDecoder(m.read().sequence(), options, m.read().alphaOver());
  }

  /**
   * The matrix of the picture as converted to the thumbnail's size: an RGB source (a PNG sequence,
   * an RGB video) becomes YUV by the matrix the conversion picks at that size, a YUV source keeps its own.
   */
  private static ColourMatrix matrix(Request r, int sourceFormat, FrameSize decoded) {
    return EncodedPicture.isRgbFormat(sourceFormat) ? PictureConverter.rgbMatrix(sourceFormat, decoded.width(), decoded.height())
        : FilterChain.matrixFor(r.video().colorSpace(), r.video().width(), r.video().height());
  }

  /** The picture in RGB, converted by the colour kernels in matrix {@code m}, straight into the image's pixels. */
  private static BufferedImage rgb(YuvFrame yuv, ColourMatrix m) {
    BufferedImage image = new BufferedImage(yuv.width(), yuv.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    PackedImage bgr = new PackedImage(pixels, 0, yuv.width(), yuv.height(), yuv.width() * 3, PixelLayout.BGR24);
    Kernels.get().colour().fromYuv420(yuv, bgr, m);
    return image;
  }

  void shutdown() {
    thread.shutdownNow();
  }
}
