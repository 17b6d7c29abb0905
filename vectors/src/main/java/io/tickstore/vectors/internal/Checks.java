package io.tickstore.vectors.internal;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.vectors.VectorStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks every call of both stores makes, with the errors the contract promises. */
public final class Checks {
    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0," + (VectorStore.MAX_COLLECTION_NAME - 1) + "}");

    private Checks() {
    }

    static boolean isCollectionName(String name) {
        return name != null && COLLECTION.matcher(name).matches();
    }

    public static void collection(String collection) {
        if (!isCollectionName(collection)) {
            throw new TickstoreException(Problem.INVALID_IDENTIFIER, "collection name '" + collection + "' is not an identifier"
                    + " (a letter, then letters, digits or underscores, at most " + VectorStore.MAX_COLLECTION_NAME + " characters)");
        }
    }

    public static void dimension(int dimension) {
        if (dimension < 1 || dimension > 65_536) {
            throw new TickstoreException(Problem.INVALID_INPUT, "dimension " + dimension + " is outside [1, 65536]");
        }
    }

    /** A query: the store's dimension, finite, not all zeros; k not negative. */
    public static void query(String collection, int dimension, float[] query, int k) {
        collection(collection);
        if (query == null) {
            throw invalid("collection '" + collection + "': the query embedding is null");
        }
        vector(collection, dimension, query, "the query embedding");
        if (k < 0) {
            throw invalid("collection '" + collection + "': k = " + k + " is negative");
        }
    }

    /** A batch to add: parallel lists, ids present and unique, embeddings of the dimension. */
    public static void batch(String collection, int dimension, List<String> ids, List<String> documents, List<float[]> embeddings,
                             List<String> metadata) {
        collection(collection);
        if (ids == null || documents == null || embeddings == null) {
            throw invalid("collection '" + collection + "': ids, documents and embeddings are required (metadata may be null)");
        }
        int n = ids.size();
        if (documents.size() != n || embeddings.size() != n || metadata != null && metadata.size() != n) {
            throw invalid("collection '" + collection + "': " + n + " ids but " + documents.size() + " documents, " + embeddings.size()
                    + " embeddings" + (metadata == null ? "" : " and " + metadata.size() + " metadata"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            if (id == null || id.isEmpty()) {
                throw invalid("collection '" + collection + "': chunk " + i + " of the batch has no id");
            }
            if (!seen.add(id)) {
                throw invalid("collection '" + collection + "': id '" + id + "' is twice in one batch");
            }
            if (documents.get(i) == null) {
                throw invalid("collection '" + collection + "': chunk '" + id + "' has no document");
            }
            if (embeddings.get(i) == null) {
                throw invalid("collection '" + collection + "': chunk '" + id + "' has no embedding");
            }
            vector(collection, dimension, embeddings.get(i), "the embedding of chunk '" + id + "'");
        }
    }

    private static void vector(String collection, int dimension, float[] vector, String what) {
        if (vector.length != dimension) {
            throw invalid("collection '" + collection + "': " + what + " has dimension " + vector.length + ", expected " + dimension);
        }
        boolean zero = true;
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw invalid("collection '" + collection + "': " + what + " holds " + vector[i] + " at index " + i);
            }
            zero &= vector[i] == 0;
        }
        if (zero) {
            throw invalid("collection '" + collection + "': " + what + " is all zeros, which has no cosine distance");
        }
    }

    /** Metadata text (null means {@code {}}) as canonical JSON of an object. */
    public static String metadata(String collection, String id, String json) {
        if (json == null) {
            return "{}";
        }
        try {
            JsonContainment.parseObject(json, "metadata");
            return io.tickstore.columns.JsonText.canonical(json);
        } catch (IllegalArgumentException e) {
            throw invalid("collection '" + collection + "': chunk '" + id + "': " + e.getMessage());
        }
    }

    /** A filter (null or empty means none) parsed, or null for none. */
    public static com.fasterxml.jackson.databind.JsonNode where(String collection, String where) {
        if (where == null || where.isBlank()) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode node = JsonContainment.parseObject(where, "the filter");
            return node.isEmpty() ? null : node;
        } catch (IllegalArgumentException e) {
            throw invalid("collection '" + collection + "': " + e.getMessage());
        }
    }

    public static TickstoreException invalid(String message) {
        return new TickstoreException(Problem.INVALID_INPUT, message);
    }
}
