package org.framefork.encoder.verify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the verify stage found when it compared the output with its source.
 *
 * @param audioDriftSeconds how far the output's audio moved against its video, compared with the
 *     source (start and end offsets), in seconds
 * @param problems one sentence per failed check; empty when {@code passed}
 * @param outputPicture the output's pictures as read back: the depth, transfer and HDR10 metadata
 *     checked against what the encoders were given
 */
public record Verification(
    long sourceFrames,
    long outputFrames,
    double sourceDurationSeconds,
    double outputDurationSeconds,
    double frameDurationSeconds,
    boolean audioExpected,
    boolean audioPresent,
    double audioDriftSeconds,
    boolean passed,
    List<String> problems,
    OutputPicture outputPicture) {

  /**
   * The output's pictures, as its video stream says.
   *
   * @param bitDepth bits per sample: 8 or 10
   * @param dynamicRange {@code SDR}, {@code HDR10} (PQ) or {@code HLG}
   * @param transfer FFmpeg's name of the transfer ({@code bt709}, {@code smpte2084}, {@code
   *     arib-std-b67}); {@code unknown} when the stream says none
   * @param primaries FFmpeg's name of the primaries ({@code bt709}, {@code bt2020}); {@code unknown}
   *     when the stream says none
   * @param matrix FFmpeg's name of the YUV matrix ({@code bt709}, {@code smpte170m}, {@code
   *     bt2020nc}); {@code unknown} when the stream says none
   * @param hdr10Metadata whether it carries HDR10 static metadata (mastering display, content light level)
   */
  public record OutputPicture(int bitDepth, String dynamicRange, String transfer, String primaries, String matrix,
      boolean hdr10Metadata) {
    private static final Map<String, String> PRIMARIES = Map.of("bt709", "BT.709", "bt2020", "BT.2020", "bt470bg", "BT.601",
        "smpte170m", "BT.601");
    private static final Map<String, String> MATRICES = Map.of("bt709", "BT.709", "bt2020nc", "BT.2020", "bt2020c", "BT.2020",
        "bt470bg", "BT.601", "smpte170m", "BT.601");

    public OutputPicture {
      transfer = Objects.requireNonNullElse(transfer, "unknown");
      primaries = Objects.requireNonNullElse(primaries, "unknown");
      matrix = Objects.requireNonNullElse(matrix, "unknown");
    }

    /**
     * As the report's verify row says it: {@code 10-bit, HDR10 (PQ, BT.2020) with its static
     * metadata}, {@code 8-bit, SDR (BT.709)}; the matrix too where it is not the primaries' own (an
     * RGB source of SD size: {@code 8-bit, SDR (BT.709 primaries, BT.601 matrix)}).
     */
    public String describe() {
      String gamut = primaries.equals("unknown") ? null : PRIMARIES.getOrDefault(primaries, primaries);
      String yuv = matrix.equals("unknown") ? null : MATRICES.getOrDefault(matrix, matrix);
      if (gamut != null && yuv != null && !gamut.equals(yuv)) {
        gamut = gamut + " primaries, " + yuv + " matrix";
      }
      String inside = dynamicRange.equals("HDR10") ? (gamut == null ? "PQ" : "PQ, " + gamut) : gamut;
      return bitDepth + "-bit, " + dynamicRange + (inside == null ? "" : " (" + inside + ")")
          + (hdr10Metadata ? " with its static metadata" : "");
    }
  }
}
