package org.framefork.encoder.media;

/**
 * How a {@link VideoDecoder} reads: which stream, with how many threads, at what size and how
 * exactly. Start from {@link #defaults()} and name what differs, as in {@code
 * DecoderOptions.defaults().withStream(i).withThreads(1)}.
 *
 * @param streamIndex the video stream, or {@link #FIRST_VIDEO_STREAM}
 * @param threads decoder threads, or {@link #ONE_THREAD_PER_CORE} to let FFmpeg choose
 * @param width width of the pictures handed out; 0 (with {@code height} 0) keeps the stream's
 * @param height height of the pictures handed out; 0 keeps the stream's
 * @param depth bits per sample of the pictures handed out: 8 (yuv420p) or 10 (yuv420p10le)
 * @param sideAlpha whether a WebM VP8/VP9 stream's alpha ({@code alpha_mode} 1: side data, which
 *     FFmpeg's native decoders ignore) is decoded, by libvpx's decoder, into yuva420p pictures
 */
public record DecoderOptions(int streamIndex, int threads, int width, int height, Accuracy accuracy, int depth,
    boolean sideAlpha) {
  /** The first video stream that is not a cover picture. */
  public static final int FIRST_VIDEO_STREAM = -1;
  /** FFmpeg's choice: one decoder thread per core. */
  public static final int ONE_THREAD_PER_CORE = 0;

  public DecoderOptions {
    if (depth != 8 && depth != 10) {
      throw new IllegalArgumentException("pictures of " + depth + " bits; FrameFork hands out 8 or 10");
    }
  }

  /** How faithfully the pictures are decoded. */
  public enum Accuracy {
    /** The pictures as the stream defines them: what is encoded or measured. */
    EXACT,
    /** Skips the in-loop deblocking filter: faster, a little blockier; for analysis only. */
    FAST
  }

  /** The first video stream, at its own size, exactly, with FFmpeg's choice of threads. */
  public static DecoderOptions defaults() {
    return new DecoderOptions(FIRST_VIDEO_STREAM, ONE_THREAD_PER_CORE, 0, 0, Accuracy.EXACT, 8, false);
  }

  public DecoderOptions withStream(int index) {
    return new DecoderOptions(index, threads, width, height, accuracy, depth, sideAlpha);
  }

  public DecoderOptions withThreads(int count) {
    return new DecoderOptions(streamIndex, count, width, height, accuracy, depth, sideAlpha);
  }

  /** Pictures scaled to {@code width x height}. */
  public DecoderOptions withSize(int width, int height) {
    return new DecoderOptions(streamIndex, threads, width, height, accuracy, depth, sideAlpha);
  }

  public DecoderOptions withAccuracy(Accuracy accuracy) {
    return new DecoderOptions(streamIndex, threads, width, height, accuracy, depth, sideAlpha);
  }

  /** Pictures of {@code bits} per sample: 10 keeps a 10-bit source's; 8 from 10 is dithered. */
  public DecoderOptions withDepth(int bits) {
    return new DecoderOptions(streamIndex, threads, width, height, accuracy, bits, sideAlpha);
  }

  /** A WebM VP8/VP9 stream's alpha decoded (by libvpx) where {@code alpha} and the stream has one; see {@link #sideAlpha}. */
  public DecoderOptions withSideAlpha(boolean alpha) {
    return new DecoderOptions(streamIndex, threads, width, height, accuracy, depth, alpha);
  }
}
