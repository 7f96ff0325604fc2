package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {
  @Test
  void aCellsPipesAndLineBreaksDoNotBreakTheRow() {
    String md = new MarkdownTable("key", "value").row("command", "`bench --title 'a|b\nc\r\nd'`").toString();
    assertEquals("| key | value |\n|---|---|\n| command | `bench --title 'a\\|b<br>c<br>d'` |\n", md);
  }
}
