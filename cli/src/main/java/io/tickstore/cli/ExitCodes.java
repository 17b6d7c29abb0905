package io.tickstore.cli;

/** Process exit codes of every command. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command failed: bad input, an I/O error, or a check that did not hold (verify). */
    public static final int FAILURE = 1;
    /** The command line itself was wrong (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** {@code run} stopped by Ctrl-C: 128 + SIGINT's number, as shells report a process a signal ended. */
    public static final int INTERRUPTED = 130;
    /** {@code run} stopped by SIGTERM: 128 + its number. */
    public static final int TERMINATED = 143;

    /** 128 + a signal's number: the exit code shells give a process that signal ended. */
    static int ofSignal(int number) {
        return 128 + number;
    }

    private ExitCodes() {
    }
}
