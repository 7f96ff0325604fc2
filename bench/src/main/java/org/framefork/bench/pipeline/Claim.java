package org.framefork.bench.pipeline;

/**
 * One claim of the project, its target, what this run measured, and whether the measurement bears
 * the claim out. A claim that was not measured says why; it is never guessed.
 */
public record Claim(String id, String statement, String target, String measured, Verdict verdict) {

  public enum Verdict {
    YES("yes"),
    NO("no"),
    NOT_MEASURED("not measured");

    private final String word;

    Verdict(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  public static Claim judged(String id, String statement, String target, String measured, boolean met) {
    return new Claim(id, statement, target, measured, met ? Verdict.YES : Verdict.NO);
  }

  public static Claim notMeasured(String id, String statement, String target, String reason) {
    return new Claim(id, statement, target, "not measured: " + reason, Verdict.NOT_MEASURED);
  }

  /** The claim as one line of the report. */
  public String line() {
    return verdict == Verdict.NOT_MEASURED
        ? "- **not measured** — " + statement + " (target: " + target + "): " + measured.substring("not measured: ".length())
        : "- **" + verdict + "** — " + statement + ": " + measured + " (target: " + target + ")";
  }
}
