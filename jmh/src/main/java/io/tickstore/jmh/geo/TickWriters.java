package io.tickstore.jmh.geo;

import io.tickstore.backends.postgres.copy.BinaryCopyWriter;
import io.tickstore.backends.postgres.copy.PgOid;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The ways one tick's territory and activity reach their journal tables: binary COPY (the hex journal's), the
 * reference design's executemany in batches of 1,000 (JDBC addBatch/executeBatch without reWriteBatchedInserts, as
 * psycopg's executemany sends one INSERT a row), and text COPY into a temporary table then INSERT ... ON CONFLICT DO
 * NOTHING (the later upstream method).
 */
final class TickWriters {
    static final int BATCH = 1_000;
    private static final int CHUNK = 256 * 1024;

    private TickWriters() {
    }

    static void binaryCopy(Connection c, UUID session, GeoTick t) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY territory_snapshot FROM STDIN (FORMAT binary)");
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(in::writeToCopy, CHUNK);
            out.writeHeader();
            for (int county = 0; county < SyntheticGeoWorld.COUNTIES; county++) {
                out.startRow(31);
                out.writeUuid(session);
                out.writeInt4(t.tick);
                out.writeText(SyntheticGeoWorld.county(county));
                out.writeText(SyntheticGeoWorld.state(county));
                out.writeText("County " + county);
                out.writeInt8(t.pop[county]);
                out.writeInt8(t.mobilizable[county]);
                for (int f = 0; f < GeoTick.CLASS_AT; f++) {
                    out.writeFloat4(t.floatOf(county, f));
                }
                out.writeText(t.dominant[county]);
                for (int f = GeoTick.CLASS_AT; f < GeoTick.FLOATS; f++) {
                    out.writeFloat4(t.floatOf(county, f));
                }
                out.writeJsonb("{}");
            }
            out.finish();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY hex_activity FROM STDIN (FORMAT binary)");
        try {
            BinaryCopyWriter out = new BinaryCopyWriter(in::writeToCopy, CHUNK);
            out.writeHeader();
            for (int i = 0; i < SyntheticGeoWorld.ACTIVE; i++) {
                out.startRow(10);
                out.writeUuid(session);
                out.writeInt4(t.tick);
                out.writeText(SyntheticGeoWorld.hex(t.hexes[i]));
                out.writeFloat4(t.heat[i]);
                out.writeFloat4(t.heatDelta[i]);
                out.writeInt2(t.orgCount[i]);
                long bytes = 0;
                for (String org : t.orgIds[i]) {
                    bytes += 4 + org.getBytes(StandardCharsets.UTF_8).length;
                }
                out.writeArrayHeader(t.orgIds[i].length == 0 ? new int[0] : new int[] {t.orgIds[i].length}, PgOid.VARCHAR, bytes);
                for (String org : t.orgIds[i]) {
                    out.writeText(org);
                }
                out.writeFloat4(t.presence[i]);
                out.writeInt2(t.actions[i]);
                out.writeText(t.response[i]);
            }
            out.finish();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    static void executeMany(Connection c, UUID session, GeoTick t) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO territory_snapshot VALUES (" + "?, ".repeat(30) + "?::jsonb)")) {
            for (int county = 0; county < SyntheticGeoWorld.COUNTIES; county++) {
                int p = 1;
                st.setObject(p++, session);
                st.setInt(p++, t.tick);
                st.setString(p++, SyntheticGeoWorld.county(county));
                st.setString(p++, SyntheticGeoWorld.state(county));
                st.setString(p++, "County " + county);
                st.setLong(p++, t.pop[county]);
                st.setLong(p++, t.mobilizable[county]);
                for (int f = 0; f < GeoTick.CLASS_AT; f++) {
                    st.setFloat(p++, t.floatOf(county, f));
                }
                st.setString(p++, t.dominant[county]);
                for (int f = GeoTick.CLASS_AT; f < GeoTick.FLOATS; f++) {
                    st.setFloat(p++, t.floatOf(county, f));
                }
                st.setString(p, "{}");
                st.addBatch();
                if ((county + 1) % BATCH == 0) {
                    st.executeBatch();
                }
            }
            st.executeBatch();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO hex_activity VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < SyntheticGeoWorld.ACTIVE; i++) {
                st.setObject(1, session);
                st.setInt(2, t.tick);
                st.setString(3, SyntheticGeoWorld.hex(t.hexes[i]));
                st.setFloat(4, t.heat[i]);
                st.setFloat(5, t.heatDelta[i]);
                st.setShort(6, t.orgCount[i]);
                st.setArray(7, c.createArrayOf("varchar", t.orgIds[i]));
                st.setFloat(8, t.presence[i]);
                st.setShort(9, t.actions[i]);
                st.setString(10, t.response[i]);
                st.addBatch();
                if ((i + 1) % BATCH == 0) {
                    st.executeBatch();
                }
            }
            st.executeBatch();
        }
    }

    /** Creates the temporary staging tables of {@link #textCopyOnConflict} on this connection. */
    static void createStaging(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS territory_stage (LIKE territory_snapshot) ON COMMIT DELETE ROWS");
            st.execute("CREATE TEMP TABLE IF NOT EXISTS activity_stage (LIKE hex_activity) ON COMMIT DELETE ROWS");
        }
        c.commit();
    }

    static void textCopyOnConflict(Connection c, UUID session, GeoTick t) throws SQLException {
        StringBuilder b = new StringBuilder(SyntheticGeoWorld.COUNTIES * 300);
        for (int county = 0; county < SyntheticGeoWorld.COUNTIES; county++) {
            b.append(session).append('\t').append(t.tick).append('\t').append(SyntheticGeoWorld.county(county)).append('\t')
                    .append(SyntheticGeoWorld.state(county)).append('\t').append("County ").append(county).append('\t')
                    .append(t.pop[county]).append('\t').append(t.mobilizable[county]);
            for (int f = 0; f < GeoTick.CLASS_AT; f++) {
                b.append('\t').append(t.floatOf(county, f));
            }
            b.append('\t').append(t.dominant[county]);
            for (int f = GeoTick.CLASS_AT; f < GeoTick.FLOATS; f++) {
                b.append('\t').append(t.floatOf(county, f));
            }
            b.append("\t{}\n");
        }
        copyText(c, "COPY territory_stage FROM STDIN", b);
        b.setLength(0);
        for (int i = 0; i < SyntheticGeoWorld.ACTIVE; i++) {
            b.append(session).append('\t').append(t.tick).append('\t').append(SyntheticGeoWorld.hex(t.hexes[i])).append('\t')
                    .append(t.heat[i]).append('\t').append(t.heatDelta[i]).append('\t').append(t.orgCount[i]).append("\t{")
                    .append(String.join(",", t.orgIds[i])).append("}\t").append(t.presence[i]).append('\t')
                    .append(t.actions[i]).append('\t').append(t.response[i]).append('\n');
        }
        copyText(c, "COPY activity_stage FROM STDIN", b);
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO territory_snapshot SELECT * FROM territory_stage ON CONFLICT DO NOTHING");
            st.executeUpdate("INSERT INTO hex_activity SELECT * FROM activity_stage ON CONFLICT DO NOTHING");
        }
    }

    private static void copyText(Connection c, String sql, CharSequence rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }
}
