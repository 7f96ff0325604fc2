package org.framefork.encoder.verify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.framefork.encoder.verify.vmaf.VmafSummary;

/**
 * One chunk's frames of the output against their source: PSNR and SSIM as {@link QualityScore}
 * sums them, VMAF as {@link VmafSummary} pools it, and every frame's figures for other poolings.
 * In the output's figures ({@link OutputQuality}) the VMAF summary has the motion across the
 * chunk's edges where its neighbours' is known ({@link VmafAcrossChunks}); {@code frames} are
 * always the chunk's scored on its own (its first frame's motion 0, as at a video's start, its
 * last frame's its own), as target quality judges a chunk before its neighbours are encoded.
 *
 * @param chunk the chunk's number in time order
 * @param firstFrame the output's frame it starts at
 */
public record ChunkQuality(int chunk, int firstFrame, QualityScore score, VmafSummary vmaf,
    @JsonIgnore FrameScores frames) {

  /**
   * Each frame's SSIM (all planes), PSNR (average, capped at {@value #PSNR_CAP} dB for identical
   * pictures) and VMAF (the chunk scored alone), in order.
   */
  public record FrameScores(double[] ssim, double[] psnr, double[] vmaf) {}

  /** What an identical frame's infinite PSNR counts as in a pool of frames. */
  public static final double PSNR_CAP = 100;

  /** The same figures for the chunk's frames where they start at frame {@code first} of the output. */
  public ChunkQuality startingAt(int first) {
    return new ChunkQuality(chunk, first, score, vmaf, frames);
  }
}
