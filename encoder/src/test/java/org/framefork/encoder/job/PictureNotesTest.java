package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The notes on an HDR10 source (Debian's ffmpeg's Main 10 test file, probed) written at 8 bits. */
class PictureNotesTest {
  /** The notes of encoding the HDR10 test source with {@code codec} at the {@code depth} asked (0: the source's). */
  private static List<Note> hdr10At(VideoCodec codec, int depth) {
    VideoStream v = Prober.probe(TestMedia.get(TestMedia.HDR10_HEVC)).video();
    EncodeSettings asked = new EncodeSettings(codec, codec.defaultCrf(), "ultrafast", 1, PictureFormat.requested(depth));
    EncodeSettings settled = asked.withPicture(asked.picture().resolve(codec, v.bitDepth(), v.hdr().staticMetadata(), true));
    return PictureNotes.of(v, depth, settled, false, null);
  }

  private static Note banding(List<Note> notes) {
    List<Note> found = notes.stream().filter(n -> n.text().startsWith("the output is 8-bit with the source's HDR10 tags")).toList();
    assertEquals(1, found.size(), notes::toString);
    assertEquals(Note.Kind.WARNING, found.getFirst().kind());
    return found.getFirst();
  }

  /** h265 and av1 keep 10 bits unless --depth 8 says otherwise: the way back is to drop it, not to pick them. */
  @ParameterizedTest
  @CsvSource({"H265, drop --depth 8 to keep 10 bits", "AV1, drop --depth 8 to keep 10 bits",
      "H264, h265 or av1 keep 10 bits"})
  void anHdrSourceAtEightBitsSaysWhatKeepsTen(VideoCodec codec, String advice) {
    Note note = banding(hdr10At(codec, codec == VideoCodec.H264 ? 0 : 8));
    assertTrue(note.text().endsWith("; " + advice), note::text);
  }

  @ParameterizedTest
  @CsvSource({"H265", "AV1"})
  void anHdrSourceKeptAtTenBitsHasNoBandingNote(VideoCodec codec) {
    assertTrue(hdr10At(codec, 0).stream().noneMatch(n -> n.text().contains("8-bit")), hdr10At(codec, 0)::toString);
  }
}
