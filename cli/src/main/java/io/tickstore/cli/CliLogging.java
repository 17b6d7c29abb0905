package io.tickstore.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the libraries log ({@code System.Logger}, which lands in java.util.logging) as the command shows it: one
 * line on stderr in the command's own voice, {@code tickstore: warning: event log ...: 1024 records lost ...},
 * instead of java.util.logging's two-line default with a timestamp and a class name. Warnings and errors only;
 * {@code --verbose} shows informational messages too.
 */
final class CliLogging {
    private CliLogging() {
    }

    static void install(boolean verbose) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Level level = verbose ? Level.INFO : Level.WARNING;
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
        root.setLevel(level);
    }

    static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            String severity = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
                    : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning" : "info";
            StringBuilder line = new StringBuilder("tickstore: ").append(severity).append(": ").append(formatMessage(record));
            if (record.getThrown() != null) {
                line.append(" (").append(ErrorMessages.oneLine(record.getThrown())).append(')');
            }
            return line.append(System.lineSeparator()).toString();
        }
    }
}
