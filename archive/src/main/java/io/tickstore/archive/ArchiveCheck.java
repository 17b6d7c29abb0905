package io.tickstore.archive;

import java.util.List;
import java.util.UUID;

/**
 * What verifying one archived session found: every dataset's file against its manifest (SHA-256 of the bytes, rows
 * and content hash recomputed from the Parquet file) and, when the session is still in the database, the database's
 * rows against the manifest.
 *
 * @param session the session
 * @param datasets datasets checked
 * @param rows rows recomputed from the Parquet files
 * @param againstDatabase whether the database's rows were compared too
 * @param problems one line per disagreement, each naming the file or table first; empty when the archive holds
 */
public record ArchiveCheck(UUID session, int datasets, long rows, boolean againstDatabase, List<String> problems) {
    public ArchiveCheck {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
