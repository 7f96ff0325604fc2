package org.framefork.encoder.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.framefork.encoder.io.FileTrees;

/**
 * A coordinator's join, watched for addresses that are no node's discovery port (see {@link
 * NodeProbe}): given only such addresses (a node's chunk port, a server that is not a node), Ignite's
 * join tries for its whole timeout. The probe runs beside the join, so a join that succeeds waits for
 * nothing; once it finds that no address can be a node's, the coordinator gives up on the join at
 * once and says why. Ignite's start is not interrupted (an interrupted start can hang as it stops):
 * it runs on a thread of its own, which ends it on its own timeout and removes its work folder.
 */
final class WrongPorts {
  private final CompletableFuture<String> why = new CompletableFuture<>();
  private final List<HostPort> addresses;
  private final Credentials credentials;

  /** The join was given up because no address is a node's; the message says why, for each address. */
  static final class NoNode extends RuntimeException {
    NoNode(String why) {
      super(why, null, false, false);
    }
  }

  /** A join of {@code addresses} with {@code credentials}, to watch. */
  WrongPorts(List<HostPort> addresses, Credentials credentials) {
    this.addresses = addresses;
    this.credentials = credentials;
  }

  /**
   * Runs {@code start} (Ignite's join of instance {@code name}, working in {@code work}) and returns
   * its node; throws what it throws, or {@link NoNode} as soon as the probe finds no address a node's.
   */
  Ignite unlessWrong(Supplier<Ignite> start, String name, Path work) {
    Thread.ofPlatform().daemon().name("framefork-port-probe").start(() -> {
      try {
        why.complete(NodeProbe.noneIsANode(addresses, credentials));
      } catch (RuntimeException e) {
        why.complete(null);
      }
    });
    Claim claim = new Claim();
    FutureTask<Ignite> join = new FutureTask<>(() -> {
      Ignite ignite = start.get();
      if (claim.joined()) {
        return ignite;
      }
      Ignition.stop(name, true); // given up meanwhile: it found a node after all, which nobody uses
      return null;
    });
    Thread joining = Thread.ofPlatform().daemon().name("framefork-join").start(() -> {
      join.run();
      if (claim.isAbandoned()) {
        FileTrees.deleteBestEffort(work);
      }
    });
    return await(join, claim, joining);
  }

  /** Whether this JVM writes a class archive as it ends (the launcher's first run after a build). */
  private static boolean writesArchiveAtExit() {
    try {
      var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      return !hotspot.getVMOption("ArchiveClassesAtExit").getValue().isEmpty();
    } catch (RuntimeException | LinkageError e) {
      return true; // not known: wait, as if it did
    }
  }

  /** How long a given-up join may take to settle before the caller goes on (and the JVM, often, ends). */
  private static final long SETTLE_MILLIS = 3_000;

  /**
   * When the JVM writes a class archive as it ends, waits, at most {@link #SETTLE_MILLIS}, until the
   * given-up join's thread waits (on the network, in Ignite's join loop) rather than runs: the JVM
   * that ends now writes that archive ({@code -XX:+AutoCreateSharedArchive}, the launcher's), and
   * HotSpot 25 can crash (SIGSEGV in {@code LambdaProxyClassDictionary}) when a thread links a
   * lambda while the archive is written: seen once in 5 such runs, as Ignite's start links many.
   */
  private static void settle(Thread joining) {
    if (!writesArchiveAtExit()) {
      return;
    }
    long until = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
    int quiet = 0;
    while (quiet < 3 && System.nanoTime() < until) {
      Thread.State state = joining.getState();
      quiet = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED
          ? quiet + 1 : 0;
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Who has the joined node: the caller, or nobody once it gave up; decided under one lock, so that
   * a node joined in the instant the caller gives up is stopped, not left running.
   */
  private static final class Claim {
    private boolean joined;
    private boolean abandoned;

    /** The join's node is the caller's, unless the caller gave up first. */
    synchronized boolean joined() {
      joined = !abandoned;
      return joined;
    }

    /** The caller gives up, unless the join's node is already its. */
    synchronized boolean abandon() {
      abandoned = !joined;
      return abandoned;
    }

    synchronized boolean isAbandoned() {
      return abandoned;
    }
  }

  /** The join's node, or {@link NoNode} as soon as the probe finds that no address is a node's. */
  private Ignite await(FutureTask<Ignite> join, Claim claim, Thread joining) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return join.get(50, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          String wrong = why.getNow(null);
          if (wrong != null && claim.abandon()) {
            settle(joining);
            throw new NoNode(wrong);
          }
        } catch (InterruptedException e) {
          interrupted = true; // the join goes on, as Ignite's start did on the calling thread
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Why no address is a node's, once the probe {@link #unlessWrong} started knows ({@link
   * NodeProbe#LONGEST_MILLIS} at most); null when one may be, or it never started.
   */
  String found() {
    try {
      return why.get(NodeProbe.LONGEST_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return why.getNow(null);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }
}
