package org.framefork.app.queue;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a drop (or a paste) brought: the files it names, in order, and a sentence for each thing it
 * names that is no file here (a web address, a file on another computer, a line that is no address).
 *
 * @param files the files and folders named
 * @param problems one sentence per line left out, naming it
 */
record DroppedFiles(List<Path> files, List<String> problems) {
  /** text/uri-list, as X11 file managers send files; null where this JVM has no such flavor. */
  static final DataFlavor URI_LIST = uriListFlavor();

  /** Whether a transfer with these flavors holds files: a Java file list, or a text/uri-list. */
  static boolean offered(java.util.function.Predicate<DataFlavor> supported) {
    return supported.test(DataFlavor.javaFileListFlavor) || (URI_LIST != null && supported.test(URI_LIST));
  }

  /**
   * The files {@code t} names. Its text/uri-list where it has one: the file list X11 makes of it leaves
   * out, unsaid, the lines it cannot take.
   */
  static DroppedFiles of(Transferable t) throws IOException, UnsupportedFlavorException {
    if (URI_LIST != null && t.isDataFlavorSupported(URI_LIST)) {
      return fromUriList((String) t.getTransferData(URI_LIST));
    }
    List<Path> files = new ArrayList<>();
    for (Object o : (List<?>) t.getTransferData(DataFlavor.javaFileListFlavor)) {
      files.add(((File) o).toPath());
    }
    return new DroppedFiles(List.copyOf(files), List.of());
  }

  /**
   * A text/uri-list (RFC 2483): one address a line, lines starting with # are comments; NULs are
   * left out. A file:
   * address with no host, or with localhost (RFC 8089), is a file here; each other line is left out on
   * its own, and said.
   */
  static DroppedFiles fromUriList(String text) {
    List<Path> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    // Some X11 sources end the list with a NUL, which strip() keeps: it would make the last address unreadable.
    for (String raw : text.replace("\0", "").split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String problem = take(line, files);
      if (problem != null) {
        problems.add(line + ": " + problem);
      }
    }
    return new DroppedFiles(List.copyOf(files), List.copyOf(problems));
  }

  /** Adds the file {@code line} names to {@code files}; else says why not. */
  private static String take(String line, List<Path> files) {
    URI uri;
    try {
      uri = new URI(line);
    } catch (URISyntaxException e) {
      return "not a file's address";
    }
    if (!"file".equalsIgnoreCase(uri.getScheme())) {
      return uri.getScheme() == null ? "not a file's address"
          : "not a file on this computer; save it here first, then drop the file";
    }
    String host = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
    if (host != null && !host.isEmpty() && !host.toLowerCase(Locale.ROOT).equals("localhost")) {
      return "a file on another computer (" + host + "); mount its folder here, or copy it, then drop it again";
    }
    try {
      files.add(Path.of(new URI("file", null, uri.getPath(), null)));
      return null;
    } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return "not a file's address";
    }
  }

  private static DataFlavor uriListFlavor() {
    try {
      return new DataFlavor("text/uri-list;class=java.lang.String");
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
