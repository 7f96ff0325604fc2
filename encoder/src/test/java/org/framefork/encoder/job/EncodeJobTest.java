package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.plan.ChunkPlan;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EncodeJobTest {
  @TempDir Path tmp;

  private static JobOptions fast(Path in, Path out) {
    return JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1));
  }

  @Test
  void variableFrameRateKeepsEveryFramesSourceTime() {
    Path in = TestMedia.get(TestMedia.VFR_H264_MP4);
    Path out = tmp.resolve("vfr.mkv");
    new EncodeJob(fast(in, out).withOutput(out, Container.MKV).withSplit(SplitMode.FIXED, 0, 7).withMode(ExecutionMode.PARALLEL, 2), null).run();
    List<Double> src = DebianFfmpeg.frameTimes(in);
    List<Double> dst = DebianFfmpeg.frameTimes(out);
    assertEquals(src.size(), dst.size());
    for (int i = 0; i < src.size(); i++) {
      // Matroska stores milliseconds: the only rounding allowed is the container's own.
      assertEquals(src.get(i), dst.get(i), 0.0015, "frame " + i);
    }
    // The gaps differ: the output is still variable-rate, nothing was duplicated to fill them.
    Set<Long> gaps = new java.util.HashSet<>();
    for (int i = 1; i < dst.size(); i++) {
      gaps.add(Math.round((dst.get(i) - dst.get(i - 1)) * 1000));
    }
    assertTrue(gaps.size() > 1, "variable gaps: " + gaps);
  }

  @Test
  void mp4OutputKeepsExactTimesOfAConstantRateSource() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("cfr.mp4");
    new EncodeJob(fast(in, out).withSplit(SplitMode.FIXED, 0, 9), null).run();
    assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out));
  }

  @Test
  void everyChunkStartsOnAKeyframeOfTheOutput() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("keys.mp4");
    List<Chunk> chunks = new ArrayList<>();
    new EncodeJob(fast(in, out).withSplit(SplitMode.FIXED, 0, 12), e -> {
      if (e instanceof JobEvent.JobPlanned p) {
        chunks.addAll(p.plan().chunks());
      }
    }).run();
    String[] flags = DebianFfmpeg.probe(out, "v:0", "frame=key_frame", false).split("\\R");
    assertEquals(50, flags.length);
    for (Chunk c : chunks) {
      assertEquals("1", flags[c.firstFrame()].trim(), "frame " + c.firstFrame() + " starts chunk " + c.index());
    }
  }

  @Test
  void parallelAndSequentialOutputsMatchInFramesAndQuality() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path seq = tmp.resolve("seq.mp4");
    Path par = tmp.resolve("par.mp4");
    new EncodeJob(fast(in, seq).withSplit(SplitMode.FIXED, 0, 10).withMode(ExecutionMode.SEQUENTIAL, 1), null).run();
    new EncodeJob(fast(in, par).withSplit(SplitMode.FIXED, 0, 10).withMode(ExecutionMode.PARALLEL, 2), null).run();
    assertEquals(DebianFfmpeg.decodedFrames(seq), DebianFfmpeg.decodedFrames(par));
    double psnrSeq = DebianFfmpeg.ssimPsnr(seq, in)[1];
    double psnrPar = DebianFfmpeg.ssimPsnr(par, in)[1];
    assertTrue(psnrSeq > 30 && psnrPar > 30, psnrSeq + " / " + psnrPar);
    assertTrue(Math.abs(psnrSeq - psnrPar) < 1.0, psnrSeq + " vs " + psnrPar);
  }

  @ParameterizedTest
  @EnumSource(VideoCodec.class)
  void everyCodecEncodesToADecodableFile(VideoCodec codec) {
    Path in = TestMedia.get(TestMedia.VP9_OPUS_WEBM);
    Container c = codec == VideoCodec.VP9 || codec == VideoCodec.AV1 ? Container.WEBM : Container.MKV;
    Path out = tmp.resolve("codec." + c.extension());
    new EncodeJob(JobOptions.defaults(in, out).withOutput(out, c)
        .withVideo(new EncodeSettings(codec, codec.defaultCrf(), "ultrafast", 1))
        .withSplit(SplitMode.FIXED, 0, 20), null).run();
    String name = DebianFfmpeg.probe(out, "v:0", "stream=codec_name", false);
    assertEquals(switch (codec) {
      case H264 -> "h264";
      case H265 -> "hevc";
      case VP9 -> "vp9";
      case AV1 -> "av1";
    }, name);
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.decodeErrors(out));
  }

  /**
   * H.265 in MP4 (and in .mov, written as MP4) is tagged hvc1, as Apple's players need (FFmpeg's
   * default is hev1), whatever the source's tag; Matroska has no such tag. Every frame still
   * decodes, at its source time.
   */
  @Test
  void h265InMp4AndMovIsTaggedHvc1AndDecodesFrameExact() {
    Path in = tmp.resolve("hvc1-source.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=2", "-f", "lavfi", "-i", "sine=d=2:sample_rate=48000",
        "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1", "-c:a", "aac",
        "-shortest", in.toString());
    assertEquals("hvc1", DebianFfmpeg.probe(in, "v:0", "stream=codec_tag_string", false));
    for (String name : List.of("h265.mp4", "h265.mov")) {
      Path out = tmp.resolve(name);
      JobReport r = new EncodeJob(JobOptions.defaults(in, out).withVideo(new EncodeSettings(VideoCodec.H265, 28, "ultrafast", 1))
          .withSplit(SplitMode.FIXED, 0, 14).withMode(ExecutionMode.PARALLEL, 2), null).run();
      assertTrue(r.chunks().count() >= 4, "several segments joined: " + r.chunks().count());
      assertEquals("hvc1", DebianFfmpeg.probe(out, "v:0", "stream=codec_tag_string", false), name);
      assertEquals(DebianFfmpeg.frameTimes(in), DebianFfmpeg.frameTimes(out), name);
      assertEquals("", DebianFfmpeg.decodeErrors(out), name);
    }
    Path mkv = tmp.resolve("h265.mkv");
    new EncodeJob(JobOptions.defaults(in, mkv).withOutput(mkv, Container.MKV)
        .withVideo(new EncodeSettings(VideoCodec.H265, 28, "ultrafast", 1)), null).run();
    assertEquals("[0][0][0][0]", DebianFfmpeg.probe(mkv, "v:0", "stream=codec_tag_string", false));
  }

  @Test
  void audioTheContainerCannotHoldIsEncodedToOpusForWebm() {
    Path in = TestMedia.get(TestMedia.HEVC_MP3_MKV);
    Path out = tmp.resolve("mp3-to-opus.webm");
    new EncodeJob(JobOptions.defaults(in, out).withOutput(out, Container.WEBM)
        .withVideo(new EncodeSettings(VideoCodec.VP9, 40, "ultrafast", 1)), null).run();
    assertEquals("opus", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
    assertEquals(2.0, Double.parseDouble(DebianFfmpeg.probe(out, null, "format=duration", false)), 0.1);
  }

  @Test
  void copiedAudioKeepsTheContainerDurationRight() {
    Path in = TestMedia.get(TestMedia.HEVC_MP3_MKV);
    Path out = tmp.resolve("mp3-copy.mkv");
    JobReport r = new EncodeJob(fast(in, out).withOutput(out, Container.MKV), null).run();
    assertEquals("mp3", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
    assertEquals(2.0, Double.parseDouble(DebianFfmpeg.probe(out, null, "format=duration", false)), 0.1);
    assertTrue(r.verification().audioDriftSeconds() < 0.04, "drift " + r.verification().audioDriftSeconds());
  }

  /** AAC's priming is dropped by the MP4's edit list, decoded in Matroska: the sync is the same. */
  @Test
  void aacFromMp4CopiedIntoMkvAt60FpsVerifies() {
    Path in = tmp.resolve("f60.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=60:d=2", "-f", "lavfi", "-i", "sine=d=2:sample_rate=48000",
        "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", in.toString());
    Path out = tmp.resolve("f60.mkv");
    JobReport r = new EncodeJob(fast(in, out).withOutput(out, Container.MKV), null).run();
    assertTrue(r.verification().passed(), r.verification().problems()::toString);
    assertTrue(r.verification().audioDriftSeconds() < 0.002, "drift " + r.verification().audioDriftSeconds());
    assertEquals("aac", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
  }

  /**
   * A stream copy from -ss keeps the audio packets before the cut, marked discarded and hidden by
   * the MP4's edit list; Matroska cannot hide them, so they are left out rather than played.
   */
  @Test
  void aStreamCopyTrimIntoMkvKeepsItsAudioInSync() {
    Path whole = tmp.resolve("whole.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=4", "-f", "lavfi", "-i", "sine=d=4:sample_rate=48000",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "120", "-c:a", "aac", "-shortest", whole.toString());
    Path in = tmp.resolve("trimmed.mp4");
    DebianFfmpeg.ffmpeg("-ss", "0.5", "-i", whole.toString(), "-c", "copy", in.toString());
    Path out = tmp.resolve("trimmed.mkv");
    JobReport r = new EncodeJob(fast(in, out).withOutput(out, Container.MKV), null).run();
    assertTrue(r.verification().passed(), r.verification().problems()::toString);
    assertEquals(105, DebianFfmpeg.decodedFrames(out));
    assertEquals(3.5, Double.parseDouble(DebianFfmpeg.probe(out, null, "format=duration", false)), 0.05);
  }

  @Test
  void audioAacModeEncodesOpusSourceToAac() {
    Path in = TestMedia.get(TestMedia.VP9_OPUS_WEBM);
    Path out = tmp.resolve("aac.mp4");
    new EncodeJob(fast(in, out).withAudio(AudioMode.AAC), null).run();
    assertEquals("aac", DebianFfmpeg.probe(out, "a:0", "stream=codec_name", false));
  }

  @Test
  void audioNoneDropsAudio() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("silent.mp4");
    JobReport r = new EncodeJob(fast(in, out).withAudio(AudioMode.NONE), null).run();
    assertEquals("", DebianFfmpeg.probe(out, "a", "stream=codec_type", false));
    assertFalse(r.verification().audioExpected());
  }

  @Test
  void rotationMetadataSurvives() {
    Path rotated = tmp.resolve("rotated.mp4");
    DebianFfmpeg.ffmpeg("-i", TestMedia.get(TestMedia.SINGLE_FRAME).toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());
    String before = DebianFfmpeg.probe(rotated, "v:0", "stream_side_data=rotation", false);
    Path out = tmp.resolve("rotated-out.mp4");
    new EncodeJob(fast(rotated, out), null).run();
    assertEquals(before, DebianFfmpeg.probe(out, "v:0", "stream_side_data=rotation", false));
    assertFalse(before.isBlank());
  }

  @Test
  void workersTakeTheLongestChunksFirst() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    List<Integer> started = Collections.synchronizedList(new ArrayList<>());
    ChunkPlan[] plan = new ChunkPlan[1];
    // 50 frames in chunks of 15: three of 15 and a last of 5.
    new EncodeJob(fast(in, tmp.resolve("order.mp4")).withSplit(SplitMode.FIXED, 0, 15).withMode(ExecutionMode.PARALLEL, 1), e -> {
      if (e instanceof JobEvent.JobPlanned p) {
        plan[0] = p.plan();
      } else if (e instanceof JobEvent.ChunkStarted s) {
        started.add(s.frames());
      }
    }).run();
    assertEquals(List.of(15, 15, 15, 5), started);
    assertEquals(4, plan[0].size());
  }

  @Test
  void parallelModeUsesEveryWorker() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Set<Integer> lanes = ConcurrentHashMap.newKeySet();
    JobReport r = new EncodeJob(fast(in, tmp.resolve("lanes.mp4")).withSplit(SplitMode.FIXED, 0, 5).withMode(ExecutionMode.PARALLEL, 2), e -> {
      if (e instanceof JobEvent.ChunkStarted s) {
        lanes.add(s.worker());
      }
    }).run();
    assertEquals(Set.of(0, 1), lanes);
    assertEquals(10, r.chunks().count());
    assertEquals(10, r.chunks().times().size());
  }

  @Test
  void concurrentModeInterleavesChunksOnOneThread() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    List<Integer> progressChunks = Collections.synchronizedList(new ArrayList<>());
    Set<String> threads = ConcurrentHashMap.newKeySet();
    new EncodeJob(fast(in, tmp.resolve("conc.mp4")).withSplit(SplitMode.FIXED, 0, 25).withMode(ExecutionMode.CONCURRENT, 2), e -> {
      if (e instanceof JobEvent.ChunkProgress p) {
        progressChunks.add(p.chunk());
        threads.add(Thread.currentThread().getName());
      }
    }).run();
    // Both chunks make progress before either finishes: 0,1,0,1,... not 0,0,0,...,1,1,1.
    int firstSwitch = progressChunks.indexOf(progressChunks.get(0) == 0 ? 1 : 0);
    assertTrue(firstSwitch > 0 && firstSwitch < 3, progressChunks.toString());
    assertEquals(1, threads.size());
  }

  @Test
  void badDestinationsFailBeforeAnythingIsWritten() throws IOException {
    Path in = TestMedia.get(TestMedia.SINGLE_FRAME);
    Path existing = Files.writeString(tmp.resolve("exists.mp4"), "keep me");
    InputException e1 = assertThrows(InputException.class, () -> new EncodeJob(fast(in, existing), null).run());
    assertTrue(e1.getMessage().contains("--overwrite"), e1.getMessage());
    assertEquals("keep me", Files.readString(existing));

    InputException e2 = assertThrows(InputException.class, () -> new EncodeJob(fast(in, in), null).run());
    assertTrue(e2.getMessage().contains("is the input itself"), e2.getMessage());

    Path noDir = tmp.resolve("missing/out.mp4");
    InputException e3 = assertThrows(InputException.class, () -> new EncodeJob(fast(in, noDir), null).run());
    assertTrue(e3.getMessage().contains("does not exist"), e3.getMessage());
    assertFalse(Files.exists(noDir.getParent()));

    Path webm = tmp.resolve("h264.webm");
    InputException e4 = assertThrows(InputException.class,
        () -> new EncodeJob(fast(in, webm).withOutput(webm, Container.WEBM), null).run());
    assertTrue(e4.getMessage().contains("webm cannot hold h264"), e4.getMessage());
    assertFalse(Files.exists(webm));
  }

  @Test
  void badInputsGiveOneClearLineAndNoOutput() throws IOException {
    Path audioOnly = tmp.resolve("audio-only.m4a");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", audioOnly.toString());
    Path random = tmp.resolve("random.mp4");
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    Files.write(random, junk);
    Path empty = Files.createFile(tmp.resolve("empty.mp4"));
    Path missing = tmp.resolve("missing.mp4");
    for (Path bad : List.of(audioOnly, random, empty, missing, tmp)) {
      Path out = tmp.resolve("out-" + bad.getFileName() + ".mp4");
      InputException e = assertThrows(InputException.class, () -> new EncodeJob(fast(bad, out), null).run(), bad.toString());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
      assertFalse(Files.exists(out), "nothing written for " + bad);
    }
  }

  @Test
  void cancelStopsWorkersAndLeavesNothing() throws Exception {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("cancelled.mp4");
    JobOptions o = JobOptions.defaults(in, out).withSplit(SplitMode.FIXED, 0, 10)
        .withVideo(new EncodeSettings(VideoCodec.H264, 18, "veryslow", 1));
    EncodeJob[] job = new EncodeJob[1];
    job[0] = new EncodeJob(o, e -> {
      if (e instanceof JobEvent.ChunkProgress p && p.framesDone() >= 8) {
        job[0].cancel();
      }
    });
    assertThrows(JobCancelledException.class, job[0]::run);
    assertFalse(Files.exists(out));
    assertTrue(Files.exists(JobWorkspace.defaultFor(out)), "kept for --resume");
    EncodeJob[] discarding = new EncodeJob[1];
    discarding[0] = new EncodeJob(o.withWorkKept(WorkKept.NEVER), e -> {
      if (e instanceof JobEvent.ChunkProgress) {
        discarding[0].cancel();
      }
    });
    assertThrows(JobCancelledException.class, discarding[0]::run);
    assertFalse(Files.exists(JobWorkspace.defaultFor(out)), "discarded on request");
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void subtitlesAndTitleAreCarriedWhereTheContainerAllows() throws IOException {
    Path srt = Files.writeString(tmp.resolve("subs.srt"), "1\n00:00:00,000 --> 00:00:01,000\nHello\n\n2\n00:00:01,000 --> 00:00:02,000\nWorld\n");
    Path in = tmp.resolve("with-subs.mkv");
    DebianFfmpeg.ffmpeg("-i", TestMedia.get(TestMedia.H264_BFRAMES_AAC).toString(), "-i", srt.toString(), "-map", "0", "-map", "1",
        "-c", "copy", "-c:s", "srt", "-metadata", "title=FrameFork test", in.toString());
    Path mkv = tmp.resolve("subs-out.mkv");
    new EncodeJob(fast(in, mkv).withOutput(mkv, Container.MKV), null).run();
    assertEquals("subrip", DebianFfmpeg.probe(mkv, "s:0", "stream=codec_name", false));
    assertEquals("FrameFork test", DebianFfmpeg.probe(mkv, null, "format_tags=title", false));

    Path mp4 = tmp.resolve("subs-out.mp4");
    JobReport r = new EncodeJob(fast(in, mp4), null).run();
    assertEquals("mov_text", DebianFfmpeg.probe(mp4, "s", "stream=codec_name", false), "mp4 cannot hold subrip: converted");
    assertEquals(List.of("subtitle stream 2 (subrip) was converted to mov_text for mp4"), r.notes());
    assertEquals(50, DebianFfmpeg.decodedFrames(mp4));
  }

  @Test
  void keptWorkFolderHoldsWhatResumeNeeds() throws IOException {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = tmp.resolve("kept.mp4");
    Path work = tmp.resolve("work");
    JobReport r = new EncodeJob(fast(in, out).withSplit(SplitMode.FIXED, 0, 20).withWorkDir(work).withWorkKept(WorkKept.ALWAYS), null).run();
    assertTrue(Files.exists(work.resolve("plan.json")));
    assertEquals(List.of("the work folder was kept (--keep-work): " + work.toAbsolutePath()), r.notes(), "where it is");
    for (int i = 0; i < r.chunks().count(); i++) {
      Path record = work.resolve(String.format("chunks/%05d.json", i));
      var node = JobWorkspace.JSON.readTree(record.toFile());
      assertEquals(i, node.get("chunk").asInt());
      assertEquals(JobWorkspace.sha256(work.resolve(String.format("chunks/%05d.mkv", i))), node.get("sha256").asText());
      assertEquals(DebianFfmpeg.decodedFrames(work.resolve(String.format("chunks/%05d.mkv", i))), node.get("frames").asLong());
    }
  }
}
