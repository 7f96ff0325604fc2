package org.framefork.encoder.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.framefork.encoder.media.Background;
import org.framefork.encoder.media.DecoderOptions;
import org.framefork.encoder.media.PictureSource;
import org.framefork.encoder.media.VideoDecoder;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader of a probed source (what {@code crop=auto} reads before the job writes its manifest)
 * is the one the chunks open from the manifest or the video's path: same decoder, same pictures.
 */
class PictureSourcesTest {
  @TempDir Path dir;

  @Test
  void aProbedSequenceOpensAsItsManifestDoesWithItsBackground() {
    // Half-transparent images: the background they are composited over shows in their luma.
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=24,format=rgba,colorchannelmixer=aa=0.5",
        "-frames:v", "3", dir.resolve("f_%03d.png").toString());
    ProbedSource probed = ProbedSource.probe(dir.resolve("f_%03d.png"), SequenceOptions.defaults());
    Path manifest = dir.resolve(SequenceManifest.FILE_NAME);
    Background white = Background.parse("white");
    SequenceManifest.write(manifest, probed.sequence(), white);
    byte[] fromProbe = firstLuma(PictureSources.open(probed, white, DecoderOptions.defaults()), ImageSequenceDecoder.class);
    byte[] fromManifest = firstLuma(PictureSources.open(manifest, DecoderOptions.defaults()), ImageSequenceDecoder.class);
    assertArrayEquals(fromManifest, fromProbe, "the same pictures over the same background");
    byte[] overBlack = firstLuma(PictureSources.open(probed, Background.parse("black"), DecoderOptions.defaults()),
        ImageSequenceDecoder.class);
    assertTrue(overBlack[0] != fromProbe[0] || overBlack[100] != fromProbe[100], "the background is the one given");
  }

  @Test
  void aProbedVideoOpensAsItsPathDoes() {
    Path video = dir.resolve("v.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=24", "-frames:v", "3", "-c:v", "libx264", video.toString());
    ProbedSource probed = ProbedSource.probe(video, SequenceOptions.defaults());
    assertArrayEquals(firstLuma(PictureSources.open(video, DecoderOptions.defaults()), VideoDecoder.class),
        firstLuma(PictureSources.open(probed, null, DecoderOptions.defaults()), VideoDecoder.class));
  }

  private static byte[] firstLuma(PictureSource source, Class<?> kind) {
    try (source) {
      assertInstanceOf(kind, source);
      assertTrue(source.next(), "a first picture");
      assertEquals(0, source.pts());
      byte[] luma = new byte[64 * 48];
      for (int y = 0; y < 48; y++) {
        source.picture().data(0).position((long) y * source.picture().linesize(0)).get(luma, y * 64, 64);
      }
      return luma;
    }
  }
}
