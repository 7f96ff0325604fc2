package org.framefork.bench.pipeline;

import java.nio.file.Path;

/** Something that turns the input into an encoded file and can be timed: the engine, or an ffmpeg. */
public interface Contender {
  String label();

  /** Encodes once into {@code output} and says what it took. */
  Trial run(int run, Path output) throws Exception;

  /** What one run of a contender does. */
  @FunctionalInterface
  interface Run {
    Trial run(int run, Path output) throws Exception;
  }

  /** A contender named {@code label} whose runs are {@code run}. */
  static Contender of(String label, Run run) {
    return new Contender() {
      @Override
      public String label() {
        return label;
      }

      @Override
      public Trial run(int n, Path output) throws Exception {
        return run.run(n, output);
      }
    };
  }
}
