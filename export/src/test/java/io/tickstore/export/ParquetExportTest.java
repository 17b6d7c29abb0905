package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.SampleWorlds;
import java.math.BigDecimal;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ParquetExportTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    @Test
    void everyTypeReadsBackAsItsValueThroughDuckDb() throws Exception {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 20)) {
            Table kinds = world.table(SampleWorlds.KINDS);
            Path file = dir.resolve("kinds.parquet");
            assertEquals(20, ParquetExport.write(kinds, 7, OutputTarget.of(file)));
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
                 ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + file + "') ORDER BY _entity_id")) {
                for (long row = 0; row < kinds.rowCount(); row++) {
                    rs.next();
                    assertEquals(kinds.entityId(row), rs.getLong(1));
                    for (int c = 0; c < kinds.schema().columnCount(); c++) {
                        var type = kinds.schema().column(c).type();
                        long bits = kinds.getBits(c, row);
                        Object value = rs.getObject(c + 2);
                        String where = kinds.schema().column(c).name() + " row " + row;
                        switch (type) {
                            case F32:
                                assertEquals(Float.intBitsToFloat((int) bits), ((Number) value).floatValue(), where);
                                break;
                            case F64:
                                assertEquals(Double.longBitsToDouble(bits), ((Number) value).doubleValue(), where);
                                break;
                            case BOOL:
                                assertEquals(bits != 0, value, where);
                                break;
                            case U64:
                                assertEquals(new BigDecimal(ColumnValues.toText(type, bits)), value, where);
                                break;
                            default:
                                assertEquals(ColumnValues.toText(type, bits), value.toString(), where);
                        }
                    }
                }
            }
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
                 ResultSet rs = st.executeQuery("SELECT decode(value) FROM parquet_kv_metadata('" + file + "') WHERE decode(key) = 'tickstore.tick'")) {
                rs.next();
                assertEquals("7", rs.getString(1));
            }
        }
    }

    @Test
    void aStreamIsRefusedSinceDuckDbWritesByName() throws Exception {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 2)) {
            assertThrows(FileSystemException.class, () -> ParquetExport.write(world.table(SampleWorlds.KINDS), 0, OutputTarget.of(Path.of("/dev/null"))));
        }
    }
}
