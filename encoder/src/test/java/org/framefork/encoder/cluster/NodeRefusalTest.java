package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Which nodes a coordinator refuses, and the one line it says why. A node of another version is
 * refused end to end in {@link ClusterProcessTest}; an FFmpeg without one of FrameFork's encoders
 * cannot be made here (every build this project ships has all four), so the check is pinned on the
 * attributes such a node would send.
 */
class NodeRefusalTest {
  static final String OURS = ClusterInfo.version();

  @Test
  void aNodeLikeThisOneIsTaken() {
    assertNull(ClusterSession.refusal(OURS, OURS, ClusterInfo.encoders(), "libx264"));
  }

  @Test
  void aNodeWhoseFfmpegLacksTheEncoderIsRefused() {
    assertEquals("its FFmpeg has no libsvtav1 encoder (it has libx264,libx265)",
        ClusterSession.refusal(OURS, OURS, "libx264,libx265", "libsvtav1"));
    assertEquals("its FFmpeg has no libx264 encoder (it has none)", ClusterSession.refusal(OURS, OURS, "", "libx264"));
    assertEquals("its FFmpeg has no libx264 encoder (it has none)", ClusterSession.refusal(OURS, OURS, null, "libx264"));
  }

  @Test
  void aNodeOfAnotherVersionIsRefused() {
    String theirs = "FrameFork 0.9, FFmpeg 7.1, chunk format " + ChunkWire.FORMAT;
    assertEquals("it runs " + theirs + "; this is " + OURS + " (run the same FrameFork on every machine)",
        ClusterSession.refusal(OURS, theirs, "libx264", "libx264"));
  }

  @Test
  void theVersionIsReadOnceNotAtEachRejoin() {
    // Read again when a node rejoined, after its jar was rebuilt under it: "development build", and refused.
    assertSame(ClusterInfo.version(), ClusterInfo.version());
    assertSame(org.framefork.encoder.report.BuildVersion.frameFork(), org.framefork.encoder.report.BuildVersion.frameFork());
  }
}
