package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI1;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_FMA3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_MMXEXT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE4;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE42;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSSE3;

import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/**
 * The instruction sets x264 may use, as its {@code asm} option names them: the highest of SSE2 ...
 * AVX2 that this CPU has, never AVX-512. The engine's chunk encoders and the sample generator
 * both set it, so that an encode is the same bytes in every run and on every such CPU.
 *
 * <p>Left to itself, x264 uses everything the CPU has, and two of its choices break the samples'
 * determinism. Its AVX-512 {@code mbtree_propagate_list} handles macroblocks in groups of 8 and,
 * where a row is not a multiple of 8 macroblocks wide (any width that is not a multiple of 128
 * pixels), adds the lanes past the row's end into the macroblock tree's costs: numbers read from
 * heap memory that x264 never wrote. Whatever the process freed there before decides them, so the
 * first clip made in a JVM (on fresh, zeroed pages) came out one way and later ones another. And
 * its functions are not all bit-exact with each other: with SSE2 alone it encodes other bytes
 * than with SSSE3 and up. Naming the level makes x264 run the same functions on every CPU that
 * has it; SSSE3, SSE4.1, SSE4.2, AVX and AVX2 have given the same bitstream in every comparison
 * so far, so the committed samples (640, 1280 and 1920 pixels wide: multiples of 128, where
 * AVX-512 was harmless) keep their bytes. The engine had the same fault: an 854x480 encode with
 * --no-tail-split gave three different files under three MALLOC_PERTURB_ values.
 */
public final class X264InstructionSets {
  private X264InstructionSets() {}

  /** x264's names are cumulative ("AVX2" is SSE2 to AVX with FMA3, LZCNT, BMI1, BMI2 and AVX2). */
  private record Level(String name, int needs) {}

  private static final int SSE2_LEVEL = AV_CPU_FLAG_MMXEXT | AV_CPU_FLAG_SSE | AV_CPU_FLAG_SSE2;
  private static final int AVX_LEVEL = SSE2_LEVEL | AV_CPU_FLAG_SSE3 | AV_CPU_FLAG_SSSE3 | AV_CPU_FLAG_SSE4
      | AV_CPU_FLAG_SSE42 | AV_CPU_FLAG_AVX;

  /** Highest first. */
  private static final List<Level> LEVELS = List.of(
      new Level("AVX2", AVX_LEVEL | AV_CPU_FLAG_FMA3 | AV_CPU_FLAG_BMI1 | AV_CPU_FLAG_BMI2 | AV_CPU_FLAG_AVX2),
      new Level("AVX", AVX_LEVEL),
      new Level("SSE4.2", SSE2_LEVEL | AV_CPU_FLAG_SSE3 | AV_CPU_FLAG_SSSE3 | AV_CPU_FLAG_SSE4 | AV_CPU_FLAG_SSE42),
      new Level("SSE4.1", SSE2_LEVEL | AV_CPU_FLAG_SSE3 | AV_CPU_FLAG_SSSE3 | AV_CPU_FLAG_SSE4),
      new Level("SSSE3", SSE2_LEVEL | AV_CPU_FLAG_SSE3 | AV_CPU_FLAG_SSSE3),
      new Level("SSE3", SSE2_LEVEL | AV_CPU_FLAG_SSE3),
      new Level("SSE2", SSE2_LEVEL));

  /**
   * The value of x264's {@code asm} option for this machine, or null where x264 should choose (not
   * an x86-64 build of FFmpeg: there the flags mean other things).
   */
  public static String forThisMachine() {
    return Loader.getPlatform().endsWith("-x86_64") ? forCpu(avutil.av_get_cpu_flags()) : null;
  }

  /** The highest level that FFmpeg's x86 CPU flags {@code ffmpegCpuFlags} cover. */
  public static String forCpu(int ffmpegCpuFlags) {
    for (Level level : LEVELS) {
      if ((ffmpegCpuFlags & level.needs()) == level.needs()) {
        return level.name();
      }
    }
    return null;
  }
}
