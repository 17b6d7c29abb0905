/**
 * What tracing costs the tick: the creature world's tick traced at each level beside the untraced tick, in the
 * same run ({@code TracedTickBenchmark}).
 *
 * <p><b>Hot paths.</b> The measured method is one tick of the reference simulation; worlds and recorders are made in
 * {@code @Setup}.
 *
 * <p><b>Threads.</b> One benchmark thread; with {@code sink=discard} the recorder's writer thread runs beside it.
 *
 * <p><b>Errors.</b> Every iteration closes its recorder and worlds and every trial its allocator, which throws on a leak.
 */
package io.tickstore.jmh.trace;
