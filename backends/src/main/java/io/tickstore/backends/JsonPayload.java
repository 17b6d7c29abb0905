package io.tickstore.backends;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.internal.CanonicalJson;

/**
 * The JSON values a caller hands the backends (event payloads, mutations, invariant checks), checked and stored in
 * Tickstore's one canonical spelling ({@link CanonicalJson}: compact, keys sorted, plain decimals).
 *
 * <p>PostgreSQL's {@code jsonb} normalises what it stores (key order, whitespace, {@code 1e2} becomes {@code 100});
 * SQLite keeps text as given. Passing every payload through the canonical form before storing it, and every payload
 * read back through it again, makes both backends return the same text for the same value.
 */
final class JsonPayload {
    private JsonPayload() {
    }

    /** The canonical form of {@code json}; throws {@link Problem#INVALID_INPUT} naming {@code what} when it is not JSON. */
    static String canonical(String json, String what) {
        return CanonicalJson.text(parse(json, what));
    }

    /** {@code json} as a tree; throws {@link Problem#INVALID_INPUT} naming {@code what} when it is not JSON. */
    static JsonNode parse(String json, String what) {
        if (json == null) {
            throw new PersistenceException(Problem.INVALID_INPUT, what + " is null; pass a JSON value (\"null\" for none)");
        }
        try {
            JsonNode tree = CanonicalJson.parse(json);
            if (tree == null || tree.isMissingNode()) {
                throw new PersistenceException(Problem.INVALID_INPUT, what + " is empty; pass a JSON value");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new PersistenceException(Problem.INVALID_INPUT, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A value (a map of timings) as canonical JSON. */
    static String write(Object value) {
        return CanonicalJson.text(value);
    }
}
