package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No wait on the preferences' lock: java.util.prefs holds a node's lock while it writes the node's
 * file (StrictMode caught a put from the divider's listener waiting 121 ms for it on the UI thread).
 * Here a node whose flush takes 600 ms: a put and a get meanwhile return at once, and the put
 * reaches the node after the flush.
 */
class AppPreferencesTest {
  /** A node in memory whose flush holds the node's lock (as AbstractPreferences does) for 600 ms. */
  private static final class SlowFlushNode extends MemoryNode {
    final CountDownLatch flushing = new CountDownLatch(1);

    @Override
    protected void flushSpi() {
      flushing.countDown();
      try {
        Thread.sleep(600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aPutWhileTheNodeIsBeingWrittenDoesNotWaitForIt() throws Exception {
    SlowFlushNode node = new SlowFlushNode();
    node.put("divider", "300");
    node.put("dark", "TRUE");
    AppPreferences prefs = AppPreferences.of(node, false);
    assertEquals(300, prefs.getInt("divider", 0), "the node's values are read at the start");
    assertTrue(prefs.dark());
    prefs.flush();
    assertTrue(node.flushing.await(10, TimeUnit.SECONDS));
    long start = System.nanoTime();
    prefs.putInt("divider", 310);
    prefs.put("lastAddFolder", "/videos");
    int divider = prefs.getInt("divider", 0);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 300, "a put and a get during the node's flush (600 ms) took " + millis + " ms");
    assertEquals(310, divider, "what was put is what is read, before the node has it");
    assertTrue(AppPreferences.awaitWritten(10_000));
    assertEquals("310", node.get("divider", null), "the put reached the node after its flush");
    assertEquals("/videos", node.get("lastAddFolder", null));
  }

  @Test
  void aScriptedRunReadsButNeverWrites() {
    SlowFlushNode node = new SlowFlushNode();
    node.put("crf", "not a number");
    AppPreferences prefs = AppPreferences.of(node, true);
    assertEquals(23, prefs.getInt("crf", 23), "a value that is not a number is the default, as java.util.prefs has it");
    prefs.putInt("crf", 30);
    prefs.flush();
    assertTrue(AppPreferences.awaitWritten(10_000));
    assertEquals("not a number", node.get("crf", null));
    assertEquals(1, node.flushing.getCount(), "no flush");
  }
}
