package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.source.PictureSources;

/**
 * A chunk's pictures as its encoder is given them: read from the source (a video's decoder, an
 * image sequence's reader with its colour conversion) from the chunk's first frame, tone-mapped and
 * filtered as asked, at the output's depth. The chunk's final encode and its target-quality probes
 * both read it, so that a probe encodes exactly the pictures the final encode will. Not
 * thread-safe.
 */
public final class ChunkInput implements AutoCloseable {
  private final PictureSource source;
  private final AVStream stream;
  private final FrameSize decoded;
  /** The pixel shape of the encoder's pictures: the source's, as the filters leave it. */
  private Rational sampleAspectRatio;
  private final int sourceDepth;
  private final EncodeSettings settings;
  private ChunkToneMap toneMap;
  private ChunkFilter filter;

  /** Reads the stream of {@code source} (which has reached the chunk's start) and settles the picture format for it. */
  private ChunkInput(PictureSource source, EncodeSettings asked) {
    this.source = source;
    stream = source.stream(); // read before the first picture: a late seek may reopen the file
    AVCodecParameters par = stream.codecpar();
    decoded = EncodedPicture.size(par.width(), par.height());
    sourceDepth = Ffmpeg.bitDepth(par.format());
    // Settled by the job for every chunk alike; a chunk run on its own settles it from its stream.
    settings = asked.withPicture(asked.picture().resolve(asked.codec(), sourceDepth, null,
        par.color_trc() == AVCOL_TRC_SMPTE2084));
  }

  /**
   * Opens {@code source} (a video file or an image sequence's manifest) at {@code chunk}'s first
   * frame, with the chunk's own tone map and run of {@code filters} (null for none).
   *
   * @param readFrom how to reach the chunk's first frame (see {@link ReadFrom})
   */
  public static ChunkInput open(Path source, int videoIndex, Chunk chunk, EncodeSettings settings, ReadFrom readFrom,
      FilterSetup filters) {
    PictureSource decoder = PictureSources.open(source, DecoderOptions.defaults().withStream(videoIndex).withThreads(1)
        .withSideAlpha(settings.picture().alphaOver() != null));
    ChunkInput input = null;
    try {
      decoder.startAt(new FrameStart(chunk.firstFrame(), chunk.startPts(), chunk.seekPts()), readFrom);
      input = new ChunkInput(decoder, settings);
      input.prepare(chunk.frameCount(), filters == null || filters.chain().isEmpty() ? null : filters);
      return input;
    } catch (RuntimeException e) {
      if (input != null) {
        input.close(); // its tone map, if made, and the decoder
      } else {
        decoder.close();
      }
      throw e;
    }
  }

  private void prepare(int frames, FilterSetup filters) {
    PictureFormat picture = settings.picture();
    // A tone map reads the source's 10 bits and writes 8. Filters run at 10 bits for a deeper
    // source even when the output is 8-bit (ChunkFilter dithers after them, and says why).
    int filterDepth = picture.toneMap() == null && sourceDepth > 8 ? 10 : picture.depth();
    source.convertTo(decoded.width(), decoded.height(),
        picture.toneMap() != null ? 10 : filters != null ? filterDepth : picture.depth());
    if (picture.alphaOver() != null) {
      source.compositeOver(picture.alphaOver()); // a video's --alpha-over
    }
    toneMap = ChunkToneMap.of(picture, frames);
    sampleAspectRatio = Ffmpeg.sampleAspectRatio(stream);
    if (filters != null) {
      filter = new ChunkFilter(filters, decoded, filterDepth, picture.depth());
      sampleAspectRatio = filters.chain().sampleAspectRatio(sampleAspectRatio, decoded);
    }
  }

  /** Reads the next source picture; false at the end of the source. */
  public boolean next() {
    return source.next();
  }

  /** The current picture's presentation time, in the stream's time base. */
  public long pts() {
    return source.pts();
  }

  /**
   * The current picture as the encoder takes it (tone-mapped and filtered only now, so that a
   * picture past the chunk's end costs no filtering): yuv420p, or yuv420p10le for a 10-bit output,
   * its pts set and no picture type (the source's keyframes are not forced on the encoder). Valid
   * until the next call.
   */
  public AVFrame picture() {
    AVFrame f = source.picture();
    AVFrame sdr = toneMap == null ? f : toneMap.apply(f);
    AVFrame out = filter == null ? sdr : filter.apply(sdr);
    out.pts(source.pts());
    out.pict_type(AV_PICTURE_TYPE_NONE);
    return out;
  }

  /** The stream the pictures are of: its time base and colours go to the encoder. */
  public AVStream stream() {
    return stream;
  }

  /** The size the source's pictures are read at, before the filters. */
  public FrameSize decodedSize() {
    return decoded;
  }

  /** The size of the pictures the encoder is given: the filters' output size. */
  public FrameSize encodedSize() {
    return filter == null ? decoded : filter.outputSize();
  }

  /**
   * The pixel shape of the pictures the encoder is given: the source's, changed only by a scale
   * that changes the width and height by different factors (a crop keeps it).
   */
  public Rational sampleAspectRatio() {
    return sampleAspectRatio;
  }

  /** The settings asked for, with the picture format settled for this source. */
  public EncodeSettings settings() {
    return settings;
  }

  /** Pictures the source could not decode, plus frames dropped for a missing, repeated or reordered time. */
  public int decodeErrors() {
    return source.decodeErrors();
  }

  @Override
  public void close() {
    toneMap = Ffmpeg.free(toneMap, ChunkToneMap::close);
    if (filter != null) {
      filter.close();
      filter = null;
    }
    source.close();
  }
}
