package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.verify.EventLogVerifier;
import io.tickstore.snapshot.verify.FileCheck;
import io.tickstore.snapshot.verify.LogVerifyReport;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.util.ArrayList;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Recomputes every checksum under a path, the event log of every run included; exit 1 names the first file that
 * does not hold. A torn log tail is what a crash leaves and the run survives it, so it is a warning, not a failure.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every CRC32C of a snapshot, a run or a store, and every run's event log (codebook, append "
                + "counter, every chunk). Exit 0 when all hold (a torn log tail, what a crash leaves, is a warning); 1 naming "
                + "the first bad file.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A store, a run or a snapshot directory.")
    Path path;

    @Override
    public Integer call() throws IOException {
        Path target = path.toAbsolutePath().normalize();
        TickstorePath.kindOf(target);
        List<VerifyReport> reports = SnapshotVerifier.verifyAll(target);
        List<LogVerifyReport> logs = EventLogVerifier.verifyAll(target);
        Optional<FileCheck> firstBad = SnapshotVerifier.firstBad(reports).or(() -> EventLogVerifier.firstBad(logs));
        long files = 0;
        List<FileCheck> failures = new ArrayList<>();
        for (VerifyReport report : reports) {
            files += report.allChecks().size();
            failures.addAll(report.failures());
        }
        List<String> warnings = new ArrayList<>();
        for (LogVerifyReport log : logs) {
            files += log.checks().size();
            failures.addAll(log.failures());
            warnings.addAll(log.warnings());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("path", target.toString());
            json.put("ok", firstBad.isEmpty());
            json.put("snapshots", reports.size());
            json.put("logs", logs.size());
            json.put("files", files);
            json.put("firstProblem", firstBad.map(FileCheck::toString).orElse(null));
            ArrayNode problems = json.putArray("problems");
            for (FileCheck check : failures) {
                ObjectNode p = problems.addObject();
                p.put("file", check.path().toString());
                p.put("status", check.status().name());
                p.put("expected", check.expected());
                p.put("actual", check.actual());
                p.put("detail", check.detail());
            }
            ArrayNode warningsJson = json.putArray("warnings");
            warnings.forEach(warningsJson::add);
            Json.print(out, json);
        } else {
            for (VerifyReport report : reports) {
                out.println(report.summary());
            }
            for (LogVerifyReport log : logs) {
                out.println(log.summary());
            }
            out.printf("%s: %d snapshots, %d event %s, %d files checked%n", firstBad.isEmpty() ? "all checksums hold"
                    : "verification FAILED", reports.size(), logs.size(), logs.size() == 1 ? "log" : "logs", files);
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : warnings) {
            err.println("tickstore: warning: " + warning);
        }
        err.flush();
        if (firstBad.isPresent()) {
            spec.commandLine().getErr().println("tickstore: verify failed: " + firstBad.get());
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
