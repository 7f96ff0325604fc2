package org.framefork.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
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
    FrameRenderer renderer = new FrameRenderer(script, spec.grain());
    ToneTrack track = new ToneTrack(script);
    YuvPicture picture = renderer.blankPicture();
    boolean complete = false;
    try (ClipWriter writer = ClipWriter.open(part, output.getFileName().toString(),
        spec.width(), spec.height(), spec.fps(), spec.video(), spec.audio())) {
      for (int f = 0; f < script.frameCount(); f++) {
        renderer.render(f, picture);
        writer.writePicture(picture, f, key[f]);
        writer.writeSoundUntil(track, ToneTrack.samplesBefore(f + 1, spec.fps()));
      }
      writer.finish();
      complete = true;
    } finally {
      if (!complete) {
        Files.deleteIfExists(part);
      }
    }
    Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    SampleManifest manifest = manifest(spec, script, keyframes, track);
    manifest.writeTo(SampleSpec.sidecarFor(output));
    return manifest;
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
        script.cuts(), keyframes, fades, fastPans, entries, spec.command());
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
