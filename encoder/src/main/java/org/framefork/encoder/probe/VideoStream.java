package org.framefork.encoder.probe;

import org.framefork.encoder.media.Rational;

/**
 * The video stream of an input, as its packets describe it (no decoding).
 *
 * @param frameCount frames the decoder will return (packets that carry a picture; empty "repeat"
 *     entries and packets the container marks as discarded are not frames)
 * @param variableFrameRate whether the gaps between presentation times differ
 * @param rotation degrees clockwise that a player turns the picture (display matrix), 0 if none;
 *     when {@code mirrored}, it turns it after mirroring it
 * @param mirrored whether the display matrix mirrors the picture (a negative determinant): a player
 *     shows it mirrored left to right, then turned by {@code rotation}
 * @param bitDepth bits per sample of the pixel format (8 for yuv420p, 10 for yuv420p10le)
 * @param hdr the stream's HDR format and metadata ({@link HdrInfo#SDR} for none)
 * @param declaredFrames the frames the container's header says the stream holds (an MP4's sample
 *     table), less those it holds but hides (an edit list that starts later, as a stream copy's
 *     {@code -ss} leaves it), 0 where it says none: more than {@code frameCount} in a file cut short
 * @param cutFrames pictures whose packets the file's end cuts off so that they do not decode (an
 *     unfinished copy or download ends inside a packet): not in {@code frameCount}
 * @param leadFrames pictures before the first keyframe that do not decode (a recording cut inside
 *     a group of pictures refers to pictures it does not hold): not in {@code frameCount}
 * @param alphaMode whether the stream's metadata says {@code alpha_mode} 1: a WebM VP8/VP9 stream
 *     with alpha, which FFmpeg's decoders leave out (its pixel format says yuv420p)
 */
public record VideoStream(
    int index,
    String codec,
    int width,
    int height,
    String pixelFormat,
    Rational timeBase,
    Rational frameRate,
    boolean variableFrameRate,
    long frameCount,
    int keyframeCount,
    double startSeconds,
    double durationSeconds,
    int rotation,
    boolean mirrored,
    String colorRange,
    String colorPrimaries,
    String colorTransfer,
    String colorSpace,
    String fieldOrder,
    int bitDepth,
    HdrInfo hdr,
    long declaredFrames,
    int cutFrames,
    int leadFrames,
    boolean alphaMode) {

  /**
   * Whether the file's end is missing, as an unfinished copy or download leaves it: it ends inside
   * a picture's packet ({@code cutFrames}), or the header declares clearly more frames than the
   * packets hold (more than a tenth, and more than 2: an edit list that trims a few frames is no
   * sign).
   */
  public boolean cutShort() {
    return cutFrames > 0 || declaredFrames - frameCount > Math.max(2, declaredFrames / 10);
  }

  /** What a report says of a stream {@link #cutShort}: the frames it counts are those that decode. */
  public String cutShortText() {
    return "the source looks cut short: " + (declaredFrames > frameCount
        ? "its header declares " + declaredFrames + " frames, the file holds " + frameCount
        : cutFramesText() + ", the file holds " + frameCount + " whole frames")
        + " (an unfinished copy or download?)";
  }

  /** What is said of a stream with {@link #leadFrames}: "starts with 1 frame before its first keyframe that cannot be decoded (...)". */
  public String leadFramesText() {
    return "starts with " + leadFrames + (leadFrames == 1 ? " frame" : " frames")
        + " before its first keyframe that cannot be decoded (a recording cut inside a group of pictures?)";
  }

  /** "its last frame is cut off", "its last 2 frames are cut off". */
  public String cutFramesText() {
    return cutFrames == 1 ? "its last frame is cut off" : "its last " + cutFrames + " frames are cut off";
  }

  /**
   * What a player does to the picture, as probe says it: "not rotated", "shown turned 90°
   * clockwise", "shown mirrored left to right", "shown mirrored top to bottom" (mirrored and turned
   * 180°), "shown mirrored left to right, then turned 90° clockwise".
   */
  public String displayText() {
    if (!mirrored) {
      return rotation == 0 ? "not rotated" : "shown turned " + rotation + "° clockwise";
    }
    return switch (rotation) {
      case 0 -> "shown mirrored left to right";
      case 180 -> "shown mirrored top to bottom";
      default -> "shown mirrored left to right, then turned " + rotation + "° clockwise";
    };
  }

  /**
   * For a message about sizes and positions in the picture, where a player turns or mirrors it:
   * " (in the stored picture; players show it turned 90° clockwise)", " (in the stored picture;
   * players show it mirrored left to right)"; empty where the picture is shown as stored.
   */
  public String storedPictureText() {
    return !mirrored && rotation == 0 ? ""
        : " (in the stored picture; players " + displayText().replaceFirst("^shown", "show it") + ")";
  }

  /** Whether the stream says its pictures are interlaced (two fields each). */
  public boolean interlaced() {
    return fieldOrder != null && !fieldOrder.equals("progressive") && !fieldOrder.equals("unknown");
  }
}
