package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What BenchReport writes: results.json's numbers, report.md's code spans. */
class BenchReportTest {
  record Figures(double joinSeconds, Double karpFlatt, double speedup, List<Double> rounds) {}

  /** results.json holds numbers or null: never the string "NaN", which no reader takes for a number. */
  @Test
  void aFigureThatIsNotANumberIsNull() throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cluster", new Figures(Double.NaN, Double.NaN, 1.95, List.of(1.5, Double.POSITIVE_INFINITY)));
    json.put("plain", Double.NaN);
    String text = BenchReport.jsonMapper().writeValueAsString(json);
    assertTrue(!text.contains("NaN") && !text.contains("Infinity"), text);
    JsonNode back = new ObjectMapper().readTree(text);
    assertTrue(back.at("/cluster/joinSeconds").isNull(), text);
    assertTrue(back.at("/cluster/karpFlatt").isNull(), text);
    assertEquals(1.95, back.at("/cluster/speedup").doubleValue(), 0);
    assertEquals(1.5, back.at("/cluster/rounds/0").doubleValue(), 0);
    assertTrue(back.at("/cluster/rounds/1").isNull(), text);
    assertTrue(back.at("/plain").isNull(), text);
  }

  @Test
  void aCommandWithBackticksStaysOneCodeSpan() {
    assertEquals("`framefork bench --quick`", BenchReport.code("framefork bench --quick"));
    assertEquals("`` framefork bench --title 'a`b' ``", BenchReport.code("framefork bench --title 'a`b'"));
    assertEquals("``` a``b ```", BenchReport.code("a``b"));
  }
}
