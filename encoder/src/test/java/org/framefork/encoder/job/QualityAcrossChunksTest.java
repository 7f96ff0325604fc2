package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.OutputQuality;
import org.framefork.encoder.verify.vmaf.LibvmafReference;
import org.framefork.encoder.verify.vmaf.VmafTally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verify-quality}'s whole-output VMAF scores the motion across the chunks' edges as
 * libvmaf's run over the joined file does: a 640x360 clip of 4 one-second scenes (testsrc2, noise,
 * mandelbrot, bars) cut at each scene, where the noise chunk's first frame scored alone (motion 0)
 * falls far below libvmaf's; a resumed job pools the same figures.
 */
class QualityAcrossChunksTest {
  @TempDir Path dir;

  private Path fourScenes() {
    Path in = dir.resolve("scenes.mkv");
    String scene = "s=640x360:r=25,format=yuv420p,trim=duration=1";
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=" + scene, "-f", "lavfi", "-i",
        "color=c=gray:" + scene + ",noise=alls=100:allf=t+u", "-f", "lavfi", "-i", "mandelbrot=" + scene,
        "-f", "lavfi", "-i", "smptebars=" + scene, "-filter_complex", "[0:v][1:v][2:v][3:v]concat=n=4:v=1:a=0",
        "-c:v", "ffv1", in.toString());
    return in;
  }

  private static JobOptions options(Path in, Path out) {
    return JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, 30, "veryfast", 1))
        .withSplit(SplitMode.SCENE, 2, 0)
        .withMode(ExecutionMode.SEQUENTIAL, 1)
        .withVerifyQuality(true);
  }

  @Test
  void wholeOutputVmafIsLibvmafsOnTheJoinedFileAndAResumePoolsTheSame() {
    Path in = fourScenes();
    Path out = dir.resolve("out.mp4");
    OutputQuality q = new EncodeJob(options(in, out), null).run().quality();
    assertEquals(4, q.chunks().size(), q.toString());
    assertEquals(0, q.vmafEdgesAlone(), q.toString());
    assertNull(q.vmafEdgesAloneWhy());

    VmafTally theirs = new VmafTally();
    for (JsonNode f : LibvmafReference.frames(in, out, true, dir.resolve("libvmaf.json"))) {
      theirs.add(f.path("vmaf").asDouble());
    }
    assertEquals(100, theirs.count());
    String figures = "ours " + q.vmaf() + ", libvmaf's " + theirs.summary();
    assertEquals(theirs.summary().mean(), q.vmaf().mean(), 0.05, figures);
    assertEquals(theirs.summary().min(), q.vmaf().min(), 0.5, figures);
    // The clip is one where scoring each chunk alone misses: its frames pooled so stray further.
    VmafTally alone = new VmafTally();
    for (ChunkQuality c : q.chunks()) {
      alone.add(tally(c.frames().vmaf()));
    }
    assertTrue(Math.abs(alone.summary().mean() - theirs.summary().mean()) > 0.05
        && Math.abs(alone.summary().min() - theirs.summary().min()) > 0.5, "alone " + alone.summary() + "; " + figures);

    Path resumedOut = dir.resolve("resumed.mp4");
    ResumeTest.interrupt(options(in, resumedOut), 2);
    JobReport r = new EncodeJob(options(in, resumedOut).withResume(true), null).run();
    assertEquals(2, r.chunks().reused());
    assertEquals(q.vmaf(), r.quality().vmaf());
    assertEquals(q.chunks().stream().map(ChunkQuality::vmaf).toList(),
        r.quality().chunks().stream().map(ChunkQuality::vmaf).toList());
  }

  /** A temporal filter starts afresh in each chunk: the picture past a chunk is not the next one's, so edges stay alone. */
  @Test
  void aTemporalFilterLeavesTheEdgesAloneAndSaysWhy() {
    Path in = fourScenes();
    Path out = dir.resolve("denoised.mp4");
    OutputQuality q = new EncodeJob(options(in, out).withFilters(FilterChain.parse("denoise")), null).run().quality();
    assertEquals(4, q.chunks().size(), q.toString());
    assertEquals(3, q.vmafEdgesAlone(), q.toString());
    assertEquals("a temporal --vf filter starts afresh in each chunk", q.vmafEdgesAloneWhy());
    VmafTally alone = new VmafTally();
    for (ChunkQuality c : q.chunks()) {
      assertEquals(tally(c.frames().vmaf()).summary(), c.vmaf());
      alone.add(tally(c.frames().vmaf()));
    }
    assertEquals(alone.summary(), q.vmaf());
  }

  private static VmafTally tally(double[] scores) {
    VmafTally t = new VmafTally();
    for (double v : scores) {
      t.add(v);
    }
    return t;
  }
}
