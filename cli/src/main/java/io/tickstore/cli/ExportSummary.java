package io.tickstore.cli;

import io.tickstore.export.OutputTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where an export's summary ("wrote FILE: ...", or its JSON) goes: stdout, unless the export itself went there
 * ({@code --out -}, {@code --out /dev/stdout}); then stderr, so what a pipe reads is the export and nothing else.
 */
final class ExportSummary {
    private ExportSummary() {
    }

    static PrintWriter stream(CommandSpec spec, OutputTarget target) {
        return target.isStandardOutput() || target.isStream() && isStandardOutput(target.path()) ? spec.commandLine().getErr()
                : spec.commandLine().getOut();
    }

    private static boolean isStandardOutput(Path path) {
        try {
            return Files.isSameFile(path, Path.of("/dev/stdout"));
        } catch (IOException | RuntimeException noSuchThing) {
            return false;
        }
    }
}
