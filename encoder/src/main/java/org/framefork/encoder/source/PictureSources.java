package org.framefork.encoder.source;

import java.nio.file.Path;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.VideoDecoder;

/** Opens the reader of a job's source: a video file's decoder, or an image sequence's (named by its {@link SequenceManifest}). */
public final class PictureSources {
  private PictureSources() {}

  public static PictureSource open(Path source, DecoderOptions options) {
    if (SequenceManifest.is(source)) {
      SequenceManifest.Read m = SequenceManifest.read(source);
      return new ImageSequenceDecoder(m.sequence(), options, m.alphaOver());
    }
    return new VideoDecoder(source, options);
  }
}
