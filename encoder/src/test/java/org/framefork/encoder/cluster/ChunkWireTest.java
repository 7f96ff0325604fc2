package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.media.HdrMetadata;
import org.framefork.encoder.plan.Chunk;
import org.junit.jupiter.api.Test;

class ChunkWireTest {
  @Test
  void requestsAndRepliesRoundTrip() {
    ChunkWire.Filters filters = new ChunkWire.Filters("overlay=overlay-0.png:-16:8,gray", "BT709", "FULL",
        List.of(new byte[] {7, 8}));
    ChunkWire.Request r = new ChunkWire.Request("in.mp4", "c0ffee", new Chunk(3, 30, 30, 3003, 6006, 2002),
        new EncodeSettings(VideoCodec.H265, 28.5, "fast", 1), true, ChunkWire.Source.packets("mp4", 0, new byte[] {1, 2, 3}), filters);
    ChunkWire.Request back = ChunkWire.readRequest(ChunkWire.write(r));
    assertEquals(r.chunk(), back.chunk());
    assertEquals(r.settings(), back.settings());
    assertEquals("mp4", back.source().container());
    assertEquals("c0ffee", back.coordinator());
    assertArrayEquals(r.source().bytes(), back.source().bytes());
    assertEquals(filters.chain(), back.filters().chain());
    assertEquals("BT709", back.filters().matrix());
    assertEquals("FULL", back.filters().range());
    assertArrayEquals(new byte[] {7, 8}, back.filters().overlays().get(0));

    ChunkWire.Request shared = ChunkWire.readRequest(ChunkWire.write(new ChunkWire.Request("in.mp4", "c0ffee", r.chunk(),
        r.settings(), false, ChunkWire.Source.shared("/mnt/videos/in.mp4", 2, "1234:ab"), ChunkWire.Filters.NONE)));
    assertTrue(shared.source().isShared());
    assertEquals("/mnt/videos/in.mp4", shared.source().sharedPath());
    assertEquals(2, shared.source().videoIndex());
    assertEquals("1234:ab", shared.source().fingerprint());
    assertTrue(shared.filters().isEmpty());

    ChunkWire.Reply ok = new ChunkWire.Reply("node-1", null, new long[] {1, 2}, new byte[] {9}, "ab", 5, 7, 3);
    ChunkWire.Reply okBack = ChunkWire.readReply(ChunkWire.write(ok));
    assertArrayEquals(ok.framePts(), okBack.framePts());
    assertArrayEquals(ok.segment(), okBack.segment());
    assertEquals("ab", okBack.sha256());
    assertEquals(5, okBack.encodeNanos());
    assertEquals(7, okBack.queueNanos());
    assertEquals(3, okBack.firstReadNanos());
    ChunkWire.Reply failed = ChunkWire.readReply(ChunkWire.write(ChunkWire.Reply.failed("n", "no encoder")));
    assertEquals("no encoder", failed.error());
    assertNull(failed.segment());
  }

  @Test
  void aSettledHdrPictureFormatRoundTrips() {
    HdrMetadata hdr = new HdrMetadata(new HdrMetadata.MasteringDisplay(0.68, 0.32, 0.265, 0.69, 0.15, 0.06, 0.3127, 0.329, 1000, 0.005),
        new HdrMetadata.ContentLight(1000, 400));
    EncodeSettings s = new EncodeSettings(VideoCodec.AV1, 35, "fast", 1, new PictureFormat(10, hdr, true));
    ChunkWire.Request r = new ChunkWire.Request("in.mp4", "c0ffee", new Chunk(0, 0, 1, 0, 1, 0), s, false,
        ChunkWire.Source.packets("mkv", 0, new byte[0]), ChunkWire.Filters.NONE);
    assertEquals(s, ChunkWire.readRequest(ChunkWire.write(r)).settings());
    EncodeSettings plain = EncodeSettings.defaults();
    assertEquals(plain, ChunkWire.readRequest(ChunkWire.write(new ChunkWire.Request("x", "c0ffee", new Chunk(0, 0, 1, 0, 1, 0),
        plain, false, ChunkWire.Source.packets("mkv", 0, new byte[0]), ChunkWire.Filters.NONE))).settings());
  }

  /** A video's --alpha-over colour reaches a node's chunk, which composites its pictures over it. */
  @Test
  void theColourAVideosAlphaGoesOverRoundTrips() {
    EncodeSettings s = new EncodeSettings(VideoCodec.H264, 20, "fast", 1,
        new PictureFormat(8, null, true).withAlphaOver(new org.framefork.encoder.media.Background(0x33, 0x66, 0xcc)));
    ChunkWire.Request r = new ChunkWire.Request("in.mov", "c0ffee", new Chunk(0, 0, 1, 0, 1, 0), s, false,
        ChunkWire.Source.packets("mov", 0, new byte[0]), ChunkWire.Filters.NONE);
    assertEquals(s, ChunkWire.readRequest(ChunkWire.write(r)).settings());
  }

  @Test
  void malformedOrForeignBytesAreRefused() {
    byte[] good = ChunkWire.write(new ChunkWire.Request("x", "c0ffee", new Chunk(0, 0, 1, 0, 1, 0), EncodeSettings.defaults(), false,
        ChunkWire.Source.packets("mkv", 0, new byte[10]), ChunkWire.Filters.NONE));
    assertThrows(IllegalArgumentException.class, () -> ChunkWire.readRequest(Arrays.copyOf(good, good.length - 3)));
    byte[] otherFormat = good.clone();
    otherFormat[3] = 99;
    assertThrows(IllegalArgumentException.class, () -> ChunkWire.readRequest(otherFormat));
    byte[] badName = ChunkWire.write(new ChunkWire.Request("x", "c0ffee", new Chunk(0, 0, 1, 0, 1, 0), EncodeSettings.defaults(), false,
        ChunkWire.Source.packets("../etc", 0, new byte[1]), ChunkWire.Filters.NONE));
    assertThrows(IllegalArgumentException.class, () -> ChunkWire.readRequest(badName));
  }

  @Test
  void addressesParse() {
    assertEquals(new HostPort("10.0.0.2", 47500), HostPort.parse("10.0.0.2", "--join"));
    assertEquals(new HostPort("127.0.0.1", 5000), HostPort.parse(":5000", "--listen"));
    assertEquals(new HostPort("::1", 4000), HostPort.parse("[::1]:4000", "--join"));
    assertEquals(List.of(new HostPort("a", 1), new HostPort("b", 2)), HostPort.parseList("a:1, b:2", "--cluster"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("a:65535", "--listen"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parse("a:x", "--listen"));
  }
}
