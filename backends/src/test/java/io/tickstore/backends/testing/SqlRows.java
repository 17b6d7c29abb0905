package io.tickstore.backends.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a query returns, as text a test can compare: one string per row, its columns' values joined by spaces. */
public final class SqlRows {
    private SqlRows() {
    }

    public static List<String> of(Connection connection, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
