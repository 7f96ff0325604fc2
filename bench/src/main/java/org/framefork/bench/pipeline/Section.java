package org.framefork.bench.pipeline;

import java.util.List;

/**
 * One measurement of the report: its markdown (tables, chart links), the claims it judges, and its
 * figures as data for results.json.
 */
public record Section(String key, String title, String markdown, List<Claim> claims, Object data) {

  /** A section that did not run: its claims say why. */
  public static Section notRun(String key, String title, String reason, List<Claim> claims) {
    return new Section(key, title, "Not measured: " + reason + ".\n", claims, null);
  }
}
