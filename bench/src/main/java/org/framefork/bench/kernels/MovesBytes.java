package org.framefork.bench.kernels;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bytes one invocation of a benchmark reads from its inputs plus writes to its outputs (scratch
 * buffers not counted), so that the report can put ops/s next to memory bandwidth.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MovesBytes {
  long value();
}
