package io.tickstore.vectors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickstore.backends.postgres.copy.BinaryCopyReader;
import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import io.tickstore.columns.JsonText;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.vectors.HnswSettings;
import io.tickstore.vectors.Include;
import io.tickstore.vectors.SimilarChunks;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.lucene.util.FixedBitSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * The store whose chunks are rows of {@code document_chunk} (id, collection, document, metadata jsonb,
 * embedding real[]) in one database schema, so a query's ids join with the simulation's tables. Rows are written by
 * binary COPY; the metadata filter is PostgreSQL's own {@code @>} (with a {@code jsonb_path_ops} GIN index behind
 * it); the nearest neighbours come from the HNSW graph this store keeps in memory per collection, built from the table
 * on open and changed after each commit.
 */
public final class PostgresVectorStore extends CheckedVectorStore {
    private static final int COPY_CHUNK = 256 * 1024;

    private final Connection connection;
    private final String schema;
    private final String table;
    private final World memory;
    private final HnswSettings settings;
    private final Map<String, PostgresCollection> collections = new HashMap<>();

    private PostgresVectorStore(Connection connection, String schema, World memory, int dimension, HnswSettings settings) {
        super(dimension);
        this.connection = connection;
        this.schema = schema;
        this.table = quote(schema) + ".document_chunk";
        this.memory = memory;
        this.settings = settings;
    }

    public static PostgresVectorStore open(String jdbcUrl, String schema, BufferAllocator allocator, int dimension, HnswSettings settings) {
        if (schema == null || !Schema.IDENTIFIER.matcher(schema).matches()) {
            throw new TickstoreException(Problem.INVALID_IDENTIFIER, "database schema '" + schema + "' is not an identifier");
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new TickstoreException(Problem.DATABASE, "PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
        }
        World memory = new World(allocator);
        PostgresVectorStore store = new PostgresVectorStore(connection, schema, memory, dimension, settings);
        try {
            store.createTable();
            store.load();
            return store;
        } catch (SQLException e) {
            store.close();
            throw store.failed("open", e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void createTable() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "id text NOT NULL, collection text NOT NULL, document text NOT NULL,"
                    + " metadata jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),"
                    + " embedding real[] NOT NULL CHECK (array_ndims(embedding) = 1),"
                    + " PRIMARY KEY (collection, id))");
            st.execute("CREATE INDEX IF NOT EXISTS document_chunk_metadata ON " + table + " USING gin (metadata jsonb_path_ops)");
            st.execute("COMMENT ON TABLE " + table + " IS 'Chunks of text with an embedding for vector search, one namespace per"
                    + " collection; written by the Tickstore PostgreSQL vector store, which searches them with an HNSW graph it builds"
                    + " from this table'");
        }
    }

    /** Reads every collection's ids and embeddings, in id order, and builds their graphs. */
    private void load() throws SQLException {
        CopyOut out = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT collection, id, embedding FROM "
                + table + " ORDER BY collection, id) TO STDOUT (FORMAT binary)");
        BinaryCopyReader reader = new BinaryCopyReader(out::readFromCopy);
        reader.readHeader();
        while (reader.nextRow(3)) {
            String collection = reader.readText();
            String id = reader.readText();
            float[] embedding = reader.readFloat4Array();
            if (embedding.length != dimension()) {
                throw Checks.invalid("collection '" + collection + "' of " + table + ": chunk '" + id + "' has dimension "
                        + embedding.length + ", expected " + dimension());
            }
            collectionFor(collection).append(id, embedding);
        }
        reader.expectEnd();
        for (PostgresCollection c : collections.values()) {
            c.indexNewRows();
        }
    }

    private PostgresCollection collectionFor(String collection) {
        PostgresCollection c = collections.get(collection);
        if (c == null) {
            Checks.collection(collection);
            c = new PostgresCollection(memory.createTable(ChunkTable.idsAndEmbeddings(collection, dimension()), 16), settings);
            collections.put(collection, c);
        }
        return c;
    }

    @Override
    void add(String collection, List<String> ids, List<String> documents, List<float[]> embeddings, List<String> canonical) {
        try {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement replace = connection.prepareStatement("DELETE FROM " + table + " WHERE collection = ? AND id = ANY(?)")) {
                    replace.setString(1, collection);
                    replace.setArray(2, textArray(ids));
                    replace.executeUpdate();
                }
                CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table
                        + " (id, collection, document, metadata, embedding) FROM STDIN (FORMAT binary)");
                try {
                    BinaryCopyWriter writer = new BinaryCopyWriter(in::writeToCopy, COPY_CHUNK);
                    writer.writeHeader();
                    for (int i = 0; i < ids.size(); i++) {
                        writer.startRow(5);
                        writer.writeText(ids.get(i));
                        writer.writeText(collection);
                        writer.writeText(documents.get(i));
                        writer.writeJsonb(canonical.get(i));
                        writer.writeFloat4Array(embeddings.get(i));
                    }
                    writer.finish();
                    in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed("add chunks to collection '" + collection + "'", e);
        }
        PostgresCollection c = collectionFor(collection);
        for (int i = 0; i < ids.size(); i++) {
            c.append(ids.get(i), embeddings.get(i));
        }
        c.indexNewRows();
    }

    @Override
    SimilarChunks query(String collection, float[] query, int k, JsonNode filter, Set<Include> include, boolean exact) {
        PostgresCollection c = collections.get(collection);
        if (c == null) {
            return null;
        }
        try {
            FixedBitSet accept = filter == null ? null : matching(collection, c, filter);
            return results(collection, c, c.index().find(query, k, accept, exact), include);
        } catch (SQLException e) {
            throw failed("query collection '" + collection + "'", e);
        }
    }

    /** The rows whose metadata contains the filter, as PostgreSQL decides. */
    private FixedBitSet matching(String collection, PostgresCollection c, JsonNode filter) throws SQLException {
        FixedBitSet accept = new FixedBitSet(Math.max(1, c.index().indexed()));
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE collection = ? AND metadata @> ?::jsonb")) {
            select.setString(1, collection);
            select.setString(2, filter.toString());
            select.setFetchSize(10_000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int row = c.rowOf(rs.getString(1));
                    if (row >= 0) {
                        accept.set(row);
                    }
                }
            }
        }
        return accept;
    }

    private SimilarChunks results(String collection, PostgresCollection c, Nearest.Hits hits, Set<Include> include) throws SQLException {
        List<String> ids = new ArrayList<>(hits.size());
        List<float[]> embeddings = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            int row = hits.ordinals()[i];
            ids.add(c.id(row));
            if (include.contains(Include.EMBEDDINGS)) {
                embeddings.add(c.embedding(row));
            }
        }
        List<String> documents = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        if (!ids.isEmpty() && (include.contains(Include.DOCUMENTS) || include.contains(Include.METADATA))) {
            Map<String, String[]> rows = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, document, metadata::text FROM " + table
                    + " WHERE collection = ? AND id = ANY(?)")) {
                select.setString(1, collection);
                select.setArray(2, textArray(ids));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
            }
            for (String id : ids) {
                String[] row = rows.get(id);
                if (row == null) {
                    throw new TickstoreException(Problem.CORRUPT_JOURNAL, table + ": chunk '" + id + "' of collection '" + collection
                            + "' is in the graph but not in the table: another writer changed it while this store was open");
                }
                documents.add(row[0]);
                metadata.add(JsonText.canonical(row[1]));
            }
        }
        return new SimilarChunks(ids, documents, embeddings, metadata, hits.distances(), include);
    }

    @Override
    int delete(String collection, List<String> ids) {
        PostgresCollection c = collections.get(collection);
        if (c == null) {
            return 0;
        }
        List<String> deleted = new ArrayList<>();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE collection = ? AND id = ANY(?) RETURNING id")) {
            delete.setString(1, collection);
            delete.setArray(2, textArray(ids));
            try (ResultSet rs = delete.executeQuery()) {
                while (rs.next()) {
                    deleted.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failed("delete chunks of collection '" + collection + "'", e);
        }
        c.delete(deleted);
        return deleted.size();
    }

    @Override
    long count(String collection) {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE collection = ?")) {
            count.setString(1, collection);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failed("count collection '" + collection + "'", e);
        }
    }

    @Override
    void release() {
        collections.clear();
        try {
            memory.close();
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // the connection is gone either way; nothing of the store's is left to release
            }
        }
    }

    private Array textArray(List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }

    private TickstoreException failed(String what, SQLException e) {
        return new TickstoreException(Problem.DATABASE, table + ": could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "on " + table;
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}
