package io.tickstore.archive;

import java.util.List;

/**
 * What a query over archives returned: column names and rows of plain Java values (Long, Double, BigDecimal,
 * String, Boolean, ...; null for SQL NULL).
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
