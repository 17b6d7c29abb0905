package io.tickstore.backends.internal.journal;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.manifest.SchemaCodec;

/**
 * A {@link Schema} as the JSON text a session records, so hydrate rebuilds tables with exactly the schema they were
 * persisted with (defaults bit for bit, {@code sinceVersion}, former names included): the form a manifest holds
 * ({@link SchemaCodec}), compact. Journals written before it recorded {@code defaultBits} for every column; they
 * read as they always did.
 */
public final class SchemaJson {
    private SchemaJson() {
    }

    /** The schema as compact JSON. */
    public static String encode(Schema schema) {
        return SchemaCodec.toJson(schema);
    }

    /** Rebuilds a schema; throws {@link Problem#CORRUPT_JOURNAL} naming {@code where} when the text is not one. */
    public static Schema decode(String json, String where) {
        return SchemaCodec.fromJson(json, "", (field, what, cause) -> new PersistenceException(Problem.CORRUPT_JOURNAL,
                where + ": the recorded schema is unreadable: " + (field.isEmpty() ? "it " : "field '" + field + "' ") + what,
                cause));
    }
}
