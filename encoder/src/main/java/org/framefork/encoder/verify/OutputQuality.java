package org.framefork.encoder.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.framefork.encoder.verify.vmaf.VmafSummary;

/**
 * {@code --verify-quality}'s figures: the whole output's PSNR and SSIM (in the JSON, its fields at
 * this object's top level, as before VMAF came), its VMAF ({@code vmaf_v0.6.1}), and each chunk's.
 *
 * @param vmafScaled whether the pictures were scaled to 1920x1080 (bicubic) for VMAF
 * @param reference what the figures were measured against when it is not the source as it is
 *     ("the source at 4:2:0" for a 4:4:4 or 4:2:2 source, which the encoder got as 4:2:0); null,
 *     and absent from the JSON, otherwise
 * @param vmafEdgesAlone the edges between chunks where VMAF's motion was not measured across (each
 *     side scored as the chunk alone: the first frame's motion 0, the last frame's its own); the
 *     others are scored as one run over the output scores them
 * @param vmafEdgesAloneWhy why, where there are any; null, and absent from the JSON, otherwise
 */
public record OutputQuality(@JsonUnwrapped QualityScore overall, VmafSummary vmaf, boolean vmafScaled,
    List<ChunkQuality> chunks, @JsonInclude(JsonInclude.Include.NON_NULL) String reference, int vmafEdgesAlone,
    @JsonInclude(JsonInclude.Include.NON_NULL) String vmafEdgesAloneWhy) {
  public OutputQuality(QualityScore overall, VmafSummary vmaf, boolean vmafScaled, List<ChunkQuality> chunks) {
    this(overall, vmaf, vmafScaled, chunks, null, 0, null);
  }

  /** These figures, said to be measured against {@code what} (see {@code reference}; null: the source as it is). */
  public OutputQuality against(String what) {
    return new OutputQuality(overall, vmaf, vmafScaled, chunks, what, vmafEdgesAlone, vmafEdgesAloneWhy);
  }
}
