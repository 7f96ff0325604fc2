package org.framefork.app.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import javax.swing.AbstractListModel;

/**
 * The queue's entries in order; the list view and the runner share it (EDT only). Every change
 * that the queue file keeps (entries added, removed, moved; a state or a log that changed) is told
 * to the {@link #onSaveableChange} listeners.
 */
public final class QueueModel extends AbstractListModel<QueueEntry> {
  private final List<QueueEntry> entries = new ArrayList<>();
  private final List<Runnable> saveableChanges = new ArrayList<>();

  /** {@code r} runs after every change the queue file keeps. */
  public void onSaveableChange(Runnable r) {
    saveableChanges.add(r);
  }

  /** {@code r} runs whenever the entries change as a list shows them (added, removed, moved, a state changed). EDT. */
  public void onAnyChange(Runnable r) {
    addListDataListener(new javax.swing.event.ListDataListener() {
      @Override
      public void intervalAdded(javax.swing.event.ListDataEvent e) {
        r.run();
      }

      @Override
      public void intervalRemoved(javax.swing.event.ListDataEvent e) {
        r.run();
      }

      @Override
      public void contentsChanged(javax.swing.event.ListDataEvent e) {
        r.run();
      }
    });
  }

  private void saveableChange() {
    saveableChanges.forEach(Runnable::run);
  }

  /** What the queue file keeps of every entry, in order. */
  public List<QueueEntry.Saved> saved() {
    return entries.stream().map(QueueEntry::saved).toList();
  }

  /** An entry's log grew: nothing to repaint, but the queue file keeps it. */
  public void logged(QueueEntry e) {
    if (entries.contains(e)) {
      saveableChange();
    }
  }

  @Override
  public int getSize() {
    return entries.size();
  }

  @Override
  public QueueEntry getElementAt(int index) {
    return entries.get(index);
  }

  public List<QueueEntry> entries() {
    return List.copyOf(entries);
  }

  public void add(QueueEntry e) {
    entries.add(e);
    fireIntervalAdded(this, entries.size() - 1, entries.size() - 1);
    saveableChange();
  }

  public void remove(QueueEntry e) {
    int i = entries.indexOf(e);
    if (i >= 0) {
      entries.remove(i);
      fireIntervalRemoved(this, i, i);
      saveableChange();
    }
  }

  /** Moves an entry by {@code delta} places; returns its new index. */
  public int move(QueueEntry e, int delta) {
    int i = entries.indexOf(e);
    int j = Math.max(0, Math.min(entries.size() - 1, i + delta));
    if (i < 0 || i == j) {
      return i;
    }
    entries.remove(i);
    entries.add(j, e);
    fireContentsChanged(this, Math.min(i, j), Math.max(i, j));
    saveableChange();
    return j;
  }

  private final List<IntConsumer> rowRepainters = new ArrayList<>();

  /** {@code repaint} is called with a row whose text changed but whose size did not. */
  public void onRowRepaint(IntConsumer repaint) {
    rowRepainters.add(repaint);
  }

  /**
   * Repaints one entry's row after its progress moved: the row alone, where {@link #changed} would
   * make the list lay out and repaint every row (what a list does on a contents change).
   */
  public void progressed(QueueEntry e) {
    int i = entries.indexOf(e);
    if (i < 0) {
      return;
    }
    if (rowRepainters.isEmpty()) {
      fireContentsChanged(this, i, i);
    }
    for (IntConsumer r : rowRepainters) {
      r.accept(i);
    }
  }

  /** Repaints one entry's row after its state changed. */
  public void changed(QueueEntry e) {
    int i = entries.indexOf(e);
    if (i >= 0) {
      fireContentsChanged(this, i, i);
      saveableChange();
    }
  }

  /**
   * Whether {@code input} is in the queue still to be encoded or being encoded now: adding it again
   * would encode it twice (a finished or failed entry may be added again).
   */
  public boolean contains(java.nio.file.Path input) {
    java.nio.file.Path p = input.toAbsolutePath().normalize();
    return entries.stream().anyMatch(e -> e.input().equals(p) && (e.runnable() || e.state() == QueueEntry.State.ENCODING));
  }

  /**
   * Whether {@code input} is done in the queue: an entry of it is done, its output is still there, and
   * the input has not changed since: it has the fingerprint its job read, and it is not newer than that
   * output. Adding it again would encode it again for nothing: a folder added a second time brings the
   * videos done from it the first time. An image sequence is never done here (its folder's time does
   * not change when its frames are rendered again), nor an entry of an earlier build, which kept no
   * fingerprint (a replacement copied with its time kept would pass the time alone).
   */
  public boolean done(java.nio.file.Path input) {
    java.nio.file.Path p = input.toAbsolutePath().normalize();
    return entries.stream().anyMatch(e -> e.input().equals(p) && e.state() == QueueEntry.State.DONE && e.output() != null
        && e.inputFingerprint() != null && unchangedSince(p, e.output()) && e.inputFingerprint().equals(fingerprint(p)));
  }

  /** Whether {@code output} is there and {@code input} was last changed before it was written. */
  private static boolean unchangedSince(java.nio.file.Path input, java.nio.file.Path output) {
    try {
      return java.nio.file.Files.getLastModifiedTime(input).compareTo(java.nio.file.Files.getLastModifiedTime(output)) <= 0;
    } catch (java.io.IOException e) {
      return false; // either is gone: the input is added, and its job says what is wrong with it
    }
  }

  /**
   * The fingerprint that tells a video done from one changed since (size and edges, as the engine
   * tells a changed input on resume); null for an image sequence (a folder, a pattern) or a file that
   * cannot be read. Reads the file: off the UI thread where it can be.
   */
  public static String fingerprint(java.nio.file.Path input) {
    if (!java.nio.file.Files.isRegularFile(input) || org.framefork.encoder.source.ImageSequences.names(input)) {
      return null;
    }
    try {
      return org.framefork.encoder.io.Checksums.fingerprint(input);
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
  }
}
