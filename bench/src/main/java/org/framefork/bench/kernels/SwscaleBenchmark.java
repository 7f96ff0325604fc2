package org.framefork.bench.kernels;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_alloc_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_init_context;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.framefork.encoder.kernels.PackedImage;
import org.framefork.encoder.kernels.YuvFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bar the Vector API kernels are held to: FFmpeg's libswscale (bytedeco's build, with its
 * hand-written x86 SIMD) doing the same two jobs, single-threaded ({@code threads = 1}),
 * {@code SWS_BILINEAR}, on native buffers aligned by {@code av_malloc} with the same picture content.
 *
 * <p>Not quite the same work: for bgr24 to yuv420p at the same size libswscale takes an unscaled
 * shortcut, and for downscaling its "bilinear" widens the filter with the ratio (an area-like
 * 3-tap filter for 1.5:1), where FrameFork's reads 2 taps. Both are what a caller gets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SwscaleBenchmark {
  private SwsContext toYuv;
  private SwsContext downscale;
  private final List<Pointer> buffers = new ArrayList<>();
  private PointerPointer<BytePointer> bgrPlanes;
  private IntPointer bgrStrides;
  private PointerPointer<BytePointer> yuv1080Planes;
  private IntPointer yuv1080Strides;
  private PointerPointer<BytePointer> yuv720Planes;
  private IntPointer yuv720Strides;

  @Setup
  public void setUp() {
    toYuv = context(Hd.WIDTH, Hd.HEIGHT, AV_PIX_FMT_BGR24, Hd.WIDTH, Hd.HEIGHT, AV_PIX_FMT_YUV420P);
    downscale = context(Hd.WIDTH, Hd.HEIGHT, AV_PIX_FMT_YUV420P,
        Hd.SMALL_WIDTH, Hd.SMALL_HEIGHT, AV_PIX_FMT_YUV420P);

    PackedImage bgr = Hd.bgr(7);
    bgrPlanes = new PointerPointer<>(nativeCopy(bgr.data()), null, null, null);
    bgrStrides = new IntPointer(bgr.stride(), 0, 0, 0);

    YuvFrame frame = Hd.frame(3, Hd.WIDTH, Hd.HEIGHT);
    yuv1080Planes = new PointerPointer<>(
        nativeCopy(planeBytes(frame, 0)), nativeCopy(planeBytes(frame, 1)),
        nativeCopy(planeBytes(frame, 2)), null);
    yuv1080Strides = new IntPointer(Hd.WIDTH, Hd.WIDTH / 2, Hd.WIDTH / 2, 0);

    yuv720Planes = new PointerPointer<>(
        nativeBuffer(Hd.SMALL_WIDTH * Hd.SMALL_HEIGHT),
        nativeBuffer(Hd.SMALL_WIDTH * Hd.SMALL_HEIGHT / 4),
        nativeBuffer(Hd.SMALL_WIDTH * Hd.SMALL_HEIGHT / 4), null);
    yuv720Strides = new IntPointer(Hd.SMALL_WIDTH, Hd.SMALL_WIDTH / 2, Hd.SMALL_WIDTH / 2, 0);
  }

  @Benchmark
  @MovesBytes(3L * Hd.LUMA + Hd.FRAME_420)
  public int bgrToYuv420() {
    return sws_scale(toYuv, bgrPlanes, bgrStrides, 0, Hd.HEIGHT, yuv1080Planes, yuv1080Strides);
  }

  @Benchmark
  @MovesBytes((long) Hd.FRAME_420 + Hd.SMALL_FRAME_420)
  public int bilinear1080pTo720p() {
    return sws_scale(downscale, yuv1080Planes, yuv1080Strides, 0, Hd.HEIGHT, yuv720Planes, yuv720Strides);
  }

  @TearDown
  public void tearDown() {
    sws_freeContext(toYuv);
    sws_freeContext(downscale);
    for (Pointer p : buffers) {
      av_free(p);
    }
    buffers.clear();
  }

  private static SwsContext context(int sw, int sh, int sf, int dw, int dh, int df) {
    SwsContext c = sws_alloc_context();
    c.src_w(sw).src_h(sh).src_format(sf).dst_w(dw).dst_h(dh).dst_format(df);
    c.flags(SWS_BILINEAR).threads(1);
    if (sws_init_context(c, null, null) < 0) {
      throw new IllegalStateException("libswscale refused " + sw + "x" + sh + " -> " + dw + "x" + dh);
    }
    return c;
  }

  private static byte[] planeBytes(YuvFrame frame, int index) {
    var plane = frame.plane(index);
    byte[] bytes = new byte[plane.width() * plane.height()];
    System.arraycopy(plane.data(), plane.offset(), bytes, 0, bytes.length);
    return bytes;
  }

  /** av_malloc aligns for the widest SIMD FFmpeg was built with. */
  private BytePointer nativeBuffer(long size) {
    BytePointer p = new BytePointer(av_malloc(size)).capacity(size);
    buffers.add(p);
    return p;
  }

  private BytePointer nativeCopy(byte[] bytes) {
    BytePointer p = nativeBuffer(bytes.length);
    p.put(bytes);
    return p;
  }
}
