package io.tickstore.backends.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.backends.RuntimePersistence;
import io.tickstore.backends.SessionStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

class SqliteSessionStoreTest extends SessionStoreContract {
    @Override
    protected RuntimePersistence open() {
        return SqliteRuntime.open(dir.resolve("journal.sqlite"));
    }

    @Override
    protected void assertNoRowsLeft(RuntimePersistence backend, UUID session) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.sqlite")); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (table.equals("descriptions")) {
                    continue; // what the tables hold, in words: no session's rows
                }
                String column = table.endsWith("_v1") ? "_session_id" : "session_id";
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + table + "\" WHERE " + column + " = '" + session + "'")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), table);
                }
            }
        }
    }
}
