package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InterleavedTest {
  @Test
  void oneChunkIsSingular() {
    assertEquals("1 chunk", Interleaved.chunks(1));
    assertEquals("2 chunks", Interleaved.chunks(2));
    assertEquals("0 chunks", Interleaved.chunks(0));
  }
}
