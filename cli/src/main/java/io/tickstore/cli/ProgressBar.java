package io.tickstore.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place on a terminal. It draws nothing when output is not a terminal
 * or JSON was asked for, so logs and pipes stay clean; redraws are limited to ten a second.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private long lastDraw;

    ProgressBar(PrintWriter err, long total, boolean enabled) {
        this.err = err;
        this.total = Math.max(1, total);
        this.enabled = enabled;
    }

    /** Whether the process talks to a terminal (both streams attached to a console). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    void update(long done, String detail) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        StringBuilder line = new StringBuilder(WIDTH + 64).append("\r[");
        for (int i = 0; i < WIDTH; i++) {
            line.append(i < filled ? '#' : '.');
        }
        line.append("] ").append(done).append('/').append(total).append(' ').append(detail).append("   ");
        err.print(line);
        err.flush();
    }

    void finish() {
        if (enabled) {
            err.println();
            err.flush();
        }
    }
}
