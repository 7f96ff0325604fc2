package org.framefork.encoder.source;

import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.Ffmpeg;
import org.framefork.encoder.media.FrameStart;
import org.framefork.encoder.media.PictureConverter;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.ReadFrom;
import org.framefork.encoder.probe.InputException;

/**
 * Reads an image sequence's frames, from any frame on (every frame is a keyframe: no seeking, no
 * frames decoded in vain), each picture made yuv420p by the same {@link PictureConverter} as a
 * video's (RGB through FrameFork's colour kernels). A held frame (a gap) repeats the picture
 * before it without decoding it again. Not thread-safe.
 */
public final class ImageSequenceDecoder implements PictureSource {
  private final ImageSequence sequence;
  private final Background alphaOver;
  private ImageDecoder images;
  private PictureConverter converter;
  private AVFormatContext description;
  private int width;
  private int height;
  private int depth = 8;
  private int nextFrame;
  private long pts = -1;
  private Path decodedFile;
  private AVFrame picture;

  public ImageSequenceDecoder(ImageSequence sequence, DecoderOptions options, Background alphaOver) {
    this.sequence = sequence;
    this.alphaOver = alphaOver;
    this.width = options.width() > 0 ? options.width() : sequence.width();
    this.height = options.height() > 0 ? options.height() : sequence.height();
    images = new ImageDecoder(ImageDecoder.formatOf(sequence.frames().getFirst()));
  }

  @Override
  public void startAt(FrameStart start, ReadFrom readFrom) {
    nextFrame = start.frame();
  }

  /** The sequence as a stream: its rate, size, the first image's pixel format; made on first use. */
  @Override
  public AVStream stream() {
    if (description == null) {
      Ffmpeg.init();
      description = avformat_alloc_context();
      AVStream st = avformat_new_stream(description, null);
      st.time_base(Ffmpeg.rational(sequence.timeBase()));
      st.avg_frame_rate(Ffmpeg.rational(sequence.rate()));
      st.r_frame_rate(Ffmpeg.rational(sequence.rate()));
      st.codecpar().codec_type(AVMEDIA_TYPE_VIDEO);
      st.codecpar().codec_id(ImageDecoder.CODECS.get(images.extension()));
      st.codecpar().width(sequence.width());
      st.codecpar().height(sequence.height());
      st.codecpar().format(av_get_pix_fmt(sequence.pixelFormat()));
      ImageColours.of(sequence).describe(st.codecpar());
    }
    return description.streams(0);
  }

  @Override
  public void convertTo(int width, int height, int depth) {
    this.width = width;
    this.height = height;
    this.depth = depth;
  }

  @Override
  public boolean next() {
    if (nextFrame >= sequence.frameCount()) {
      return false;
    }
    Path file = sequence.frames().get(nextFrame);
    if (!file.equals(decodedFile)) {
      AVFrame f = images.decode(file);
      if (f.width() != sequence.width() || f.height() != sequence.height()) {
        throw new InputException(file + ": is " + f.width() + "x" + f.height()
            + ", but the sequence's images are " + sequence.width() + "x" + sequence.height()
            + "; every image of a sequence must have one size");
      }
      if (converter == null) {
        converter = new PictureConverter(width, height, depth, alphaOver,
            ImageHeader.premultipliedAlpha(sequence.frames().get(0), sequence.codec()));
      }
      picture = converter.toEncoded(f);
      decodedFile = file;
    }
    pts = nextFrame++;
    return true;
  }

  @Override
  public AVFrame picture() {
    return picture;
  }

  @Override
  public long pts() {
    return pts;
  }

  @Override
  public int decodeErrors() {
    return 0;
  }

  @Override
  public void close() {
    images = Ffmpeg.free(images, ImageDecoder::close);
    converter = Ffmpeg.free(converter, PictureConverter::close);
    description = Ffmpeg.free(description, ctx -> avformat_free_context(ctx));
  }
}
