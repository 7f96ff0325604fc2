package org.framefork.app.queue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.framefork.app.AppLog;
import org.framefork.app.DiskWriter;
import org.framefork.encoder.io.AtomicFiles;

/**
 * The queue file: every entry with its settings, state and log, written as the user changes the
 * queue so that a restart, or a crash, finds it again. Writes happen on a thread of their own
 * (never on the UI thread), the latest snapshot wins, and each write is a temporary file moved over
 * the old one in one step, so the file is always either the old queue or the new. A file that
 * cannot be read is set aside under another name, with a message, and the queue starts empty.
 */
public final class QueueStore {
  public static final int VERSION = 1;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      // Paths as a person writes them, not as file: URIs (Jackson reads both).
      .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("framefork-queue")
          .addSerializer(Path.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a field a later minor change adds is only ignored

  /** What {@link #load()} found: the entries, and a message for the user when the file was set aside (else null). */
  public record Loaded(List<QueueEntry.Saved> entries, String message) {}

  private record Document(int version, List<QueueEntry.Saved> entries) {}

  private final Path file;
  private final AtomicReference<List<QueueEntry.Saved>> pending = new AtomicReference<>();
  private final DiskWriter writer = new DiskWriter("framefork-queue-writer");
  private boolean closed;

  public QueueStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Reads the queue file; call it off the UI thread. No file is an empty queue. */
  public Loaded load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Loaded(List.of(), null);
    } catch (IOException e) {
      return setAside("cannot be read (" + e.getMessage() + ")");
    }
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || !root.path("version").isInt()) {
        return setAside("is not a FrameFork queue file");
      }
      if (root.path("version").intValue() != VERSION) {
        return setAside("was written by another version of FrameFork (queue file version " + root.path("version").intValue() + ")");
      }
      Document d = MAPPER.treeToValue(root, Document.class);
      List<QueueEntry.Saved> entries = d.entries() == null ? List.of() : d.entries();
      if (entries.stream().anyMatch(e -> e == null || e.input() == null || e.state() == null)) {
        return setAside("names an entry without its video or state");
      }
      return new Loaded(List.copyOf(entries), null);
    } catch (IOException | RuntimeException e) {
      return setAside("is damaged (" + firstLine(e.getMessage()) + ")");
    }
  }

  /** Moves the unreadable file out of the way, keeping it for the curious, and says so in one sentence. */
  private Loaded setAside(String why) {
    Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    String message;
    try {
      Files.move(file, aside);
      message = "The saved queue " + why + "; it was set aside as " + aside.getFileName() + " and the queue starts empty.";
    } catch (IOException e) {
      message = "The saved queue " + why + " and could not be set aside (" + e.getMessage() + "); the queue starts empty.";
    }
    AppLog.warn(file + ": " + message);
    return new Loaded(List.of(), message);
  }

  /**
   * Saves {@code entries} soon, on the writer thread; a later call before the write replaces it. After
   * {@link #close} it does nothing. Any thread.
   */
  public synchronized void save(List<QueueEntry.Saved> entries) {
    if (closed) {
      return; // the window let its folder go, or is about to: another may have it and its queue now
    }
    if (pending.getAndSet(List.copyOf(entries)) == null) {
      writer.execute(this::writePending);
    }
  }

  /**
   * Takes no more saves: a probe or a count that ends after the window closed would otherwise write
   * the queue file after the folder was let go. What was saved before is still written.
   */
  public synchronized void close() {
    closed = true;
  }

  private void writePending() {
    List<QueueEntry.Saved> entries = pending.getAndSet(null);
    if (entries == null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFiles.write(file, MAPPER.writeValueAsBytes(new Document(VERSION, entries)));
    } catch (IOException | RuntimeException e) {
      AppLog.warn("could not save the queue to " + file + ": " + e.getMessage());
    }
  }

  /** Runs {@code then} on the writer thread once what was saved so far is on disk. Any thread. */
  public void afterWrites(Runnable then) {
    writer.execute(then);
  }

  /** Waits until what was saved so far is on disk (for a quit, and for tests); false after {@code millis}. */
  public boolean awaitWritten(long millis) {
    return writer.awaitIdle(millis);
  }


  private static String firstLine(String s) {
    return s == null ? "unreadable" : s.lines().findFirst().orElse("unreadable");
  }
}
