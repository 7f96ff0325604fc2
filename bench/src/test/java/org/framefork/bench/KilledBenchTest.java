package org.framefork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.framefork.bench.pipeline.StaleFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bench run in a JVM of its own, killed while it encodes: SIGINT and SIGTERM leave none of its
 * folders (its shutdown hook removes them); kill -9 leaves its work and staging folders, named for its
 * pid and holding the lock it held, and the next run removes them, before it looks at --out.
 */
class KilledBenchTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSignalLeavesNoFolders(String signal, int code) throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path out = dir.resolve("report");
    Process bench = startEncoding(tmp, out);
    kill("-" + signal, bench.pid());
    assertTrue(bench.waitFor(60, TimeUnit.SECONDS), "the bench ended");
    String log = Files.readString(dir.resolve("bench.log"));
    assertEquals(code, bench.exitValue(), log);
    assertTrue(log.contains("framefork bench: interrupted; no report was written"), log);
    assertEquals(List.of(), names(tmp), "no work folder left: " + log);
    assertFalse(Files.exists(out), "no report folder, staging folder or not: " + log);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void theNextRunRemovesWhatAKill9Left() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path out = dir.resolve("report");
    Process bench = startEncoding(tmp, out);
    kill("-KILL", bench.pid());
    assertTrue(bench.waitFor(60, TimeUnit.SECONDS), "the bench ended");
    String pid = "pid" + bench.pid() + "-";
    List<String> work = names(tmp);
    List<String> staging = names(out);
    assertEquals(1, work.size(), work.toString());
    assertTrue(work.getFirst().startsWith("framefork-bench-" + pid), work.toString());
    assertEquals(1, staging.size(), staging.toString());
    assertTrue(staging.getFirst().startsWith(".partial-" + pid), staging.toString());
    // A folder named for this JVM's pid in the same places stays.
    Path live = Files.createDirectory(tmp.resolve("framefork-bench-pid" + ProcessHandle.current().pid() + "-1"));
    // A killed run's leftovers in the default report folders (here dir/results, not the checkout's) go too.
    Path results = Files.createDirectories(dir.resolve("results/2026-12-07-host"));
    Path leftover = Files.createDirectory(results.resolve(staging.getFirst()));
    Files.createFile(leftover.resolve(".owner.lock"));

    // The next run, refused for a bad option, has removed them first: --out is empty again, not "holds files already".
    Process next = start(tmp, List.of("--out", out.toString(), "--max-workers", "99999"));
    assertTrue(next.waitFor(60, TimeUnit.SECONDS), "the next run ended");
    String log = Files.readString(dir.resolve("bench.log"));
    assertEquals(2, next.exitValue(), log);
    assertTrue(log.contains("removed 3 folders that killed runs left: "), log);
    assertTrue(log.contains("--max-workers 99999: give 1 to "), log);
    assertFalse(log.contains("holds files already"), log);
    assertEquals(List.of(live.getFileName().toString()), names(tmp));
    assertEquals(List.of(), names(out));
    assertEquals(List.of(), names(results), "the report folder itself stays");
  }

  /**
   * A live run's folders stay, whatever their names say: the sweep takes only folders whose lock it
   * can take. The same lock under a folder named for a pid that is gone (a run of another pid
   * namespace, or one whose pid was given again) keeps it too; once the run is killed, both go.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aLiveRunsFoldersStayWhateverTheirPid() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path out = dir.resolve("report");
    Process bench = startEncoding(tmp, out);
    try {
      Path work = tmp.resolve(names(tmp).getFirst());
      Path elsewhere = Files.createDirectory(tmp.resolve("framefork-bench-pid" + gone.pid() + "-2"));
      Files.createLink(elsewhere.resolve(".owner.lock"), work.resolve(".owner.lock")); // the same file, so the same lock
      assertEquals(List.of(), StaleFolders.sweep(tmp, dir.resolve("results"), out));
      assertTrue(Files.isDirectory(work) && Files.isDirectory(elsewhere));
      assertEquals(1, names(out).size(), names(out).toString());
    } finally {
      kill("-KILL", bench.pid());
      assertTrue(bench.waitFor(60, TimeUnit.SECONDS), "the bench ended");
    }
    assertEquals(3, StaleFolders.sweep(tmp, dir.resolve("results"), out).size());
    assertEquals(List.of(), names(tmp));
    assertEquals(List.of(), names(out));
  }

  /**
   * The sweep takes folders whose lock is free, and leaves report folders, folders without a lock
   * file, other names, and names whose pid is too long for any number.
   */
  @Test
  void theSweepTakesOnlyFoldersOfProcessesThatAreGone() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path results = Files.createDirectory(dir.resolve("results"));
    Path reserved = Files.createDirectories(results.resolve("2026-12-07-host-quick/.partial-pid" + gone.pid() + "-7"));
    Files.writeString(reserved.resolve("modes.csv"), "half");
    Path report = Files.createDirectories(results.resolve("2026-12-06-host"));
    Files.writeString(report.resolve("report.md"), "# a report");
    Path work = Files.createDirectory(tmp.resolve("framefork-bench-pid" + gone.pid() + "-9"));
    Path huge = Files.createDirectory(tmp.resolve("framefork-bench-pid99999999999999999999-x"));
    Path ours = Files.createDirectory(tmp.resolve("framefork-bench-pid" + ProcessHandle.current().pid() + "-11"));
    for (Path p : List.of(reserved, Files.createDirectory(report.resolve(".partial-pid" + gone.pid() + "-8")), work, huge, ours)) {
      Files.createFile(p.resolve(".owner.lock"));
    }
    Path other = Files.createDirectory(tmp.resolve("framefork-bench-1234567")); // an older build's: no owner named
    Path unlocked = Files.createDirectory(tmp.resolve("framefork-bench-pid" + gone.pid() + "-12")); // no lock file

    List<Path> removed = StaleFolders.sweep(tmp, results, null);
    assertEquals(3, removed.size(), removed.toString());
    assertEquals(List.of(), names(reserved.getParent()), "the reserved folder stays, empty: free to the next run");
    assertEquals(List.of("report.md"), names(report));
    assertEquals(List.of(other, huge, ours, unlocked).stream().map(p -> p.getFileName().toString()).sorted().toList(), names(tmp));
    assertFalse(Files.exists(work));
  }

  /** The bench encoding the bundled 720p sample, once its warm-up encode has begun (its folders made, its hook set). */
  private Process startEncoding(Path tmp, Path out) throws Exception {
    Path sample = BenchMain.checkoutRoot().resolve("samples/media/sample-720p30-10s.mp4");
    Process p = start(tmp, List.of("--input", sample.toString(), "--out", out.toString(), "--skip",
        "workers,granularity,threading,kernels,shared-state,ui,cluster,quality"));
    Path log = dir.resolve("bench.log");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains("warm-up: one untimed encode")) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    assertTrue(p.isAlive(), "still encoding when killed:\n" + Files.readString(log));
    return p;
  }

  /**
   * {@code framefork bench ARGS} in a JVM of its own whose temporary folder is {@code tmp} and whose
   * default report folders are under {@code dir/results} (not the checkout's), its output in bench.log.
   */
  private Process start(Path tmp, List<String> args) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-D" + StaleFolders.RESULTS_PROPERTY + "="
        + dir.resolve("results"), "-cp", System.getProperty("java.class.path"),
        BenchMain.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("bench.log").toFile())
        .redirectInput(new File("/dev/null")).start();
  }

  private static void kill(String signal, long pid) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor(), "kill " + signal + " " + pid);
  }

  private static List<String> names(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
