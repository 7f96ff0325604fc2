package org.framefork.app.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.framefork.encoder.report.NodeTiming;

/**
 * A cluster job's lanes grouped by machine: this machine's workers first, then each node that took
 * chunks, in the order it first did. A row is one lane's work on one machine: a lane that sends
 * chunks to two nodes has a row under each. EDT only.
 */
final class NodeGroups {
  /** The header of this machine's own workers. */
  static final String THIS_MACHINE = "this machine";

  /** One lane's slices on one machine ({@code node} null: this machine). */
  record Row(String label, LaneTimeline.Lane lane, String node) {
    boolean owns(LaneTimeline.Slice s) {
      return Objects.equals(s.node, node);
    }

    /** Whether the lane's chunk in progress runs here. */
    boolean runsActive() {
      return lane.activeChunk >= 0 && !lane.awaitingNode && Objects.equals(lane.node, node);
    }
  }

  /**
   * A machine's header and rows.
   *
   * @param name the node's name (its {@code --listen} address), or {@link #THIS_MACHINE}
   * @param chunks chunks it finished for this job
   * @param running chunks it has now
   * @param timing the report's figures for it, once the job is done; null before
   * @param leftAt seconds into the encode when the node was known gone; NaN while it is in the job
   * @param lostSeconds its rows' time on chunks it had when it left (their bars end there, failed)
   */
  record Group(String name, int chunks, int running, NodeTiming timing, List<Row> rows, double leftAt, double lostSeconds) {
    /**
     * The header: name, chunks, and busy or idle (with the report's seconds once the job is done); a
     * node that left says when and, instead of idle time after it was gone, how long the chunks it
     * lost had run there (its failed bars).
     */
    String header() {
      String done = chunks + (chunks == 1 ? " chunk" : " chunks");
      String gone = !left() ? null : String.format(java.util.Locale.ROOT, "left at %.1f s", leftAt)
          + (lostSeconds > 0 ? String.format(java.util.Locale.ROOT, ", lost %.1f s", lostSeconds) : "");
      if (timing != null) {
        String head = String.format(java.util.Locale.ROOT, "%s · %d worker%s · %s · busy %.1f s", name, timing.workers(),
            timing.workers() == 1 ? "" : "s", done, timing.busySeconds());
        return head + (gone == null ? String.format(java.util.Locale.ROOT, ", idle %.1f s", timing.idleSeconds()) : " · " + gone);
      }
      return name + " · " + done + " · " + (gone != null ? gone : running > 0 ? "busy (" + running + " running)" : "idle");
    }

    boolean left() {
      return !Double.isNaN(leftAt);
    }
  }

  private NodeGroups() {}

  /** The groups of {@code t}'s lanes; {@code timings}, the report's rows by machine, or empty while the job runs. */
  static List<Group> of(LaneTimeline t, Map<String, NodeTiming> timings) {
    List<Group> groups = new ArrayList<>();
    Group here = group(t, null, timings.get(NodeTiming.COORDINATOR));
    if (!here.rows().isEmpty()) { // with 0 workers here, shown only when a chunk fell back to this machine
      groups.add(here);
    }
    for (String node : t.nodes()) {
      groups.add(group(t, node, timings.get(node)));
    }
    return groups;
  }

  private static Group group(LaneTimeline t, String node, NodeTiming timing) {
    List<Row> rows = new ArrayList<>();
    int chunks = 0;
    int running = 0;
    for (int i = 0; i < t.lanes().size(); i++) {
      Row row = new Row(LaneChart.workerLabel(i), t.lanes().get(i), node);
      long mine = row.lane().slices.stream().filter(row::owns).count();
      boolean ownLane = node == null && i < t.localLanes();
      if (mine > 0 || ownLane || row.runsActive()) {
        rows.add(row);
        chunks += (int) row.lane().slices.stream().filter(s -> row.owns(s) && s.finished).count();
        running += row.runsActive() ? 1 : 0;
      }
    }
    Long leftAt = node == null ? null : t.leftAt(node);
    double lost = rows.stream().flatMap(r -> r.lane().slices.stream().filter(s -> r.owns(s) && s.failed))
        .mapToDouble(s -> (s.end - s.start) / 1e9).sum();
    return new Group(node == null ? THIS_MACHINE : node, chunks, running, timing, rows,
        leftAt == null ? Double.NaN : (leftAt - t.origin()) / 1e9, lost);
  }
}
