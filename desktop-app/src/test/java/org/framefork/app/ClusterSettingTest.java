package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.queue.QueueStore;
import org.framefork.app.run.JobOutcome;
import org.framefork.app.run.JobRun;
import org.framefork.app.settings.ClusterSetting;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cluster setting: the engine's checks in one sentence, remembered between runs and in the queue file. */
class ClusterSettingTest {
  @AfterEach
  void forgetTheCluster() {
    UiTestSupport.forgetCluster();
  }

  static final Path CRED = Path.of("/tmp/framefork-cred");

  @Test
  void eachMistakeIsOneSentenceInTheSettingsWords() {
    assertNull(new ClusterSetting("127.0.0.1:47500,10.0.0.2", CRED, 0).problem(ExecutionMode.PARALLEL));
    assertEquals("cluster 127.0.0.1:x: the port must be a number",
        new ClusterSetting("127.0.0.1:x", CRED, 2).problem(ExecutionMode.PARALLEL));
    assertEquals("cluster host:70000: the port must be 1 to 65534 (the next one is used too)",
        new ClusterSetting("host:70000", CRED, 2).problem(ExecutionMode.PARALLEL));
    assertEquals("cluster: give at least one HOST:PORT", new ClusterSetting(" , ", CRED, 2).problem(ExecutionMode.PARALLEL));
    assertTrue(new ClusterSetting("h:1", null, 2).problem(ExecutionMode.PARALLEL).startsWith("choose the cluster's credentials folder"));
    assertEquals("a cluster runs chunks in parallel; choose the parallel mode, or clear the cluster's addresses",
        new ClusterSetting("h:1", CRED, 2).problem(ExecutionMode.SEQUENTIAL));
    assertTrue(new ClusterSetting("h:1", CRED, -1).problem(ExecutionMode.PARALLEL).startsWith("workers here: give 0"));
    // Through the job's settings, as Start asks: the same sentence, and none without a cluster.
    assertEquals("cluster h:x: the port must be a number", settings(new ClusterSetting("h:x", CRED, 1)).problem());
    assertNull(settings(null).problem());
  }

  @Test
  void theCommandLineChecksTheClusterAsTheEncodeCommandDoes() {
    Path none = UiTestSupport.emptyFolder("no-credentials");
    assertEquals("--workers 0: use 1 to " + AppArgs.maxWorkers() + " on this machine ("
        + Runtime.getRuntime().availableProcessors() + " cores)", message(() -> AppArgs.parse("--workers", "0")));
    assertTrue(message(() -> AppArgs.parse("--cluster", "h:1")).startsWith("--cluster needs --credentials DIR"));
    assertEquals("--credentials is for --cluster; give --cluster HOST:PORT too, or drop it",
        message(() -> AppArgs.parse("--credentials", "cred")));
    assertEquals("--cluster h:p: the port must be a number", message(() -> AppArgs.parse("--cluster", "h:p", "--credentials", "c")));
    assertEquals("--cluster runs chunks in parallel; drop --mode sequential",
        message(() -> AppArgs.parse("--cluster", "h:1", "--credentials", "c", "--mode", "sequential")));
    assertEquals("--credentials " + none + ": no node.p12 there; make the folder with 'framefork node --init " + none
        + "' and copy it to every machine", message(() -> AppArgs.parse("--cluster", "h:1", "--credentials", none.toString(),
        "--workers", "0")));
  }

  @Test
  void theClusterIsRememberedBetweenRunsAndEmptyAddressesMeanThisMachine() {
    Path cred = UiTestSupport.emptyFolder("remembered-cred");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      setCluster(app.frame(), "127.0.0.1:47610,127.0.0.1:47620", cred, 0);
      ClusterSetting c = UiTestSupport.onEdt(() -> app.frame().settings().current().cluster());
      assertEquals(new ClusterSetting("127.0.0.1:47610,127.0.0.1:47620", cred, 0), c);
    }
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      ClusterSetting c = UiTestSupport.onEdt(() -> app.frame().settings().current().cluster());
      assertEquals(new ClusterSetting("127.0.0.1:47610,127.0.0.1:47620", cred, 0), c, "the cluster after a restart");
      UiTestSupport.onEdt(() -> {
        UiTestSupport.find(app.frame().settings(), "clusterAddresses", JTextField.class).setText("  ");
        UiTestSupport.find(app.frame().settings(), "clusterWorkers", JSpinner.class).setValue(3);
      });
      assertNull(UiTestSupport.onEdt(() -> app.frame().settings().current().cluster()), "no addresses: this machine only");
    }
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      assertNull(UiTestSupport.onEdt(() -> app.frame().settings().current().cluster()));
      assertEquals(3, UiTestSupport.onEdt(() -> UiTestSupport.find(app.frame().settings(), "clusterWorkers", JSpinner.class).getValue()));
    }
  }

  @Test
  void onlyTheWorkersSettingTheNextJobUsesCanBeChanged() {
    Path cred = UiTestSupport.emptyFolder("greyed-cred");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--mode", "parallel")) {
      MainFrame frame = app.frame();
      UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "clusterAddresses", JTextField.class).setText(""));
      assertEquals(List.of(true, false), workersEnabled(frame), "this machine only: Workers");
      setCluster(frame, "127.0.0.1:47610", cred, 0);
      assertEquals(List.of(false, true), workersEnabled(frame), "a cluster: Workers here");
      UiTestSupport.onEdt(() -> frame.settings().setMode(ExecutionMode.SEQUENTIAL, 2));
      assertEquals(List.of(false, false), workersEnabled(frame), "sequential: neither");
      UiTestSupport.onEdt(() -> {
        frame.settings().setMode(ExecutionMode.PARALLEL, 2);
        UiTestSupport.find(frame.settings(), "clusterAddresses", JTextField.class).setText(" ");
      });
      assertEquals(List.of(true, false), workersEnabled(frame), "addresses cleared: Workers again");
    }
  }

  /** Whether "Workers" and "Workers here" can be changed. */
  private static List<Boolean> workersEnabled(MainFrame frame) {
    return UiTestSupport.onEdt(() -> List.of(UiTestSupport.find(frame.settings(), "workers", JSpinner.class).isEnabled(),
        UiTestSupport.find(frame.settings(), "clusterWorkers", JSpinner.class).isEnabled()));
  }

  @Test
  void anEntryKeepsItsClusterInTheQueueFileForResume() throws Exception {
    Path dir = UiTestSupport.emptyFolder("cluster-queue-file");
    QueueStore store = new QueueStore(dir.resolve("queue.json"));
    QueueEntry e = new QueueEntry(dir.resolve("in.mp4"));
    JobSettings s = settings(new ClusterSetting("127.0.0.1:47610", dir.resolve("cred"), 1));
    e.started(dir.resolve("out.mp4"), s);
    e.cancelled();
    store.save(List.of(e.saved()));
    assertTrue(store.awaitWritten(10_000));
    List<QueueEntry.Saved> back = new QueueStore(store.file()).load().entries();
    assertEquals(s, back.get(0).settings());
    // A queue file of a build without the setting: no cluster, so the entry resumes on this machine.
    String old = Files.readString(store.file()).replaceAll("(?s),\\s*\"cluster\"\\s*:\\s*\\{[^}]*\\}", "");
    assertTrue(!old.contains("\"cluster\""), old);
    Files.writeString(store.file(), old);
    assertNull(new QueueStore(store.file()).load().entries().get(0).settings().cluster());
  }

  @Test
  void credentialsTheEngineRefusesFailTheJobInOneLineOffTheUiThreadAndStopTheQueue() throws Exception {
    // The folder exists but holds no credentials: the engine's own check (run when the job starts, as it reads files) refuses it.
    Path notCredentials = UiTestSupport.emptyFolder("not-credentials");
    Path input = UiTestSupport.video("ui-360p-2s.mp4", 640, 360, 2, false);
    Path out = UiTestSupport.emptyFolder("cluster-refused");
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light", "--mode", "parallel", "--output-dir", out.toString())) {
      MainFrame frame = app.frame();
      setCluster(frame, "127.0.0.1:1", notCredentials, 1);
      JobRecorder recorder = JobRecorder.attach(frame);
      Path second = Files.copy(input, notCredentials.resolveSibling("second-" + input.getFileName()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<QueueEntry> entries = UiTestSupport.onEdt(() -> frame.queue().addFiles(List.of(input, second)));
      UiTestSupport.waitUntil("the inputs are probed", 30, () -> entries.stream().allMatch(x -> x.info() != null));
      UiTestSupport.onEdt(() -> frame.startAction().actionPerformed(null));
      JobRun run = recorder.awaitRun(60);
      recorder.stopped.get(30, TimeUnit.SECONDS);
      String expected = "credentials folder " + notCredentials + ": no node.p12 there; make the folder with 'framefork node --init "
          + notCredentials + "' and copy it to every machine";
      assertEquals(new JobOutcome.Failed(expected), run.outcome());
      assertEquals(expected, UiTestSupport.onEdt(() -> entries.get(0).failure()));
      assertEquals(QueueEntry.State.WAITING, UiTestSupport.onEdt(() -> entries.get(1).state()), "the queue stopped after it");
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
      Thread.sleep(1500); // JFR hands StrictMode its events about a second late
      assertEquals(List.of(), frame.strictMode().violations(), "the credentials are read off the UI thread");
    }
  }

  /** Types the cluster setting into the window's fields. */
  private static void setCluster(MainFrame frame, String addresses, Path credentials, int workersHere) {
    UiTestSupport.onEdt(() -> {
      UiTestSupport.find(frame.settings(), "clusterAddresses", JTextField.class).setText(addresses);
      UiTestSupport.find(frame.settings(), "clusterCredentials", JTextField.class).setText(credentials.toString());
      UiTestSupport.find(frame.settings(), "clusterWorkers", JSpinner.class).setValue(workersHere);
    });
  }

  private static JobSettings settings(ClusterSetting cluster) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, Path.of("/tmp/out"),
        AudioMode.AUTO, "", "", cluster);
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
