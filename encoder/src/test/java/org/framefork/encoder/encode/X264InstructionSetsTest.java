package org.framefork.encoder.encode;

import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AESNI;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX512;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_AVX512ICL;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI1;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_BMI2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_CMOV;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_FMA3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_FMA4;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_MMX;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_MMXEXT;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE2;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE4;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSE42;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_SSSE3;
import static org.bytedeco.ffmpeg.global.avutil.AV_CPU_FLAG_XOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** x264's instruction sets from FFmpeg's CPU flags: the CPU's highest level up to AVX2, never AVX-512. */
class X264InstructionSetsTest {
  private static final int X86_64 = AV_CPU_FLAG_MMX | AV_CPU_FLAG_MMXEXT | AV_CPU_FLAG_SSE | AV_CPU_FLAG_SSE2
      | AV_CPU_FLAG_CMOV;
  private static final int SSE42 = X86_64 | AV_CPU_FLAG_SSE3 | AV_CPU_FLAG_SSSE3 | AV_CPU_FLAG_SSE4 | AV_CPU_FLAG_SSE42;
  private static final int HASWELL = SSE42 | AV_CPU_FLAG_AVX | AV_CPU_FLAG_FMA3 | AV_CPU_FLAG_AVX2
      | AV_CPU_FLAG_BMI1 | AV_CPU_FLAG_BMI2 | AV_CPU_FLAG_AESNI;

  @Test
  void avx512IsNeverUsed() {
    assertEquals("AVX2", X264InstructionSets.forCpu(HASWELL | AV_CPU_FLAG_AVX512 | AV_CPU_FLAG_AVX512ICL));
    assertEquals("AVX2", X264InstructionSets.forCpu(HASWELL));
  }

  @Test
  void eachLevelNeedsAllOfItsInstructionSets() {
    assertEquals("SSE2", X264InstructionSets.forCpu(X86_64));
    assertEquals("SSE3", X264InstructionSets.forCpu(X86_64 | AV_CPU_FLAG_SSE3));
    assertEquals("SSSE3", X264InstructionSets.forCpu(X86_64 | AV_CPU_FLAG_SSE3 | AV_CPU_FLAG_SSSE3));
    // A Pentium of the Haswell years: BMI but no AVX (x264's "BMI1" would imply AVX, and crash).
    assertEquals("SSE4.2", X264InstructionSets.forCpu(SSE42 | AV_CPU_FLAG_BMI1 | AV_CPU_FLAG_BMI2));
    // Bulldozer: AVX with AMD's FMA4 and XOP, which x264 is not given.
    assertEquals("AVX", X264InstructionSets.forCpu(SSE42 | AV_CPU_FLAG_AVX | AV_CPU_FLAG_FMA4 | AV_CPU_FLAG_XOP));
    assertEquals("AVX", X264InstructionSets.forCpu(HASWELL & ~AV_CPU_FLAG_FMA3));
    assertNull(X264InstructionSets.forCpu(0));
  }

  @Test
  void thisMachineGetsALevel() {
    String level = X264InstructionSets.forThisMachine();
    if (System.getProperty("os.arch").matches("amd64|x86_64")) {
      assertTrue(level != null && !level.contains("512"), "x264 gets " + level);
    } else {
      assertNull(level, "x86 levels are for x86 only");
    }
  }
}
