package org.framefork.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import org.framefork.app.AppLog;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.media.Ffmpeg;

/**
 * Loads what the first job would otherwise load while it runs: the engine's classes, the JSON
 * machinery of its work folder (about 500 Jackson classes) and FFmpeg's libraries, once, on a
 * background thread while the window is idle. Measured: without it the first job loads some 1,300
 * classes and its class-metadata garbage collections pause every thread, the UI thread included,
 * in the first second of the encode. Nothing here touches Swing.
 */
public final class EngineWarmup {
  private EngineWarmup() {}

  public static void start() {
    Thread t = new Thread(EngineWarmup::run, "framefork-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void run() {
    long t0 = System.nanoTime();
    try {
      Ffmpeg.loadLibraries();
      // The preview's grabber also needs FFmpeg's filters and devices.
      Class.forName("org.bytedeco.javacv.FFmpegFrameGrabber", true, EngineWarmup.class.getClassLoader());
      MessageDigest.getInstance("SHA-256"); // the segments' checksums
      int classes = loadEngineClasses();
      JobWorkspace.warmUp(); // the work folder's JSON, through the engine's own mapper
      // The pattern switches the UI folds events with are linked once, here, instead of at the first event.
      JobProgress progress = new JobProgress();
      progress.apply(new JobEvent.StageStarted(JobEvent.Stage.ENCODE, System.nanoTime()));
      progress.apply(new JobEvent.ChunkProgress(0, 0, 1, 1, System.nanoTime()));
      AppLog.info(String.format("engine warmed up in %.0f ms (%d classes)", (System.nanoTime() - t0) / 1e6, classes));
    } catch (IOException | ReflectiveOperationException | NoSuchAlgorithmException | RuntimeException | LinkageError e) {
      // Only a head start: the first job loads whatever is missing itself.
      AppLog.warn("engine warm-up stopped: " + e);
    }
  }

  /** Loads and initialises the engine's classes (its command line aside). */
  private static int loadEngineClasses() throws IOException {
    Path code;
    try {
      code = Path.of(EncodeJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return 0;
    }
    if (Files.isDirectory(code)) {
      return loadFrom(code);
    }
    try (FileSystem jar = FileSystems.newFileSystem(code)) {
      return loadFrom(jar.getPath("/"));
    }
  }

  private static int loadFrom(Path root) throws IOException {
    Path pkg = root.resolve("org/framefork/encoder");
    if (!Files.isDirectory(pkg)) {
      return 0;
    }
    ClassLoader loader = EncodeJob.class.getClassLoader();
    int n = 0;
    try (Stream<Path> files = Files.walk(pkg)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.startsWith("org.framefork.encoder.cli.")) {
          continue;
        }
        try {
          Class.forName(name, true, loader);
          n++;
        } catch (ClassNotFoundException | LinkageError e) {
          // a class that cannot load now fails the same way in the job, with the job's own message
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return n;
  }
}
