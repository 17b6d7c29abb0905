package io.tickstore.jmh.regress;

import java.util.List;
import java.util.Optional;

/**
 * One benchmark run as stored in a result file ({@code result.json}, the files of jmh/history/ and jmh/baselines/).
 *
 * @param format       {@value #FORMAT}, the version of this layout
 * @param commit       the commit measured ({@code git rev-parse HEAD}, {@code -dirty} appended for a modified tree)
 * @param date         when the run ended, ISO-8601 UTC
 * @param jdk          the JDK of the forked benchmark JVMs
 * @param machine      where it ran
 * @param args         what JMH was asked to run
 * @param runs         1 for a run; for a baseline, the number of runs it is the median of ({@link Baseline})
 * @param measurements every benchmark's result, and the numpy peer's
 * @param ratios       every Tickstore benchmark against its peer or floor of the same run
 */
public record RunResult(int format, String commit, String date, String jdk, Machine machine, String args, int runs,
                        List<Measurement> measurements, List<Ratio> ratios) {
    /** The layout version this code writes and reads. */
    public static final int FORMAT = 1;

    Optional<Ratio> ratio(String name) {
        return ratios.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
