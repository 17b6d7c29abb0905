package io.tickstore.cli;

import io.tickstore.backends.PersistenceException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code tickstore} entry point: parses the command line and turns failures into one clear line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CliLogging.install(isVerbose(args));
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.out));
    }

    /** Runs one command line and returns its exit code; the tests call this directly. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, System.out);
    }

    /**
     * Runs one command line with {@code stdout} as the standard output binary exports write to ({@code --out -}) and
     * returns its exit code.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, java.io.OutputStream stdout) {
        boolean showStack = isVerbose(args);
        TickstoreCommand top = new TickstoreCommand();
        top.stdout = stdout;
        CommandLine cli = new CommandLine(top);
        // --format CSV, --back-pressure block: enum values in any case
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("tickstore: " + ErrorMessages.oneLine(ex));
            if (showStack) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof CliException ? ((CliException) ex).exitCode() : ExitCodes.FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code --verbose} anywhere on the line, read before picocli parses it (errors in parsing need it too). */
    private static boolean isVerbose(String[] args) {
        return java.util.Arrays.asList(args).contains("--verbose");
    }
}
