package io.tickstore.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar redrawn in place on a terminal: the bar, done/total, the rate, the time elapsed and the time
 * left at that rate ({@code [#########.....] 60/100 ticks  12.5 ticks/s  elapsed 0:04  ETA 0:03  100000 rows}). It
 * draws nothing when output is not a terminal or JSON was asked for, so logs and pipes stay clean; redraws are
 * limited to ten a second. (Thirty lines of our own rather than a library: the line is all that is needed.)
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final long total;
    private final String unit;
    private final boolean enabled;
    private final LongSupplier clock;
    private long startNanos = -1;
    private long startDone;
    private long lastDraw;

    ProgressBar(PrintWriter err, long total, boolean enabled) {
        this(err, total, "ticks", enabled, System::nanoTime);
    }

    ProgressBar(PrintWriter err, long total, String unit, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Whether the process talks to a terminal (both streams attached to a console). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /** Where the count starts (a resumed run starts past 0), so the rate counts this run's work only. */
    void start(long done) {
        startNanos = clock.getAsLong();
        startDone = done;
        lastDraw = startNanos - REDRAW_NANOS;
    }

    void update(long done, String detail) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (startNanos < 0) {
            start(done);
        }
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(done, now, detail) + "   ");
        err.flush();
    }

    /** The line for {@code done} at {@code now}, without the carriage return. */
    String line(long done, long now, String detail) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        StringBuilder line = new StringBuilder(WIDTH + 96).append('[');
        for (int i = 0; i < WIDTH; i++) {
            line.append(i < filled ? '#' : '.');
        }
        double seconds = (now - startNanos) / 1e9;
        double rate = seconds > 0 ? (done - startDone) / seconds : 0;
        line.append("] ").append(done).append('/').append(total).append(' ').append(unit);
        line.append(String.format("  %.1f %s/s  elapsed %s", rate, unit, clockTime(seconds)));
        line.append("  ETA ").append(rate > 0 ? clockTime((total - Math.min(done, total)) / rate) : "?");
        if (!detail.isEmpty()) {
            line.append("  ").append(detail);
        }
        return line.toString();
    }

    /** 0:04, 12:30, 1:02:03. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    void finish() {
        if (enabled) {
            err.println();
            err.flush();
        }
    }
}
