package io.tickstore.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.backends.testing.PostgresTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract for the store in PostgreSQL's document_chunk; reopening reads the table again. */
class PostgresVectorStoreTest extends VectorStoreContract {
    private String schema;

    @BeforeAll
    static void server() {
        PostgresTestServer.assumeAvailable();
    }

    @BeforeEach
    void freshSchema() {
        schema = PostgresTestServer.freshSchema("vectors");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        PostgresTestServer.dropSchema(schema);
    }

    @Override
    VectorStore open(int dimension) {
        return VectorStores.postgres(PostgresTestServer.url(), schema, memory.root(), dimension);
    }

    @Override
    VectorStore reopen(VectorStore store) {
        int dimension = store.dimension();
        store.close();
        return open(dimension);
    }

    @Test
    void theChunksAreRowsOfDocumentChunkThatJoinWithOtherTables() throws SQLException {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 50, DIMENSION, 3, 20);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, chunks.metadata);
            SimilarChunks found = store.querySimilar("docs", chunks.embeddings.get(4), 3, "{\"cluster\": "
                    + chunks.metadata.get(4).split("[:,]")[1].strip() + "}", Set.of());
            try (Connection c = PostgresTestServer.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE \"" + schema + "\".citation (chunk_id text, cited_by text)");
                st.execute("INSERT INTO \"" + schema + "\".citation VALUES ('c4', 'ruling 7')");
                assertEquals(List.of("c4 ruling 7 16 " + chunks.documents.get(4)),
                        rows(st, "SELECT d.id, t.cited_by, array_length(d.embedding, 1), d.document FROM \"" + schema + "\".document_chunk d"
                                + " JOIN \"" + schema + "\".citation t ON t.chunk_id = d.id WHERE d.collection = 'docs' AND d.id = ANY(ARRAY"
                                + toSqlArray(found.ids()) + ")"));
                assertEquals(List.of(String.valueOf(chunks.embeddings.get(4)[0])),
                        rows(st, "SELECT embedding[1] FROM \"" + schema + "\".document_chunk WHERE id = 'c4'"));
            }
        }
    }

    @Test
    void aTableOfAnotherDimensionIsRefusedOnOpenNamingTheChunk() {
        try (VectorStore store = open(DIMENSION)) {
            Chunks chunks = Chunks.clustered("c", 2, DIMENSION, 1, 21);
            store.addChunks("docs", chunks.ids, chunks.documents, chunks.embeddings, null);
        }
        io.tickstore.columns.TickstoreException e = org.junit.jupiter.api.Assertions.assertThrows(io.tickstore.columns.TickstoreException.class,
                () -> open(DIMENSION * 2));
        assertEquals("collection 'docs' of \"" + schema + "\".document_chunk: chunk 'c0' has dimension 16, expected 32", e.getMessage());
    }

    private static String toSqlArray(List<String> ids) {
        List<String> quoted = new ArrayList<>();
        for (String id : ids) {
            quoted.add("'" + id + "'");
        }
        return "[" + String.join(",", quoted) + "]";
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    fields.add(rs.getString(i));
                }
                out.add(String.join(" ", fields));
            }
        }
        return out;
    }
}
