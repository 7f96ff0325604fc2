package org.framefork.encoder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.framefork.encoder.cluster.NodeProbe.Still;
import org.junit.jupiter.api.Test;

class RoutersTest {
  @Test
  void aStillNodeIsLeftOutOnlyWhenAnotherNodeAnswered() {
    assertEquals(List.of("a:47500"), Routers.stillOnes(Map.of("a:47500", Still.STILL, "b:47500", Still.ANSWERED)));
    assertEquals(List.of("a:47500", "c:47500"),
        Routers.stillOnes(Map.of("c:47500", Still.STILL, "a:47500", Still.STILL, "b:47500", Still.ANSWERED, "d:47500", Still.NONE)));
    // The others were killed (refused): none answered, and the frozen one is the only node that may take the reconnect.
    assertEquals(List.of(), Routers.stillOnes(Map.of("a:47500", Still.STILL, "b:47500", Still.NONE)));
    assertEquals(List.of(), Routers.stillOnes(Map.of("a:47500", Still.STILL)));
    assertEquals(List.of(), Routers.stillOnes(Map.of("a:47500", Still.ANSWERED, "b:47500", Still.NONE)));
  }
}
