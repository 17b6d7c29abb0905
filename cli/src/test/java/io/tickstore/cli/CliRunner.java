package io.tickstore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints, as a shell would see it. */
final class CliRunner {
    private CliRunner() {
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** What a command wrote to standard output as bytes (an export to {@code --out -}), and its stderr. */
    record Binary(int exitCode, byte[] stdout, String err) {
    }

    static Binary runBinary(String... args) {
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintWriter text = new PrintWriter(new java.io.OutputStreamWriter(stdout, java.nio.charset.StandardCharsets.UTF_8), true);
        int code = Main.execute(args, text, new PrintWriter(err, true), stdout);
        text.flush();
        return new Binary(code, stdout.toByteArray(), err.toString());
    }
}
