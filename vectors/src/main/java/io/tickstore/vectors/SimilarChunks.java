package io.tickstore.vectors;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a query found, nearest first: the ids, and the fields it was asked to {@link Include}. The lists are
 * parallel (index i of each describes the same chunk). Metadata is canonical JSON text
 * ({@link io.tickstore.columns.JsonText}), the same whichever store returned it; a distance is the cosine distance
 * {@code 1 - cos(query, embedding)}, from 0 (same direction) to 2 (opposite).
 */
public final class SimilarChunks {
    private final List<String> ids;
    private final List<String> documents;
    private final List<float[]> embeddings;
    private final List<String> metadata;
    private final float[] distances;
    private final Set<Include> included;

    public SimilarChunks(List<String> ids, List<String> documents, List<float[]> embeddings, List<String> metadata,
                         float[] distances, Set<Include> included) {
        this.ids = List.copyOf(ids);
        this.included = included.isEmpty() ? EnumSet.noneOf(Include.class) : EnumSet.copyOf(included);
        this.documents = this.included.contains(Include.DOCUMENTS) ? List.copyOf(documents) : null;
        this.embeddings = this.included.contains(Include.EMBEDDINGS) ? Collections.unmodifiableList(embeddings) : null;
        this.metadata = this.included.contains(Include.METADATA) ? List.copyOf(metadata) : null;
        this.distances = this.included.contains(Include.DISTANCES) ? distances.clone() : null;
    }

    /** How many chunks were found: at most k, fewer when the collection (or the filter) holds fewer. */
    public int size() {
        return ids.size();
    }

    public List<String> ids() {
        return ids;
    }

    public List<String> documents() {
        return field(documents, Include.DOCUMENTS);
    }

    public List<float[]> embeddings() {
        return field(embeddings, Include.EMBEDDINGS);
    }

    public List<String> metadata() {
        return field(metadata, Include.METADATA);
    }

    public float distance(int i) {
        return field(distances, Include.DISTANCES)[i];
    }

    public float[] distances() {
        return field(distances, Include.DISTANCES).clone();
    }

    public Set<Include> included() {
        return Collections.unmodifiableSet(included);
    }

    private <T> T field(T value, Include which) {
        if (value == null) {
            throw new IllegalStateException("the query did not include " + which + " (it included " + included + ")");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SimilarChunks" + ids;
    }
}
