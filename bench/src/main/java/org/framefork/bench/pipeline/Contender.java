package org.framefork.bench.pipeline;

import java.nio.file.Path;

/** Something that turns the input into an encoded file and can be timed: the engine, or an ffmpeg. */
public interface Contender {
  String label();

  /** Encodes once into {@code output} and says what it took. */
  Trial run(int run, Path output) throws Exception;
}
