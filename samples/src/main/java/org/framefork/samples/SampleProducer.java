package org.framefork.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.framefork.samples.output.ClipWriter;
import org.framefork.samples.output.SampleManifest;
import org.framefork.samples.picture.FrameRenderer;
import org.framefork.samples.picture.YuvPicture;
import org.framefork.samples.script.Scene;
import org.framefork.samples.script.SceneScript;
import org.framefork.samples.sound.ToneTrack;

/**
 * Makes one sample: plans the script, renders and encodes every frame with its sound, then writes
 * the sidecar. The clip appears under its name only when it is complete.
 */
public final class SampleProducer {
  private SampleProducer() {}

  public static SceneScript script(SampleSpec spec) {
    return SceneScript.plan(spec.width(), spec.height(), spec.fps(), spec.frameCount(), spec.seed(), spec.sceneLength());
  }

  public static SampleManifest produce(SampleSpec spec) throws IOException {
    SceneScript script = script(spec);
    List<Integer> keyframes = script.keyframes(spec.video().gop());
    boolean[] key = new boolean[script.frameCount()];
    keyframes.forEach(k -> key[k] = true);

    Path output = spec.output().toAbsolutePath();
    Files.createDirectories(output.getParent());
    Path part = output.resolveSibling("." + output.getFileName() + ".part");
    Files.deleteIfExists(part);
    ToneTrack track = new ToneTrack(script);
    // Ctrl-C or SIGTERM ends the JVM without unwinding this thread: the hook removes the half-written clip.
    // It runs only then (a finished or failed clip removes it): it says so, as encode does.
    Thread removePart = new Thread(() -> {
      deleteQuietly(part);
      System.err.println();
      System.err.println("framefork samples: interrupted; stopped before " + output.getFileName() + " was finished (nothing was written)");
    }, "sample-part-removal");
    Runtime.getRuntime().addShutdownHook(removePart);
    boolean published = false;
    try {
      encode(spec, script, key, track, part, output.getFileName().toString());
      Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      published = true;
    } finally {
      if (!published) {
        Files.deleteIfExists(part);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(removePart);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway, and finds nothing left to remove
      }
    }
    SampleManifest manifest = manifest(spec, script, keyframes, track);
    manifest.writeTo(SampleSpec.sidecarFor(output));
    return manifest;
  }

  /** Renders and encodes every frame with its sound into {@code part}. */
  private static void encode(SampleSpec spec, SceneScript script, boolean[] key, ToneTrack track, Path part, String title)
      throws IOException {
    FrameRenderer renderer = new FrameRenderer(script, spec.grain());
    // The next frame is rendered on its own thread while the encoder takes the current one: two
    // pictures in turn. Frames are pure functions of their index, so the overlap changes nothing.
    YuvPicture[] pictures = {renderer.blankPicture(), renderer.blankPicture()};
    ExecutorService renderThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "sample-renderer");
      t.setDaemon(true);
      return t;
    });
    try (ClipWriter writer = ClipWriter.open(part, title, spec.width(), spec.height(), spec.fps(), spec.video(), spec.audio())) {
      Future<?> next = renderThread.submit(() -> renderer.render(0, pictures[0]));
      for (int f = 0; f < script.frameCount(); f++) {
        await(next);
        if (f + 1 < script.frameCount()) {
          int following = f + 1;
          next = renderThread.submit(() -> renderer.render(following, pictures[following & 1]));
        }
        writer.writePicture(pictures[f & 1], f, key[f]);
        writer.writeSoundUntil(track, ToneTrack.samplesBefore(f + 1, spec.fps()));
      }
      writer.finish();
    } finally {
      renderThread.shutdownNow();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the JVM is ending; nothing is left to tell
    }
  }

  private static void await(Future<?> rendering) {
    try {
      rendering.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  static SampleManifest manifest(SampleSpec spec, SceneScript script, List<Integer> keyframes, ToneTrack track) {
    List<Scene> scenes = script.scenes();
    List<SampleManifest.Span> fades = scenes.stream().filter(s -> s.fade() != null)
        .map(s -> new SampleManifest.Span(s.index(), s.start() + s.fade().start(), s.start() + s.fade().end()))
        .toList();
    List<SampleManifest.Span> fastPans = scenes.stream().filter(s -> s.camera().fast())
        .map(s -> new SampleManifest.Span(s.index(), s.start(), s.end()))
        .toList();
    List<SampleManifest.SceneEntry> entries = scenes.stream()
        .map(s -> new SampleManifest.SceneEntry(s.index(), s.start(), s.frames(), s.look().backdrop().name().toLowerCase(java.util.Locale.ROOT),
            s.look().objects().size(), round(s.camera().speed(), 2), s.camera().fast(), s.fade() != null,
            Arrays.stream(s.chord().hz()).map(hz -> round(hz, 2)).boxed().toList()))
        .toList();
    double duration = (double) script.frameCount() * spec.fps().den() / spec.fps().num();
    return new SampleManifest(SampleManifest.LEGEND, spec.output().getFileName().toString(),
        spec.width(), spec.height(), spec.fps().toString(), round(spec.fps().toDouble(), 6),
        script.frameCount(), round(duration, 6), spec.seed(), spec.sceneLength().toString(),
        spec.video().encoder(), spec.video().crf(), spec.video().preset(), spec.video().gop(), spec.grain(),
        spec.audio() ? new SampleManifest.Sound("aac", ToneTrack.SAMPLE_RATE, 2, track.totalSamples()) : null,
        script.cuts(), keyframes, fades, fastPans, entries, spec.command(),
        SampleManifest.determinism(spec.video().encoder()));
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
