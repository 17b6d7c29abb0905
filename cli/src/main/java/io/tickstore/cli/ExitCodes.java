package io.tickstore.cli;

/** Process exit codes of every command. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command failed: bad input, an I/O error, or a check that did not hold (verify). */
    public static final int FAILURE = 1;
    /** The command line itself was wrong (picocli's own code for usage errors). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
