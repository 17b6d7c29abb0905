package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.recording.Recording;
import io.tickstore.snapshot.eventlog.EventLogSalvage;
import io.tickstore.snapshot.eventlog.SalvageReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Cuts a damaged event log before its first damaged chunk so the run can be resumed, keeping the removed bytes.
 * The one command that removes chunks other than a torn tail, so it is never implied by another: {@code verify},
 * {@code replay}, {@code log} and {@code run --resume} refuse a damaged log and point here.
 */
@Command(name = "salvage", mixinStandardHelpOptions = true,
        description = "Cut a run's damaged event log before its first damaged chunk, so the run can be resumed. Every removed "
                + "byte is kept in RUN/events/salvaged-<UTC time>/ with a salvage.json saying what was cut and why. A log that is "
                + "not damaged is left as it is (a torn tail is what a crash leaves: run --resume drops it). A run that is "
                + "being written is refused: salvage takes the run's writer lock.")
final class SalvageCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory, or its events/ log directory.")
    Path run;

    @Override
    public Integer call() throws IOException {
        Path logDir = LogSource.logDir(run);
        SalvageReport report = Recording.salvageLog(logDir.getParent());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Json.print(out, json(report));
        } else if (report.cut().isEmpty()) {
            out.println("nothing to salvage: " + report.summary());
        } else {
            SalvageReport.Cut cut = report.cut().get();
            out.printf("log        %s%n", logDir);
            out.printf("damage     %s%n", cut.reason());
            out.printf("cut        before chunk %d, at offset %d of %s%n", cut.sequence(), cut.offset(), cut.segment().getFileName());
            out.printf("removed    %d records in %d intact chunks%s, %s%n", cut.recordsRemoved(), cut.chunksRemoved(),
                    cut.damagedChunkRecords() >= 0 ? " and " + cut.damagedChunkRecords() + " in the damaged chunk" : "",
                    Units.bytes(cut.bytesRemoved()));
            out.printf("kept in    %s (%s)%n", cut.salvageDir(), EventLogSalvage.DESCRIPTION);
            out.printf("log now    %d records in %d chunks; %s%n", report.recordsKept(), report.chunksKept(), resumeHint(logDir));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** How to go on: the exact resume command when the log is a run's, as it is for logs that {@code run} made. */
    private static String resumeHint(Path logDir) {
        Path runDir = logDir.getParent();
        if (runDir != null && runDir.getParent() != null && logDir.getFileName().toString().equals(EventLogLayout.RUN_SUBDIRECTORY)) {
            return "resume the run with ./tickstore run --resume --store " + Units.quoted(runDir.getParent().toString()) + " --run "
                    + Units.quoted(runDir.getFileName().toString());
        }
        return "the log can be appended to again";
    }

    private static ObjectNode json(SalvageReport report) {
        ObjectNode json = Json.object();
        json.put("log", report.logDir().toString());
        json.put("damaged", report.cut().isPresent());
        json.put("chunksKept", report.chunksKept());
        json.put("recordsKept", report.recordsKept());
        report.tornTail().ifPresent(tail -> {
            ObjectNode torn = json.putObject("tornTail");
            torn.put("segment", tail.segment().toString());
            torn.put("offset", tail.offset());
            torn.put("bytes", tail.bytes());
        });
        report.cut().ifPresent(cut -> {
            ObjectNode c = json.putObject("cut");
            c.put("segment", cut.segment().toString());
            c.put("offset", cut.offset());
            c.put("sequence", cut.sequence());
            c.put("reason", cut.reason());
            c.put("salvagedTo", cut.salvageDir().toString());
            ArrayNode files = c.putArray("files");
            cut.files().forEach(f -> files.add(f.toString()));
            c.put("bytesRemoved", cut.bytesRemoved());
            c.put("chunksRemoved", cut.chunksRemoved());
            c.put("recordsRemoved", cut.recordsRemoved());
            c.put("damagedChunkRecords", cut.damagedChunkRecords());
        });
        return json;
    }
}
