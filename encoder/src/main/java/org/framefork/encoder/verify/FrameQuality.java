package org.framefork.encoder.verify;

/**
 * One frame's PSNR (dB; infinite for identical planes) and SSIM against its reference, per plane
 * and overall as FFmpeg's filters print them per frame ({@code psnr_avg} from the sample-weighted
 * MSE, SSIM "All" weighted by plane size).
 *
 * @param frame the frame's number, from 0, in presentation order
 */
public record FrameQuality(
    long frame,
    double psnrY,
    double psnrU,
    double psnrV,
    double psnrAverage,
    double ssimY,
    double ssimU,
    double ssimV,
    double ssimAll) {}
