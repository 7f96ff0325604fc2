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
 */
public record OutputQuality(@JsonUnwrapped QualityScore overall, VmafSummary vmaf, boolean vmafScaled,
    List<ChunkQuality> chunks, @JsonInclude(JsonInclude.Include.NON_NULL) String reference) {
  public OutputQuality(QualityScore overall, VmafSummary vmaf, boolean vmafScaled, List<ChunkQuality> chunks) {
    this(overall, vmaf, vmafScaled, chunks, null);
  }

  /** These figures, said to be measured against {@code what} (see {@code reference}; null: the source as it is). */
  public OutputQuality against(String what) {
    return new OutputQuality(overall, vmaf, vmafScaled, chunks, what);
  }
}
