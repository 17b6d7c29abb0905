package io.tickstore.vectors;

import java.util.EnumSet;
import java.util.Set;

/** The fields a query returns besides the ids, which it always returns. */
public enum Include {
    DOCUMENTS,
    EMBEDDINGS,
    METADATA,
    DISTANCES;

    /** Documents, metadata and distances: what a retriever usually wants (embeddings are large). */
    public static Set<Include> usual() {
        return EnumSet.of(DOCUMENTS, METADATA, DISTANCES);
    }

    /** Every field. */
    public static Set<Include> all() {
        return EnumSet.allOf(Include.class);
    }
}
