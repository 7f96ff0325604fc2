package org.framefork.encoder.verify;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.framefork.encoder.verify.vmaf.VmafSummary;

/**
 * {@code --verify-quality}'s figures: the whole output's PSNR and SSIM (in the JSON, its fields at
 * this object's top level, as before VMAF came), its VMAF ({@code vmaf_v0.6.1}), and each chunk's.
 *
 * @param vmafScaled whether the pictures were scaled to 1920x1080 (bicubic) for VMAF
 */
public record OutputQuality(@JsonUnwrapped QualityScore overall, VmafSummary vmaf, boolean vmafScaled,
    List<ChunkQuality> chunks) {}
