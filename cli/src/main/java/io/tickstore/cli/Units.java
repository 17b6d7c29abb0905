package io.tickstore.cli;

import java.util.List;

/** Human-readable sizes and lists for text output. */
final class Units {
    private Units() {
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    /** A short list: every tick when there are few, else the first three, an ellipsis and the last two. */
    static String tickList(List<Long> ticks) {
        if (ticks.size() <= 8) {
            return ticks.toString();
        }
        return "[" + ticks.get(0) + ", " + ticks.get(1) + ", " + ticks.get(2) + ", ..., "
                + ticks.get(ticks.size() - 2) + ", " + ticks.get(ticks.size() - 1) + "]";
    }

    /** A word as a shell reads it back unchanged: single-quoted when it holds anything a shell would interpret. */
    static String quoted(String word) {
        if (word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
