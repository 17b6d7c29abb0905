package io.tickstore.vectors;

import io.tickstore.columns.TickstoreException;
import io.tickstore.mmap.MappedColumn;
import io.tickstore.mmap.MappedValues;
import io.tickstore.vectors.internal.MappedScan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Exact search in a snapshot on disk, with no world loaded: the collection's embedding column is mapped
 * (mmap-reader), every live row compared with the query, and only the k found read for their ids, documents and
 * metadata. For a tool that looks into old snapshots, or a check of the store's answers against the bytes it saved.
 */
public final class SnapshotSearch {
    private SnapshotSearch() {
    }

    /**
     * The k live chunks of {@code collection} nearest to {@code query} in the snapshot at {@code snapshotDir}, with their
     * documents, metadata and distances.
     *
     * @throws TickstoreException {@code INVALID_INPUT} when the query's dimension is not the column's
     */
    public static SimilarChunks exact(Path snapshotDir, String collection, float[] query, int k) throws IOException {
        String table = "chunks_" + collection;
        try (MappedColumn embeddings = MappedColumn.open(snapshotDir, table, "embedding");
             MappedColumn deleted = MappedColumn.open(snapshotDir, table, "deleted")) {
            if (embeddings.rowLength() != query.length) {
                throw new TickstoreException(TickstoreException.Problem.INVALID_INPUT, "collection '" + collection + "' in "
                        + snapshotDir + ": the query embedding has dimension " + query.length + ", expected " + embeddings.rowLength());
            }
            MappedScan.Found found = MappedScan.nearest(embeddings, deleted, query, k);
            List<String> ids = new ArrayList<>();
            List<String> documents = new ArrayList<>();
            List<String> metadata = new ArrayList<>();
            try (MappedValues idColumn = MappedValues.open(snapshotDir, table, "chunk_id");
                 MappedValues documentColumn = MappedValues.open(snapshotDir, table, "document");
                 MappedValues metadataColumn = MappedValues.open(snapshotDir, table, "metadata")) {
                for (long row : found.rows()) {
                    ids.add(idColumn.getString(row));
                    documents.add(documentColumn.getString(row));
                    metadata.add(metadataColumn.getString(row));
                }
            }
            return new SimilarChunks(ids, documents, List.of(), metadata, found.distances(),
                    EnumSet.of(Include.DOCUMENTS, Include.METADATA, Include.DISTANCES));
        }
    }
}
