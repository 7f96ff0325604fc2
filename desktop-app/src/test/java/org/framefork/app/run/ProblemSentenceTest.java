package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemSentenceTest {
  @Test
  void aProblemBecomesASentence() {
    assertEquals("Choose an output folder.", QueueRunner.asSentence("choose an output folder"));
    assertEquals("Target quality vmaf=120: give 0 to 100.", QueueRunner.asSentence("target quality vmaf=120: give 0 to 100"));
  }

  @Test
  void codecAndFormatNamesKeepTheirLowerCase() {
    assertEquals("vp9 writes 8-bit video in this build.", QueueRunner.asSentence("vp9 writes 8-bit video in this build"));
    assertEquals("webm cannot hold h264 video.", QueueRunner.asSentence("webm cannot hold h264 video"));
    assertEquals("mp4: no.", QueueRunner.asSentence("mp4: no"));
  }
}
