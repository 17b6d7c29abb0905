/**
 * Benchmark runs as regression runs: a result file per run, a comparison with a baseline, and a history chart.
 *
 * <p><b>Purpose.</b> {@link io.tickstore.jmh.regress.Record} turns one run's JMH results (and the numpy peer's)
 * into a result file: the commit, the JDK, the machine, every benchmark's score and error, and every ratio of a
 * Tickstore benchmark to its peer or floor measured in the same run. {@link io.tickstore.jmh.regress.Compare}
 * judges a run against a baseline on those ratios and their error bars and exits non-zero on a regression;
 * {@link io.tickstore.jmh.regress.Report} charts every ratio over the stored history and prints the table.
 * {@code jmh/run-benchmarks.sh} drives all three; the rule is written down in jmh/README.md.
 *
 * <p><b>Hot paths.</b> None: these commands run after the benchmarks, on files of a few kilobytes.
 *
 * <p><b>Threads.</b> One; the chart renders headless.
 *
 * <p><b>Errors.</b> A result file that is missing or not what it should be is reported as a
 * {@code TickstoreException} naming the file and what is wrong with it; the commands then exit with status 2,
 * which never reads as a verdict.
 */
package io.tickstore.jmh.regress;
