package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.framefork.bench.BenchMain;
import org.junit.jupiter.api.Test;

/** The README's figures table quotes figures that the files it links hold. */
class ReadmeFiguresTest {
  private static final Path ROOT = BenchMain.checkoutRoot();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)]+)\\)");

  private static String row(String start) throws Exception {
    return Files.readAllLines(ROOT.resolve("README.md")).stream().filter(l -> l.startsWith("| " + start)).findFirst()
        .orElseThrow(() -> new AssertionError("README has no row " + start));
  }

  private static List<String> linked(String row) throws Exception {
    List<String> texts = new ArrayList<>();
    Matcher m = LINK.matcher(row);
    while (m.find()) {
      texts.add(Files.readString(ROOT.resolve(m.group(1))));
    }
    return texts;
  }

  @Test
  void theKernelSpeedUpsAreThoseOfTheLinkedKernelResults() throws Exception {
    String row = row("Vector API over plain Java");
    List<String> files = linked(row);
    assertEquals(1, files.size(), row);
    List<SimdKernels.KernelRow> rows = SimdKernels.parse(files.get(0));
    List<String> quoted = new ArrayList<>();
    for (String kernel : SimdKernels.TARGETS.keySet()) {
      double v = rows.stream().filter(r -> r.benchmark().equals(kernel) && r.impl().equals("vector")).findFirst().orElseThrow()
          .opsPerSecond();
      double p = rows.stream().filter(r -> r.benchmark().equals(kernel) && r.impl().equals("plain")).findFirst().orElseThrow()
          .opsPerSecond();
      quoted.add(String.format(Locale.ROOT, "%.1fx", v / p));
    }
    assertTrue(row.contains("**" + String.join(", ", quoted) + "**"), quoted + " not in " + row);
  }

  @Test
  void theBenchRangeOfFfmpegThreadingIsInTheLinkedFiles() throws Exception {
    String row = row("FrameFork (2 workers) vs one libx264");
    Matcher range = Pattern.compile("\\((\\d+\\.\\d+x)-(\\d+\\.\\d+x) in the bench\\)").matcher(row);
    assertTrue(range.find(), row);
    String all = String.join("\n", linked(row));
    assertTrue(all.contains(range.group(1)) && all.contains(range.group(2)), row);
  }
}
