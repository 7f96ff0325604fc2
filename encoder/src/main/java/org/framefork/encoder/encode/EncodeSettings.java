package org.framefork.encoder.encode;

/**
 * How each chunk's video is encoded.
 *
 * @param crf constant rate factor (quality; lower is better and bigger): a whole number, or for
 *     codecs that {@linkplain VideoCodec#takesFractionalCrf take one} a fraction such as 23.5
 * @param preset speed preset: x264's names (ultrafast … veryslow) for every codec, or the codec's own
 *     number for VP9 (cpu-used 0–8) and AV1 (SVT-AV1 preset 0–13)
 * @param codecThreads threads inside each chunk's encoder; 1 by default, so the parallelism comes
 *     from chunks and the codec's own threads do not oversubscribe the cores
 * @param picture the pictures' depth and HDR metadata: what was asked, until the job settles it
 *     for its source (see {@link PictureFormat#resolve})
 */
public record EncodeSettings(VideoCodec codec, double crf, String preset, int codecThreads, PictureFormat picture) {
  public EncodeSettings(VideoCodec codec, double crf, String preset, int codecThreads) {
    this(codec, crf, preset, codecThreads, PictureFormat.FROM_SOURCE);
  }

  public EncodeSettings {
    crf += 0.0; // -0 (--crf=-0) is 0: saved and compared as 0, so a resume with --crf 0 matches
    if (!(crf >= 0 && crf <= codec.maxCrf())) {
      throw new IllegalArgumentException("CRF " + formatCrf(crf) + " is out of range for " + codec + "; use 0 to " + codec.maxCrf());
    }
    if (crf != Math.rint(crf) && !codec.takesFractionalCrf()) {
      throw new IllegalArgumentException("CRF " + formatCrf(crf) + ": " + codec + " takes a whole CRF; a fraction is for "
          + "h264 and h265 only");
    }
    if (codecThreads < 1) {
      throw new IllegalArgumentException("codec threads must be at least 1, not " + codecThreads);
    }
    Presets.validate(codec, preset);
    if (picture.depth() > codec.maxDepth()) {
      throw new IllegalArgumentException(codec + " writes " + codec.maxDepth() + "-bit pictures only in this build; use h265 or av1 "
          + "for " + picture.depth() + " bits, or drop --depth");
    }
  }

  /** These settings with {@code format} for the pictures. */
  public EncodeSettings withPicture(PictureFormat format) {
    return new EncodeSettings(codec, crf, preset, codecThreads, format);
  }

  /**
   * Whether the encoder does all of its work on the thread that feeds it: x264 and libvpx with one
   * codec thread (see {@link CodecOptions}); x265 keeps a thread pool and SVT-AV1 threads of its
   * own whatever it is given. Where true, that thread's CPU time is the encode's.
   */
  public boolean encodesOnCallingThread() {
    return (codec == VideoCodec.H264 || codec == VideoCodec.VP9) && codecThreads == 1;
  }

  /** The CRF as FFmpeg's options, the reports and the command line write it: "23", "23.5". */
  public static String formatCrf(double crf) {
    return Double.isFinite(crf) ? java.math.BigDecimal.valueOf(crf).stripTrailingZeros().toPlainString() : Double.toString(crf);
  }

  public static EncodeSettings defaults(VideoCodec codec) {
    return new EncodeSettings(codec, codec.defaultCrf(), codec.defaultPreset(), 1);
  }

  public static EncodeSettings defaults() {
    return defaults(VideoCodec.H264);
  }
}
