package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.testing.UnlistableFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputExpanderTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws IOException {
    for (String name : List.of("b.mp4", "a.MKV", "c.mov", "notes.txt", "a.framefork.mp4", "sub/d.mp4", "sub/deeper/e.webm")) {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
  }

  private List<String> names(List<Path> paths) {
    return paths.stream().map(p -> dir.relativize(p.toAbsolutePath()).toString()).toList();
  }

  @Test
  void folderGivesItsVideosByNameWithoutOurOutputsOrSubfolders() {
    assertEquals(List.of("a.MKV", "b.mp4", "c.mov"), names(InputExpander.expand(List.of(dir.toString()))));
  }

  /**
   * The desktop app's outputs beside their sources ({@code b-h264.mp4} beside {@code b.mp4}, a
   * sequence's {@code render-av1.mkv} beside its folder) are earlier outputs too, in a folder and in
   * a pattern, as the app's own folder scan says; one with no source beside it may be a source named
   * so, and is taken.
   */
  @Test
  void folderAndPatternSkipTheAppsOutputsBesideTheirSources() throws IOException {
    for (String name : List.of("b-h264.mp4", "b-vp9-2.webm", "c-h265.mkv", "lone-h265.mp4", "render-av1.mkv")) {
      Files.writeString(dir.resolve(name), "x");
    }
    Files.writeString(Files.createDirectory(dir.resolve("render")).resolve("f_0001.png"), "x");
    List<String> notices = new ArrayList<>();
    assertEquals(List.of("a.MKV", "b.mp4", "c.mov", "lone-h265.mp4"),
        names(InputExpander.expand(List.of(dir.toString()), new ArrayList<>(), notices)));
    assertEquals(List.of(dir + ": left out 5 earlier outputs (a.framefork.mp4 (encode's output), b-h264.mp4 (the app's "
        + "output of b), b-vp9-2.webm (the app's output of b) and 2 more); name one itself to encode it"), notices);
    assertEquals(List.of("b.mp4", "lone-h265.mp4"), names(InputExpander.expand(List.of(dir + "/*.mp4"))));
    assertEquals(List.of("b-h264.mp4"), names(InputExpander.expand(List.of(dir.resolve("b-h264.mp4").toString()))),
        "named on its own, it is taken");
  }

  /**
   * Only a video or a folder of images of its stem makes a file named as the app names outputs an
   * earlier output: beside a subtitle, a picture or an empty folder of that stem it is a source.
   */
  @Test
  void aSourceNamedLikeAnOutputBesideItsSidecarsIsTaken() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("trips"));
    for (String name : List.of("holiday-h264.mp4", "holiday.srt", "holiday.jpg", "trip-h265.mkv")) {
      Files.writeString(folder.resolve(name), "x");
    }
    Files.createDirectory(folder.resolve("trip"));
    List<String> notices = new ArrayList<>();
    assertEquals(List.of("trips/holiday-h264.mp4", "trips/trip-h265.mkv"),
        names(InputExpander.expand(List.of(folder.toString()), new ArrayList<>(), notices)));
    assertEquals(List.of(), notices);
  }

  /** A folder of earlier outputs alone says so, rather than that it holds no video. */
  @Test
  void aFolderOfEarlierOutputsOnlySaysSo() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("done"));
    Files.writeString(folder.resolve("x.framefork.mp4"), "x");
    UsageException e = assertThrows(UsageException.class, () -> InputExpander.expand(List.of(folder.toString())));
    assertEquals(List.of(folder + ": the folder holds only earlier outputs (x.framefork.mp4 (encode's output)); name "
        + "one itself to encode it"), e.problems());
  }

  /** One look at many inputs lists each folder once: a file made since is not seen by the same look. */
  @Test
  void aFolderIsListedOnceForAllItsFiles() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("once"));
    Files.writeString(folder.resolve("a.mp4"), "x");
    EarlierOutputs.Listings listings = new EarlierOutputs.Listings();
    assertEquals(List.of("a.mp4"), listings.names(folder));
    Files.writeString(folder.resolve("a-h264.mp4"), "x");
    assertEquals(List.of("a.mp4"), listings.names(folder));
    assertEquals(2, new EarlierOutputs.Listings().names(folder).size(), "a new look lists it again");
  }

  @Test
  void fileNamedOnItsOwnIsTakenEvenWhenItLooksLikeAnOutput() {
    assertEquals(List.of("a.framefork.mp4"), names(InputExpander.expand(List.of(dir.resolve("a.framefork.mp4").toString()))));
  }

  @Test
  void hiddenFilesAreLeftOutAsTheShellLeavesThemOut() throws IOException {
    // macOS writes an AppleDouble "._b.mp4" beside each file it copies to a foreign disk: no video.
    Files.writeString(dir.resolve("._b.mp4"), "x");
    Files.writeString(dir.resolve(".c.mov"), "x");
    assertEquals(List.of("a.MKV", "b.mp4", "c.mov"), names(InputExpander.expand(List.of(dir.toString()))));
    assertEquals(List.of("b.mp4"), names(InputExpander.expand(List.of(dir + "/*.mp4"))));
    // A pattern or a name that starts with '.' asks for them.
    assertEquals(List.of("._b.mp4"), names(InputExpander.expand(List.of(dir + "/.*.mp4"))));
    assertEquals(List.of(".c.mov"), names(InputExpander.expand(List.of(dir.resolve(".c.mov").toString()))));
  }

  @Test
  void anEmptyNameIsNotTheCurrentFolder() {
    // Path.of("") is the current folder: a script's unset "$IN" encoded every video in it.
    UsageException e = assertThrows(UsageException.class, () -> InputExpander.expand(List.of("", dir.resolve("b.mp4").toString())));
    assertEquals(List.of("an empty input name; give a file, folder or pattern"), e.problems());
  }

  @Test
  void missingFileIsPassedOnForTheReadabilityCheck() {
    // The one check that names missing, unreadable and empty files is Prober.requireReadableFile.
    assertEquals(List.of("nope.mp4"), names(InputExpander.expand(List.of(dir.resolve("nope.mp4").toString()))));
  }

  @Test
  void quotedGlobIsExpandedHere() {
    assertEquals(List.of("b.mp4", "c.mov"), names(InputExpander.expand(List.of(dir + "/[bc].*"))));
    assertEquals(List.of("sub/d.mp4", "sub/deeper/e.webm"), names(InputExpander.expand(List.of(dir + "/sub/**"))));
  }

  @Test
  void doubleStarFolderAlsoMatchesNoFolderAsInBash() {
    // As bash's globstar: the files right in sub/ too, not only those in its subfolders.
    assertEquals(List.of("sub/d.mp4", "sub/deeper/e.webm"), names(InputExpander.expand(List.of(dir + "/sub/**/*.*"))));
    assertEquals(List.of("c.mov"), names(InputExpander.expand(List.of(dir + "/**/*.mov"))));
    assertEquals(List.of("sub/deeper/e.webm"), names(InputExpander.expand(List.of(dir + "/**/deeper/*"))));
    // With braces of its own, the pattern still works.
    assertEquals(List.of("b.mp4", "c.mov", "sub/d.mp4"), names(InputExpander.expand(List.of(dir + "/**/{b,c,d}.*"))));
  }

  @Test
  void aDeepPatternLooksIntoHiddenFoldersOnlyWhenItNamesThem() throws IOException {
    // '**/*.mkv' took an encode's own chunks, '**/*.mp4' a macOS .Trashes: bash's globstar passes both by.
    List<String> before = names(InputExpander.expand(List.of(dir + "/**/*.mp4")));
    for (String name : List.of(".Trashes/old.mp4", ".c.mov.framefork-work/chunks/00000.mkv", "sub/.hid/f.mp4")) {
      Files.createDirectories(dir.resolve(name).getParent());
      Files.writeString(dir.resolve(name), "x");
    }
    assertEquals(List.of("b.mp4", "sub/d.mp4"), before);
    assertEquals(before, names(InputExpander.expand(List.of(dir + "/**/*.mp4"))));
    assertEquals(List.of("sub/d.mp4"), names(InputExpander.expand(List.of(dir + "/*/*.mp4"))));
    UsageException none = assertThrows(UsageException.class, () -> InputExpander.expand(List.of(dir + "/**/*.mkv")));
    assertTrue(none.getMessage().contains("no video file matches"), none.getMessage());
    // A segment that starts with '.' names them, as in bash.
    assertEquals(List.of(".Trashes/old.mp4"), names(InputExpander.expand(List.of(dir + "/.*/*.mp4"))));
    // So does a brace alternative that starts with '.'.
    assertEquals(List.of(".Trashes/old.mp4", "sub/d.mp4"), names(InputExpander.expand(List.of(dir + "/{.Trashes,sub}/*.mp4"))));
  }

  @Test
  void aDeepPatternLooksIntoARootThatIsALinkButNotIntoLinksBelowIt() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("lsub"), dir.resolve("sub"));
    // The link as the pattern's root: its folder is looked into (both found nothing before).
    assertEquals(List.of("lsub/d.mp4"), names(InputExpander.expand(List.of(link + "/**/*.mp4"))));
    // A link below the root is not followed, as before: sub/d.mp4 is found once, by its own name.
    assertEquals(List.of("b.mp4", "sub/d.mp4"), names(InputExpander.expand(List.of(dir + "/**/*.mp4"))));
  }

  @Test
  void aDeepPatternPassesOverAFolderItCannotRead() throws Exception {
    // One unreadable subfolder made the whole pattern fail: "cannot list ... (permission denied)".
    UnlistableFolder locked = UnlistableFolder.in(dir);
    try {
      assertEquals(List.of("sub/d.mp4"), expandWhereRefused(locked, dir + "/*/*.mp4"));
      assertEquals(List.of("b.mp4", "sub/d.mp4"), expandWhereRefused(locked, dir + "/**/*.mp4"));
    } finally {
      locked.unlock();
    }
  }

  /** The names {@code pattern} expands to where {@code locked} refuses its names: here, or in a child (root). */
  private List<String> expandWhereRefused(UnlistableFolder locked, String pattern) throws Exception {
    if (!locked.inChild()) {
      return names(InputExpander.expand(List.of(pattern)));
    }
    var child = locked.runJava(Expand.class.getName(), List.of(pattern)).requireSuccess();
    return names(child.stdoutText().lines().map(Path::of).toList());
  }

  /** A child's entry point: prints the files a pattern expands to, one a line. */
  public static final class Expand {
    public static void main(String[] args) {
      InputExpander.expand(List.of(args)).forEach(System.out::println);
    }
  }

  @Test
  void globThatMatchesNothingIsAUsageError() {
    UsageException e = assertThrows(UsageException.class, () -> InputExpander.expand(List.of(dir + "/*.avi")));
    assertTrue(e.getMessage().contains("no video file matches"), e.getMessage());
  }

  @Test
  void onlyFilesAFolderBroughtAreFoundNotANamedFileOrImageSequence() throws IOException {
    Path pictures = Files.createDirectories(dir.resolve("pictures"));
    Files.write(pictures.resolve("f001.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    java.util.Set<Path> found = new java.util.HashSet<>();
    List<Path> got = InputExpander.expand(List.of(dir.resolve("b.mp4").toString(), dir.toString(), pictures.toString()),
        new ArrayList<>(), new ArrayList<>(), found);
    assertTrue(got.contains(pictures), names(got).toString());
    // The folder of images was named (an image sequence is checked up front like a named file); b.mp4 too.
    assertEquals(java.util.Set.of("a.MKV", "c.mov"), java.util.Set.copyOf(names(List.copyOf(found))));
  }

  @Test
  void sameFileTwiceIsEncodedOnce() {
    List<Path> got = InputExpander.expand(List.of(dir.resolve("b.mp4").toString(), dir.toString(),
        dir.resolve("sub/../b.mp4").toString()));
    assertEquals(List.of("b.mp4", "a.MKV", "c.mov"), names(got));
  }
}
