/**
 * Frame kernels: the per-pixel work FFmpeg does not do for FrameFork, on 8-bit planes.
 *
 * <h2>Layout</h2>
 *
 * <ul>
 *   <li>Data: {@link org.framefork.encoder.kernels.Plane} (bytes, width, height, stride, offset),
 *       {@link org.framefork.encoder.kernels.YuvFrame} (three planes, 4:2:0) and {@link
 *       org.framefork.encoder.kernels.PackedImage} (BGR24 or RGBA).
 *   <li>One package per kind of kernel, each with one small interface, a plain-Java reference
 *       ({@code Plain*}) and a Vector API twin ({@code Vector*}) of the same signature:
 *       {@code colour} (RGB to YUV 4:2:0 and back), {@code scale} (bilinear, 2:1 box), {@code
 *       filter} (tone curve, grey, blur, unsharp, temporal denoise, watermark) and {@code metric}
 *       (SAD, SSE/PSNR, SSIM as FFmpeg's filters compute them).
 *   <li>{@link org.framefork.encoder.kernels.Kernels} decides once per JVM whether the Vector API
 *       kernels can run, and per job whether they pay ({@code Kernels.forWork}: a job too small
 *       to repay their JIT warm-up gets plain Java, family by family); {@code VectorKernels} is
 *       the only way to the Vector API classes and is loaded by reflection, so without {@code
 *       --add-modules jdk.incubator.vector} nothing naming the module loads.
 * </ul>
 *
 * <h2>Contract</h2>
 *
 * Kernels allocate nothing per frame (plans and scratch are made once by the caller), touch no
 * byte between a row's width and its stride, and the two implementations of a kernel give the
 * same bytes (the same floats for SSIM). Tests hold them to it on every width up to three vectors
 * plus one, odd heights and padded strides, in this JVM and in forked ones at every vector size
 * the CPU allows and in every JIT state ({@code KernelTwinForksTest}).
 *
 * <h2>Writing Vector API code that C2 compiles well</h2>
 *
 * Learned by measuring (see bench/results), each rule cost a factor of 2 to 10 when broken:
 *
 * <ul>
 *   <li>No helper method that takes or returns vectors inside a hot loop. Every Vector API call
 *       expands to many compiler nodes; past C2's inlining budget the helper is called for real
 *       and each vector crossing the call is boxed. Loop bodies are written out, even twice.
 *   <li>No variable that holds "one vector or another" (an {@code if} choosing a shuffled or an
 *       unshuffled load): give each case its own loop.
 *   <li>One loop per method, a row per call: methods stay small enough to be compiled whole.
 *   <li>No gathers on AVX2 (no faster than scalar loads on Zen 3), and no shuffles loaded per
 *       step for the two-vector {@code rearrange(shuffle, other)} (25 times slower): permute one
 *       register at a time and blend.
 *   <li>Widen bytes with B2S/B2I and mask with {@code & 0xFF} (the conversions sign-extend), or
 *       reinterpret bytes as shorts and split even ({@code & 0xFF}) and odd ({@code >>> 8})
 *       samples, which costs no conversion at all.
 *   <li>Tails (the last samples of a row that do not fill a vector) go to the plain code.
 *   <li>Measure after warm-up: until C2 compiles it, Vector API code runs boxed, a hundred times
 *       slower than scalar code (the first 1080p frame takes over a second).
 * </ul>
 */
package org.framefork.encoder.kernels;
