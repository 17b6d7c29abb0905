package io.tickstore.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;
}
