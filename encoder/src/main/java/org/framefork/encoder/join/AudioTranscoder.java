package org.framefork.encoder.join;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;

import java.nio.Buffer;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.MediaException;

/**
 * Encodes one source audio stream to AAC or Opus in a Matroska file of its own, through JavaCV
 * (which resamples and sizes the codec's frames). The joiner then copies its packets, shifted to
 * the source stream's start.
 */
final class AudioTranscoder {
  private AudioTranscoder() {}

  /**
   * @param keepSeconds how much of the stream to encode, from its first decoded sample: an image
   *     sequence's audio file is cut at the video's end, to the sample, so that the encoded audio
   *     ends there and not at its last frame's end; infinite for all of it
   */
  static void transcode(Path source, int streamIndex, int codecId, Path target, double keepSeconds,
      BooleanSupplier cancelled) {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(Ffmpeg.url(source))) {
      grabber.setAudioStream(streamIndex);
      if (codecId == AV_CODEC_ID_OPUS) {
        // Opus codes at 48 kHz. The grabber resamples: the recorder's resampler, flushed after the
        // last short frame, would add one more frame, 20 ms of silence at the end.
        grabber.setSampleRate(48000);
      }
      grabber.start();
      int channels = Math.max(1, Math.min(grabber.getAudioChannels(), 8));
      int rate = grabber.getSampleRate();
      try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(Ffmpeg.url(target), channels)) {
        recorder.setFormat("matroska");
        recorder.setAudioCodec(codecId);
        recorder.setSampleRate(rate);
        recorder.setAudioBitrate(codecId == AV_CODEC_ID_OPUS ? 48_000 * channels : 64_000 * channels);
        recorder.start();
        long left = Double.isInfinite(keepSeconds) ? Long.MAX_VALUE : Math.max(1, Math.round(keepSeconds * rate));
        Frame f;
        while (left > 0 && (f = grabber.grabSamples()) != null) {
          if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
          }
          Buffer[] samples = first(f.samples, f.audioChannels, left);
          left -= samples.length > 1 || f.audioChannels <= 1 ? samples[0].remaining() : samples[0].remaining() / f.audioChannels;
          recorder.recordSamples(f.sampleRate, f.audioChannels, samples);
        }
        recorder.stop();
      }
      grabber.stop();
    } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
      throw new MediaException(source + ": audio stream " + streamIndex + " could not be encoded (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The first {@code count} samples of a frame's {@code samples}: one buffer of interleaved
   * channels, or one per channel (planar); the buffers themselves where they hold no more.
   */
  static Buffer[] first(Buffer[] samples, int channels, long count) {
    boolean interleaved = samples.length == 1 && channels > 1;
    // count is Long.MAX_VALUE where nothing is cut (a video's own audio): saturate, not overflow.
    long values = interleaved ? (count > Long.MAX_VALUE / channels ? Long.MAX_VALUE : count * channels) : count;
    if (samples[0].remaining() <= values) {
      return samples;
    }
    Buffer[] cut = new Buffer[samples.length];
    for (int i = 0; i < samples.length; i++) {
      cut[i] = samples[i].duplicate().limit(samples[i].position() + (int) values);
    }
    return cut;
  }
}
