package io.tickstore.snapshot.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verification of one snapshot: the manifest's own check, then one check per file the manifest lists
 * (none when the manifest itself is bad, since then the file list cannot be trusted).
 */
public final class VerifyReport {
    private final Path snapshotDir;
    private final FileCheck manifest;
    private final List<FileCheck> files;

    public VerifyReport(Path snapshotDir, FileCheck manifest, List<FileCheck> files) {
        this.snapshotDir = snapshotDir;
        this.manifest = manifest;
        this.files = List.copyOf(files);
    }

    public Path snapshotDir() {
        return snapshotDir;
    }

    /** The manifest's verdict (its self-checksum {@code manifestCrc32c} and every field). */
    public FileCheck manifest() {
        return manifest;
    }

    public CheckStatus manifestStatus() {
        return manifest.status();
    }

    /** Per-file verdicts, in manifest order (per table: entity ids, then columns). */
    public List<FileCheck> files() {
        return files;
    }

    /** The manifest check followed by every file check. */
    public List<FileCheck> allChecks() {
        List<FileCheck> all = new ArrayList<>(files.size() + 1);
        all.add(manifest);
        all.addAll(files);
        return all;
    }

    public boolean ok() {
        return firstBad().isEmpty();
    }

    /** The first failed check, manifest first: what a command prints when it exits non-zero. */
    public Optional<FileCheck> firstBad() {
        for (FileCheck check : allChecks()) {
            if (!check.ok()) {
                return Optional.of(check);
            }
        }
        return Optional.empty();
    }

    public List<FileCheck> failures() {
        List<FileCheck> bad = new ArrayList<>();
        for (FileCheck check : allChecks()) {
            if (!check.ok()) {
                bad.add(check);
            }
        }
        return bad;
    }

    /** One line: the snapshot, OK or the number of bad files and the first of them. */
    public String summary() {
        List<FileCheck> bad = failures();
        if (bad.isEmpty()) {
            return "OK " + snapshotDir + " (" + files.size() + " files)";
        }
        return "FAILED " + snapshotDir + ": " + bad.size() + " bad of " + (files.size() + 1) + "; first: " + bad.get(0);
    }

    @Override
    public String toString() {
        return summary();
    }
}
