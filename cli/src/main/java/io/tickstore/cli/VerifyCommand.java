package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.verify.FileCheck;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
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

/** Recomputes every checksum under a path; exit 1 names the first file that does not hold. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every CRC32C of a snapshot, a run or a store. Exit 0 when all hold; 1 naming the first bad file.")
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
        Optional<FileCheck> firstBad = SnapshotVerifier.firstBad(reports);
        long files = 0;
        for (VerifyReport report : reports) {
            files += report.allChecks().size();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("path", target.toString());
            json.put("ok", firstBad.isEmpty());
            json.put("snapshots", reports.size());
            json.put("files", files);
            json.put("firstProblem", firstBad.map(FileCheck::toString).orElse(null));
            ArrayNode problems = json.putArray("problems");
            for (VerifyReport report : reports) {
                for (FileCheck check : report.failures()) {
                    ObjectNode p = problems.addObject();
                    p.put("file", check.path().toString());
                    p.put("status", check.status().name());
                    p.put("expected", check.expected());
                    p.put("actual", check.actual());
                    p.put("detail", check.detail());
                }
            }
            Json.print(out, json);
        } else {
            for (VerifyReport report : reports) {
                out.println(report.summary());
            }
            out.printf("%s: %d snapshots, %d files checked%n", firstBad.isEmpty() ? "all checksums hold" : "verification FAILED",
                    reports.size(), files);
        }
        out.flush();
        if (firstBad.isPresent()) {
            spec.commandLine().getErr().println("tickstore: verify failed: " + firstBad.get());
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
