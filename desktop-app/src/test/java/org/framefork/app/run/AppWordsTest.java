package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.framefork.encoder.probe.InputException;
import org.junit.jupiter.api.Test;

/**
 * A job's failure in the app's words: the engine's sentences name command-line options, which the app
 * has as settings ("Audio", "Format", "Allow gaps").
 */
class AppWordsTest {
  private static String failure(String engine) {
    return ((JobOutcome.Failed) EncodeWorker.outcomeOf(new InputException(engine))).message();
  }

  @Test
  void theAudioClashNamesTheSettings() {
    assertEquals("/v/clip.mp4: its aac audio cannot be copied into webm; set Audio to opus, or choose another Format",
        failure("/v/clip.mp4: its aac audio cannot be copied into webm; use --audio opus, or another container"));
    assertEquals("/v/clip.mkv: its dts audio cannot be copied into mp4; set Audio to aac or opus, or choose another Format",
        failure("/v/clip.mkv: its dts audio cannot be copied into mp4; use --audio aac or opus, or another container"));
    assertEquals("webm cannot hold AAC audio; set Audio to opus, or choose another Format",
        failure("webm cannot hold AAC audio; use --audio opus or another container"));
  }

  /** The engine's sentence {@code engine} as the app says it: {@code app}, no option ("--") left in it. */
  private static void inTheApp(String engine, String app) {
    String line = failure(engine);
    assertEquals(app, line);
    assertFalse(line.contains("--"), line);
  }

  @Test
  void aGapSaysWhatToDoInTheApp() {
    inTheApp("/v/shots: numbers are missing from the sequence (3); add the images, or pass --allow-gaps to hold the "
        + "frame before each gap",
        "/v/shots: numbers are missing from the sequence (3); add the missing images, or tick Allow gaps to hold the "
        + "image before each gap; then press Retry");
    // The app has no --start-number: a jump too long to hold says what to do with the files instead.
    inTheApp("/v/shots: holding the frame before each gap would make 20000000 frames from 2 images (numbers 1 to "
        + "20000000); give the images a run of numbers, or --start-number past the jump",
        "/v/shots: holding the frame before each gap would make 20000000 frames from 2 images (numbers 1 to "
        + "20000000); renumber the images in one run, or move those past the jump to a folder of their own");
  }

  @Test
  void theFiltersAndTheRateAreTheSettingsToo() {
    assertEquals("/v/a.mp4: Filters scale=8:8 makes 8x8", failure("/v/a.mp4: --vf scale=8:8 makes 8x8"));
    assertEquals("Sequence fps 0 is no rate", failure("--fps 0 is no rate"));
  }

  /** An engine note {@code engine} as the app's row, tooltip and log say it: {@code app}, no option ("--") left in it. */
  private static void noted(String engine, String app) {
    String line = org.framefork.app.settings.JobSettings.inSettingsWords(engine);
    assertEquals(app, line);
    assertFalse(line.contains("--"), line);
  }

  /**
   * Each note of the engine that names an option (SourceNotes, PictureNotes, PlanNotes, OutputNotes, EncodeJob, the
   * target quality's and the verify's, the report's) says the setting that does it, or leaves out advice the app has
   * no setting for.
   */
  @Test
  void theNotesNameTheSettingsOrLeaveTheAdviceOut() {
    noted("image sequence of 12 images (rgba) at 25 fps, the default for an image sequence (--fps sets another)",
        "image sequence of 12 images (rgba) at 25 fps, the default for an image sequence (Sequence fps sets another)");
    noted("image sequence of 12 images (rgb24) at 30 fps (--fps)", "image sequence of 12 images (rgb24) at 30 fps (Sequence fps)");
    noted("2 frames hold the image before them over the missing numbers 3, 5 (--allow-gaps)",
        "2 frames hold the image before them over the missing numbers 3, 5 (Allow gaps)");
    noted("the images' alpha channel was dropped (--alpha-over COLOUR composites them over a colour instead)",
        "the images' alpha channel was dropped");
    noted("the images' alpha channel (ya16be) was dropped: --alpha-over composites RGB, palette and grey images only",
        "the images' alpha channel (ya16be) was dropped");
    noted("the images were composited over #ffffff (--alpha-over)", "the images were composited over #ffffff");
    // The engine's words for a video's alpha the app drops (SourceNotes.videoAlphaNote), the app having no --alpha-over.
    noted("the video's alpha channel (argb) was dropped from its pictures (--alpha-over COLOUR composites them over a colour "
        + "instead)", "the video's alpha channel (argb) was dropped from its pictures");
    noted("the video's alpha channel (vp9 alpha_mode 1) was dropped from its pictures (--alpha-over COLOUR composites them "
        + "over a colour instead)", "the video's alpha channel (vp9 alpha_mode 1) was dropped from its pictures");
    noted("3 of 4 chunks start up to 29 frames after the keyframe before them and decode those frames only to drop them "
        + "(1.4x the video's frames in all); the source has 2 keyframes in 10.00 s: --split keyframes avoids this",
        "3 of 4 chunks start up to 29 frames after the keyframe before them and decode those frames only to drop them "
        + "(1.4x the video's frames in all); the source has 2 keyframes in 10.00 s");
    noted("--tonemap maps PQ (HDR10) sources; this one is HLG, which SDR screens show as it is, and was left as it is",
        "Tone map maps PQ (HDR10) sources; this one is HLG, which SDR screens show as it is, and was left as it is");
    noted("10 bits became 8: --depth 8 asked for it; drop --depth 8 to keep 10 bits",
        "10 bits became 8: Bit depth 8 asked for it; set Bit depth to auto to keep 10 bits");
    noted("10 bits became 8: h264 stays 8-bit unless --depth 10 (High 10 plays on few devices); h265 and av1 keep 10 bits; "
        + "--depth 10 writes 10 bits",
        "10 bits became 8: h264 stays 8-bit unless Bit depth is 10 (High 10 plays on few devices); h265 and av1 keep 10 bits; "
        + "Bit depth 10 writes 10 bits");
    noted("the work folder was kept (--keep-work): /v/.clip.framefork", "the work folder was kept: /v/.clip.framefork");
    noted("the work folder held 2 finished chunks of an earlier run; they were encoded again (--resume reuses such chunks "
        + "when the command is the same)", "the work folder held 2 finished chunks of an earlier run; they were encoded again "
        + "(Resume reuses such chunks when the settings are the same)");
    noted("the final was not encoded again (--final-retries 0)", "the final was not encoded again");
    noted("the final stays outside the band after 2 more encodes (--final-retries 2)",
        "the final stays outside the band after 2 more encodes");
    noted("edges scored alone: a temporal --vf filter starts afresh in each chunk",
        "edges scored alone: a temporal filter (Filters) starts afresh in each chunk");
    noted("chunk 3 already encoded (--resume kept the output)", "chunk 3 already encoded (Resume kept the output)");
    noted("/v/out/clip-h264.mp4: already exists; pass --overwrite to replace it",
        "/v/out/clip-h264.mp4: already exists; move it away, or choose another Output folder");
    noted("/v/shots: no image is numbered 7 or later; check --start-number", "/v/shots: no image is numbered 7 or later");
  }

  /** A queue file of an earlier build kept the engine's notes, options and all: restored, its row says them in the app's words. */
  @Test
  void notesKeptByAnEarlierBuildAreSaidInTheAppsWords() {
    org.framefork.app.queue.QueueEntry e = org.framefork.app.queue.QueueEntry.restore(new org.framefork.app.queue.QueueEntry.Saved(
        java.nio.file.Path.of("/v/shots"), org.framefork.app.queue.QueueEntry.State.DONE, java.nio.file.Path.of("/v/out/shots.mp4"),
        1000, 1.5, null, null, java.util.List.of(), java.util.List.of("1 frame holds the image before it over the missing number 3 "
            + "(--allow-gaps)", "the images' alpha channel was dropped (--alpha-over COLOUR composites them over a colour instead)"),
        null));
    assertEquals(java.util.List.of("1 frame holds the image before it over the missing number 3 (Allow gaps)",
        "the images' alpha channel was dropped"), e.notes());
    assertEquals(e.notes(), e.warnings(), "a file without warnings takes every note to warn");
  }

  /** The app names its outputs itself: a folder in the way of one is moved away, or another Output folder chosen. */
  @Test
  void aFolderInTheOutputsPlaceSaysChooseAnotherOutputFolder() {
    inTheApp("/v/out/clip-h264.mp4: is a folder; give an output file name, or use --output-dir",
        "/v/out/clip-h264.mp4: is a folder; choose another Output folder");
  }

  /**
   * A queue file of an earlier build kept the engine's failure and log lines too: restored, they say the app's words,
   * and the paths (a file named "My --fps 30 clip.mp4") and the filters as they are.
   */
  @Test
  void aFailureAndLogKeptByAnEarlierBuildAreSaidInTheAppsWords() {
    java.nio.file.Path input = java.nio.file.Path.of("/v/My --fps 30 clip.mp4");
    java.nio.file.Path output = java.nio.file.Path.of("/v/out --depth 10/My --fps 30 clip-h264.webm");
    String filters = "drawtext=text='--vf '";
    org.framefork.app.settings.JobSettings settings = new org.framefork.app.settings.JobSettings(
        org.framefork.encoder.encode.VideoCodec.H264, "medium", 23, org.framefork.encoder.plan.ExecutionMode.PARALLEL, 2, 0,
        org.framefork.encoder.encode.Container.WEBM, output.getParent(), org.framefork.encoder.encode.AudioMode.AUTO, filters,
        "", null);
    String failure = input + ": its aac audio cannot be copied into webm; use --audio opus, or another container";
    org.framefork.app.queue.QueueEntry e = org.framefork.app.queue.QueueEntry.restore(new org.framefork.app.queue.QueueEntry.Saved(
        input, org.framefork.app.queue.QueueEntry.State.FAILED, output, 0, 0, failure, settings,
        java.util.List.of("20:01:02  start: -> " + output + "; h264 medium CRF 23, audio auto, " + filters
            + "; parallel on 2 workers", "20:01:03  failed: " + failure), java.util.List.of(), java.util.List.of()));
    String said = input + ": its aac audio cannot be copied into webm; set Audio to opus, or choose another Format";
    assertEquals(said, e.failure());
    assertEquals(java.util.List.of("20:01:02  start: -> " + output + "; h264 medium CRF 23, audio auto, " + filters
        + "; parallel on 2 workers", "20:01:03  failed: " + said), e.logLines());
  }

  /** A job's failure names its input and output as they are, a file "My --fps 30 clip.mp4" and all. */
  @Test
  void aJobsFailureKeepsItsPathsAsTheyAre() {
    java.nio.file.Path input = java.nio.file.Path.of("/v/My --fps 30 clip.mp4");
    java.nio.file.Path output = java.nio.file.Path.of("/v/out --vf x/My --fps 30 clip-h264.webm");
    org.framefork.encoder.job.JobOptions job = org.framefork.encoder.job.JobOptions.defaults(input, output);
    JobOutcome.Failed f = (JobOutcome.Failed) EncodeWorker.outcomeOf(new InputException(input
        + ": its aac audio cannot be copied into webm; use --audio opus, or another container; " + output), job);
    assertEquals(input + ": its aac audio cannot be copied into webm; set Audio to opus, or choose another Format; " + output,
        f.message());
  }
}
