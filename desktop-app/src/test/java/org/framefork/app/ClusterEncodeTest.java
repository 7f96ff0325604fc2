package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.framefork.app.health.LatencyStats;
import org.framefork.app.health.StrictMode;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.app.workers.WorkersView;
import org.framefork.encoder.cluster.Credentials;
import org.framefork.encoder.cluster.HostPort;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.testing.CommandJvm;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster setting end to end: a real worker node in a JVM of its own on 127.0.0.1 (a free port,
 * the cluster's credentials as {@code node --init} makes them), a job started from the window with
 * one worker here, and the workers view grouping the lanes under the node. Every wait is bounded and
 * the node is stopped at the end.
 */
class ClusterEncodeTest {
  @AfterEach
  void forgetTheCluster() {
    UiTestSupport.forgetCluster();
  }

  /** Starting a JVM with Ignite on a busy 2-core machine can take a minute. */
  static final long START_SECONDS = 180;
  static final long ENCODE_SECONDS = 300;

  @BeforeAll
  static void display() {
    UiTestSupport.requireDisplay();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aJobFromTheWindowRunsChunksOnANodeAndItsLanesAreGroupedUnderIt() throws Exception {
    Path input = UiTestSupport.video("ui-360p-10s.mp4", 640, 360, 10, true);
    Path dir = UiTestSupport.emptyFolder("cluster-encode");
    Path cred = dir.resolve("cred");
    String node = "127.0.0.1:" + HostPort.freeLoopbackPair();
    Path nodeLog = dir.resolve("node.log");
    List<Process> processes = new ArrayList<>();
    try {
      processes.add(startNode(dir, cred, node, null, nodeLog));
      try (UiTestSupport.Launched app = launchOnCluster(dir, cred, node, "faster", 1)) {
        MainFrame frame = app.frame();
        JobRecorder recorder = JobRecorder.attach(frame);
        List<String> titles = new ArrayList<>(); // the progress panel's title once the job is planned
        UiTestSupport.onEdt(() -> frame.runner().addObserver(new org.framefork.app.run.JobObserver() {
          @Override
          public void jobEvent(QueueEntry e, JobEvent event) {
            if (event instanceof JobEvent.JobPlanned) {
              titles.add(frame.progress().titleText());
            }
          }
        }));
        // Only the workers setting a cluster job uses can be changed.
        assertEquals(List.of(false, true), UiTestSupport.onEdt(() -> List.of(
            UiTestSupport.find(frame.settings(), "workers", javax.swing.JSpinner.class).isEnabled(),
            UiTestSupport.find(frame.settings(), "clusterWorkers", javax.swing.JSpinner.class).isEnabled())));
        QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
        UiTestSupport.waitUntil("the input is probed", 30, () -> entry.info() != null);
        UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
        JobRun run = recorder.awaitRun(ENCODE_SECONDS);
        recorder.stopped.get(30, TimeUnit.SECONDS);
        JobOutcome.Done done = assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome() + "\n"
            + UiTestSupport.onEdt(entry::logLines) + "\n" + read(nodeLog));

        // The title counts the node's worker and this machine's, not the engine's lanes (a node's include one fetched ahead).
        assertEquals(List.of("Encoding " + input.getFileName() + " · parallel on the cluster, 1 here + 1 worker on the nodes"),
            UiTestSupport.onEdt(() -> List.copyOf(titles)));

        // Frame-exact, by Debian's decoder.
        assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(entry.output()), "frames by Debian's ffprobe");
        assertEquals("", DebianFfmpeg.decodeErrors(entry.output()));

        // The node encoded chunks (its own log says as many), and the events named it for each of them.
        Map<String, Long> chunksByNode = done.report().chunks().times().stream()
            .collect(Collectors.groupingBy(c -> c.remote() == null ? "here" : c.remote().node(), Collectors.counting()));
        long onNode = chunksByNode.getOrDefault(node, 0L);
        assertTrue(onNode > 0, "the node encoded no chunk: " + chunksByNode);
        assertEquals(Set.of("here", node), chunksByNode.keySet());
        assertEquals(onNode, count(read(nodeLog), " finished: "), read(nodeLog));
        Set<String> sentTo = UiTestSupport.onEdt(() -> recorder.events.stream().filter(e -> e instanceof JobEvent.ChunkSent)
            .map(e -> ((JobEvent.ChunkSent) e).node()).collect(Collectors.toSet()));
        assertEquals(Set.of(node), sentTo);

        // The workers view: this machine's lane under "this machine", the node's lanes under its address, each with its chunks.
        List<WorkersView.NodeGroup> groups = UiTestSupport.onEdt(() -> frame.workers().nodeGroups());
        assertEquals(List.of("this machine", node), groups.stream().map(WorkersView.NodeGroup::name).toList(), groups.toString());
        assertEquals(chunksByNode.get("here").intValue(), groups.get(0).chunks(), groups.toString());
        assertEquals(1, groups.get(0).rows(), groups.toString());
        WorkersView.NodeGroup nodeGroup = groups.get(1);
        assertEquals(onNode, nodeGroup.chunks(), groups.toString());
        assertTrue(nodeGroup.rows() >= 1, groups.toString());
        assertTrue(nodeGroup.header().startsWith(node + " · 1 worker · " + onNode + " chunk") && nodeGroup.header().contains("busy "),
            nodeGroup.header());
        assertTrue(UiTestSupport.onEdt(entry::logLines).stream().anyMatch(l -> l.contains("  joined the cluster at " + node + " in ")),
            UiTestSupport.onEdt(entry::logLines).toString());

        UiTestSupport.screenshot(frame, "desktop-app-cluster"); // the groups as drawn, for the docs
        // The UI thread's heartbeat (figures for bench/results): while the first job joins the cluster (from Start to the
        // job's first event), and in the encode stage.
        long probeAt = recorder.stageAt(JobEvent.Stage.PROBE);
        LatencyStats joining = UiTestSupport.onEdt(() -> frame.heartbeat().stats(run.startedAt(), probeAt));
        long encodeAt = recorder.stageAt(JobEvent.Stage.ENCODE);
        long joinAt = recorder.stageAt(JobEvent.Stage.JOIN);
        LatencyStats encoding = UiTestSupport.onEdt(() -> frame.heartbeat().stats(encodeAt, joinAt));
        System.out.printf("cluster job from the app: joining %.1f s: %s; encode stage: %s; job %.1f s, %d of %d chunks on the node%n",
            (probeAt - run.startedAt()) / 1e9, joining, encoding, done.report().stages().wallSeconds(), onNode,
            done.report().chunks().times().size());
        assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
        Thread.sleep(1500); // JFR hands StrictMode its events about a second late
        // No file or socket I/O on the UI thread, and no wait there on the cluster (a lock the AWT shares with every thread,
        // held by one the OS did not run for 20 ms, is the machine's load: EncodeThroughUiTest does not judge those either).
        List<StrictMode.Violation> onTheUiThread = frame.strictMode().violations().stream()
            .filter(v -> v.kind() != StrictMode.Kind.MONITOR_ENTER && v.kind() != StrictMode.Kind.MONITOR_WAIT
                || v.stack().stream().anyMatch(f -> f.contains("ignite") || f.contains(".cluster.") || f.contains("Cluster")))
            .toList();
        assertEquals(List.of(), onTheUiThread, "joining and leaving the cluster stay off the UI thread");
      }
    } finally {
      CommandJvm.stopAll(processes);
    }
  }

  /**
   * One of two nodes killed (kill -9) once it has a chunk, in a job with no worker here: its chunks
   * run again on the other, and the workers view says it left as soon as the job's events say it is
   * gone, never again that it runs chunks, and once the job is done no idle time after it left.
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void aNodeKilledMidJobIsShownAsLeft() throws Exception {
    Path dir = UiTestSupport.emptyFolder("cluster-node-killed");
    Path cred = dir.resolve("cred");
    List<Process> processes = new ArrayList<>();
    try {
      String a = "127.0.0.1:" + HostPort.freeLoopbackPair();
      processes.add(startNode(dir, cred, a, null, dir.resolve("a.log")));
      String b = "127.0.0.1:" + HostPort.freeLoopbackPair(); // once a's ports are taken
      processes.add(startNode(dir, cred, b, a, dir.resolve("b.log")));
      try (UiTestSupport.Launched app = launchOnCluster(dir, cred, a + "," + b, "medium", 0)) {
        MainFrame frame = app.frame();
        JobRecorder recorder = JobRecorder.attach(frame);
        List<String> headersAsItLeft = new ArrayList<>(); // EDT only: b's header as each of its lanes says it left
        UiTestSupport.onEdt(() -> frame.runner().addObserver(new org.framefork.app.run.JobObserver() {
          @Override
          public void jobEvent(QueueEntry entry, JobEvent e) {
            if (e instanceof JobEvent.NodeLeft) {
              frame.workers().nodeGroups().stream().filter(g -> g.name().equals(b)).forEach(g -> headersAsItLeft.add(g.header()));
            }
          }
        }));
        Path input = UiTestSupport.video("ui-360p-10s.mp4", 640, 360, 10, true);
        QueueEntry entry = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input)).get(0));
        UiTestSupport.waitUntil("the input is probed", 30, () -> entry.info() != null);
        UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
        CommandJvm.awaitLine(dir.resolve("b.log"), " taken: ", processes.get(1), ENCODE_SECONDS);
        processes.get(1).destroyForcibly();
        JobRun run = recorder.awaitRun(ENCODE_SECONDS);
        assertInstanceOf(JobOutcome.Done.class, run.outcome(), () -> run.outcome() + "\n" + UiTestSupport.onEdt(entry::logLines));
        assertEquals(DebianFfmpeg.decodedFrames(input), DebianFfmpeg.decodedFrames(entry.output()), "frames by Debian's ffprobe");

        List<String> asItLeft = UiTestSupport.onEdt(() -> List.copyOf(headersAsItLeft));
        assertTrue(!asItLeft.isEmpty() && asItLeft.stream().allMatch(h -> h.matches(java.util.regex.Pattern.quote(b)
            + " · \\d+ chunks? · left at \\d+\\.\\d s(, lost \\d+\\.\\d s)?")), "b's header as it left: " + asItLeft);
        List<WorkersView.NodeGroup> groups = UiTestSupport.onEdt(() -> frame.workers().nodeGroups());
        WorkersView.NodeGroup gone = groups.stream().filter(g -> g.name().equals(b)).findFirst().orElseThrow();
        assertTrue(gone.left() && gone.header().contains(" · left at ") && gone.header().contains(", lost ")
            && !gone.header().contains("idle") && !gone.header().contains("running"), gone.header());
        assertTrue(groups.stream().filter(g -> !g.name().equals(b)).noneMatch(WorkersView.NodeGroup::left), groups.toString());
      }
    } finally {
      CommandJvm.stopAll(processes);
    }
  }

  /**
   * A worker node of 1 worker at {@code node}, joining the one at {@code join} (null: none), with the
   * credentials {@code node --init} makes in {@code cred} (made by the first); once ready.
   */
  private static Process startNode(Path dir, Path cred, String node, String join, Path log) throws Exception {
    if (!Files.exists(cred)) {
      Credentials.init(cred); // what 'framefork node --init DIR' runs
    }
    List<String> args = new ArrayList<>(List.of("node", "--listen", node, "--workers", "1", "--credentials", cred.toString()));
    if (join != null) {
      args.addAll(List.of("--join", join));
    }
    Process p = CommandJvm.start(log, List.of("-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp-" + log.getFileName()))),
        args);
    CommandJvm.awaitLine(log, "ready in", p, START_SECONDS);
    return p;
  }

  /** The app, set to encode on the cluster at {@code node} with {@code workersHere} of this machine's workers. */
  private static UiTestSupport.Launched launchOnCluster(Path dir, Path cred, String node, String preset, int workersHere)
      throws java.io.IOException {
    return UiTestSupport.launch("--light", "--mode", "parallel", "--preset", preset, "--output-dir",
        Files.createDirectories(dir.resolve("out")).toString(), "--cluster", node, "--credentials", cred.toString(), "--workers",
        Integer.toString(workersHere));
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (java.io.IOException e) {
      return p + ": " + e.getMessage();
    }
  }

  private static long count(String s, String what) {
    return s.lines().filter(l -> l.contains(what)).count();
  }
}
