package org.framefork.samples;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * Leaves the C heap full of freed blocks that hold a chosen byte, so that whatever the native
 * libraries allocate next starts out holding that byte rather than what the tests before happened
 * to leave there. A library that reads memory it never wrote then gives a different result after
 * each scribble, whatever ran earlier in the JVM; one that does not gives the same result.
 */
final class NativeHeap {
  private NativeHeap() {}

  /**
   * Allocates blocks from 16 bytes to 96 KiB (below glibc's mmap threshold, so they come from the
   * heap that later allocations reuse, on this thread's arena), fills them with {@code value} and
   * frees them again.
   */
  static void scribble(int value) {
    List<Pointer> blocks = new ArrayList<>();
    try {
      for (int round = 0; round < 4; round++) {
        for (long size = 16; size <= 96 * 1024; size = size * 5 / 4 + 16) {
          Pointer p = Pointer.malloc(size);
          if (p == null || p.isNull()) {
            break;
          }
          Pointer.memset(p, value, size);
          blocks.add(p);
        }
      }
    } finally {
      blocks.forEach(Pointer::free);
    }
  }
}
