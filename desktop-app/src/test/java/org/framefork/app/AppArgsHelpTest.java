package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code framefork gui --help}: its exit codes stay in their column, and list every code the app ends with. */
class AppArgsHelpTest {
  @Test
  void exitCodesStayInTheirColumnAndIncludeStrictModesDeath() {
    String help = AppArgs.usage();
    List<String> codes = help.substring(help.indexOf("Exit codes:")).lines().skip(1).toList();
    for (String line : codes) {
      assertTrue(line.startsWith("  ") && line.length() <= 80, "an exit code's line wrapped:\n" + help);
    }
    for (String code : List.of("  0    ", "  1    ", "  2    ", "  3    ")) {
      assertTrue(codes.stream().anyMatch(l -> l.startsWith(code)), code.strip() + " listed:\n" + help);
    }
    assertTrue(help.contains("death (exit 3)"), "--strict-mode says which code death is");
  }
}
