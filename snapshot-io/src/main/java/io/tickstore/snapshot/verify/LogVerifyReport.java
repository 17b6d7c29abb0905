package io.tickstore.snapshot.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verification of one event log: a check of its codebook, its append counter and each segment file (every
 * chunk in it), in that order, up to the first that fails (what follows a bad codebook or a damaged chunk cannot be
 * checked). Warnings are what a crash leaves and the log is meant to survive, a torn tail above all: reported, not
 * failures.
 */
public final class LogVerifyReport {
    private final Path logDir;
    private final List<FileCheck> checks;
    private final List<String> warnings;
    private final long chunks;
    private final long records;

    public LogVerifyReport(Path logDir, List<FileCheck> checks, List<String> warnings, long chunks, long records) {
        this.logDir = logDir;
        this.checks = List.copyOf(checks);
        this.warnings = List.copyOf(warnings);
        this.chunks = chunks;
        this.records = records;
    }

    public Path logDir() {
        return logDir;
    }

    /** Codebook, counter (when there is one) and segments, in that order. */
    public List<FileCheck> checks() {
        return checks;
    }

    /** What a crash left, each naming its file: a torn tail, records lost, a missing counter. */
    public List<String> warnings() {
        return warnings;
    }

    /** Complete chunks checked (0 when the log failed). */
    public long chunks() {
        return chunks;
    }

    /** Records in them. */
    public long records() {
        return records;
    }

    public boolean ok() {
        return firstBad().isEmpty();
    }

    public Optional<FileCheck> firstBad() {
        return failures().stream().findFirst();
    }

    public List<FileCheck> failures() {
        List<FileCheck> bad = new ArrayList<>();
        for (FileCheck check : checks) {
            if (!check.ok()) {
                bad.add(check);
            }
        }
        return bad;
    }

    /** One line: the log, OK with its size and warnings, or the first failure. */
    public String summary() {
        Optional<FileCheck> bad = firstBad();
        if (bad.isPresent()) {
            return "FAILED " + logDir + ": " + bad.get();
        }
        return "OK " + logDir + " (" + chunks + " chunks, " + records + " records"
                + (warnings.isEmpty() ? "" : "; " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")) + ")";
    }

    @Override
    public String toString() {
        return summary();
    }
}
