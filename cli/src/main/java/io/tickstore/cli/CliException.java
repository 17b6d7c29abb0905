package io.tickstore.cli;

/** A failure the user should read as one line, without a stack trace. */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, ExitCodes.FAILURE);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
