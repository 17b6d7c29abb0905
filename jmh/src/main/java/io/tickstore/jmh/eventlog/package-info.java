/**
 * Benchmarks of the event log, exact replay and the checkpoint loop, each beside its peer in the same run.
 *
 * <p><b>Purpose.</b> {@code EventAppendBenchmark}: the cost of appending one record on the simulation thread
 * (median and p99.9, background writer running) beside Chronicle Queue's appender and java.util.logging;
 * {@code ReplayBenchmark}: records applied per second; {@code CheckpointStallBenchmark}: what a checkpoint of the
 * 1M-row world costs the simulation thread beside a plain memory copy of the same bytes. {@code jmh/numpy_peer.py}
 * turns the results into lines of its ratio table with the targets.
 *
 * <p><b>Hot paths.</b> The measured methods call the library as a simulation would; batches of 100 records per
 * operation where one record is below the timer's resolution. Files, worlds and logs are made in {@code @Setup}.
 *
 * <p><b>Threads.</b> One benchmark thread; the log's writer and the checkpointer's writer run beside it, as in use.
 *
 * <p><b>Errors.</b> An I/O failure fails the trial; every trial closes its allocator, which throws on a leak.
 */
package io.tickstore.jmh.eventlog;
