/**
 * JMH benchmarks of Tickstore beside the peers a user would otherwise pick, measured in the same run.
 *
 * <p><b>Purpose.</b> Put numbers on the §36 workload (1,000,000 creatures, 8 columns, 36 bytes a row): snapshot
 * write and full read against Java serialization, Jackson JSON, Arrow IPC files and a bare {@code FileChannel}
 * floor; opening one column through mmap against a bare {@code FileChannel.map}; scanning one mapped column
 * against a heap {@code float[]} and a direct {@code FloatBuffer}. {@code jmh/numpy_peer.py} measures the numpy
 * equivalents on the same machine and turns a JMH JSON result file into one table of ratios.
 *
 * <p><b>Hot paths.</b> Every {@code @Benchmark} method is one operation as a user would call it: it returns its
 * result (or the bytes it moved) so nothing is dead code, and it never loops over repetitions itself. Building the
 * world, the row objects and the Arrow vectors, and deleting the previous output file, happen in {@code @Setup}
 * outside the measured region, the same for Tickstore and for every peer.
 *
 * <p><b>Threads.</b> All benchmarks run single-threaded from JMH's point of view ({@code Scope.Benchmark} state,
 * one benchmark thread); {@code threads=2} on the snapshot benchmarks is Tickstore's own parallelism.
 *
 * <p><b>Errors.</b> An I/O failure or a leaked off-heap buffer fails the trial: benchmark methods declare
 * {@code IOException} and every trial closes its allocator, which throws on a leak.
 */
package io.tickstore.jmh;
