package io.tickstore.jmh.regress;

import io.tickstore.columns.TickstoreException;

/** Runs a regression command: its own exit status, or {@value #BAD_INPUT} with one line when its input is wrong. */
final class Cli {
    /** The status of a command that could not judge anything; never 1, which means a regression. */
    static final int BAD_INPUT = 2;

    interface Command {
        int run();
    }

    private Cli() {
    }

    static int run(String name, Command command) {
        try {
            return command.run();
        } catch (TickstoreException e) {
            System.err.println(name.toLowerCase() + ": " + e.getMessage());
            return BAD_INPUT;
        }
    }
}
