package io.tickstore.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.archive.internal.Sha256;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.internal.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The manifest of one archived session ({@code _sessions/session_id=ID/manifest.json}, format in
 * archive/FORMAT.md): what the session held, dataset by dataset, with the row count and content hash each Parquet
 * file must reproduce and the SHA-256 of the file itself. Written last: a session's archive is complete exactly when
 * its manifest exists.
 *
 * @param session the session
 * @param backend the database it came from, without credentials
 * @param createdAt when the export finished
 * @param datasets one per table of the session
 */
record ArchiveManifest(UUID session, String backend, Instant createdAt, List<Dataset> datasets) {
    static final String FORMAT = "tickstore-archive";
    static final int VERSION = 1;
    static final String CHECKSUM_FIELD = "manifestSha256";
    private static final ObjectMapper JSON = new ObjectMapper();

    ArchiveManifest {
        datasets = List.copyOf(datasets);
    }

    /**
     * One table's share of the session.
     *
     * @param name the table (and dataset directory) name
     * @param file the Parquet file, relative to the archive root, '/'-separated
     * @param rows rows in the file
     * @param contentHash SHA-256 of the rows in key order (ColumnKind's definition), 64 hex digits
     * @param sha256 SHA-256 of the file's bytes
     * @param bytes the file's size
     * @param orderBy the key columns the rows are ordered by
     * @param columns the columns, as name and DuckDB type
     */
    record Dataset(String name, String file, long rows, String contentHash, String sha256, long bytes, List<String> orderBy, List<Column> columns) {
        Dataset {
            orderBy = List.copyOf(orderBy);
            columns = List.copyOf(columns);
        }
    }

    /** A column: its name and the DuckDB type it is stored as. */
    record Column(String name, String type) {
    }

    /** The directory, relative to the archive root, of a dataset's files for one session (Hive style). */
    static String partitionDir(String dataset, UUID session) {
        return dataset + "/session_id=" + session;
    }

    /** The manifest's path, relative to the archive root. */
    static String path(UUID session) {
        return "_sessions/session_id=" + session + "/manifest.json";
    }

    byte[] encode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", VERSION);
        root.put("session", session.toString());
        root.put("backend", backend);
        root.put("createdAt", createdAt.toString());
        ArrayNode list = root.putArray("datasets");
        for (Dataset d : datasets) {
            ObjectNode n = list.addObject();
            n.put("name", d.name());
            n.put("file", d.file());
            n.put("rows", d.rows());
            n.put("contentHash", d.contentHash());
            n.put("sha256", d.sha256());
            n.put("bytes", d.bytes());
            ArrayNode order = n.putArray("orderBy");
            d.orderBy().forEach(order::add);
            ArrayNode columns = n.putArray("columns");
            for (Column c : d.columns()) {
                columns.addObject().put("name", c.name()).put("type", c.type());
            }
        }
        root.put(CHECKSUM_FIELD, sha256(CanonicalJson.bytes(root, CHECKSUM_FIELD)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes and checks a manifest; {@code where} names the file in errors. */
    static ArchiveManifest decode(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = CanonicalJson.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new TickstoreException(Problem.ARCHIVE_MISMATCH, where + ": not a JSON archive manifest: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new TickstoreException(Problem.ARCHIVE_MISMATCH, where + ": not a Tickstore archive manifest (format '" + root.path("format").asText() + "')");
        }
        if (root.path("formatVersion").asInt(-1) != VERSION) {
            throw new TickstoreException(Problem.ARCHIVE_MISMATCH, where + ": archive format version " + root.path("formatVersion")
                    + " is not one this Tickstore reads (" + VERSION + ")");
        }
        String recorded = root.path(CHECKSUM_FIELD).asText();
        String actual = sha256(CanonicalJson.bytes(root, CHECKSUM_FIELD));
        if (!actual.equals(recorded)) {
            throw new TickstoreException(Problem.ARCHIVE_MISMATCH, where + ": the manifest's SHA-256 is " + actual + " but it records " + recorded
                    + ": the manifest was changed or damaged");
        }
        List<Dataset> datasets = new ArrayList<>();
        for (JsonNode n : root.path("datasets")) {
            List<String> order = new ArrayList<>();
            n.path("orderBy").forEach(o -> order.add(o.asText()));
            List<Column> columns = new ArrayList<>();
            n.path("columns").forEach(c -> columns.add(new Column(c.path("name").asText(), c.path("type").asText())));
            datasets.add(new Dataset(n.path("name").asText(), n.path("file").asText(), n.path("rows").asLong(), n.path("contentHash").asText(),
                    n.path("sha256").asText(), n.path("bytes").asLong(), order, columns));
        }
        return new ArchiveManifest(UUID.fromString(root.path("session").asText()), root.path("backend").asText(),
                Instant.parse(root.path("createdAt").asText()), datasets);
    }

    /** Rows across every dataset. */
    long totalRows() {
        return datasets.stream().mapToLong(Dataset::rows).sum();
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
