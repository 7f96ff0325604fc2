package org.framefork.encoder.source;

import java.nio.file.Path;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.VideoDecoder;

/** Opens the reader of a job's source: a video file's decoder, or an image sequence's. */
public final class PictureSources {
  private PictureSources() {}

  /** The reader of a chunk's source: a video file, or the {@link SequenceManifest} that names a sequence. */
  public static PictureSource open(Path source, DecoderOptions options) {
    if (SequenceManifest.is(source)) {
      SequenceManifest.Read m = SequenceManifest.read(source);
      return open(m.sequence(), m.alphaOver(), source, options);
    }
    return open(null, null, source, options);
  }

  /**
   * The reader of a probed source, before the job writes its manifest ({@code crop=auto}'s search
   * reads it then): the same reader the chunks will open, its pictures (an image sequence's or a
   * video's) composited over {@code alphaOver} (null: alpha dropped).
   */
  public static PictureSource open(ProbedSource source, Background alphaOver, DecoderOptions options) {
    PictureSource reader = open(source.sequence(), alphaOver, source.media().path(), options.withSideAlpha(alphaOver != null));
    if (source.sequence() == null && alphaOver != null) {
      reader.compositeOver(alphaOver); // as the chunks' encode settings tell theirs (see ChunkInput)
    }
    return reader;
  }

  private static PictureSource open(ImageSequence sequence, Background alphaOver, Path video, DecoderOptions options) {
    return sequence == null ? new VideoDecoder(video, options) : new ImageSequenceDecoder(sequence, options, alphaOver);
  }
}
