package io.tickstore.snapshot.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnSpec;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.DefaultValue;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.ReadOptions;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.migrate.ColumnStep.Action;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution on load: a snapshot of any older version of the {@code herd} table ({@link HerdSchemas})
 * loads into any newer version with the right values, and what cannot be loaded says why.
 */
class MigrationTest {
    static final WriteOptions FAST = WriteOptions.defaults().withDurability(Durability.PAGE_CACHE);
    static final int ROWS = 1000;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path run;

    static Stream<Arguments> olderIntoNewer() {
        Stream.Builder<Arguments> pairs = Stream.builder();
        for (int from = 1; from <= 4; from++) {
            for (int to = from; to <= 4; to++) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.build();
    }

    @ParameterizedTest(name = "v{0} snapshot loads into v{1}")
    @MethodSource("olderIntoNewer")
    void aSnapshotOfEveryVersionLoadsIntoEveryNewerVersion(int from, int to) throws IOException {
        Path snapshot = writeHerd(from, ROWS);
        try (World loaded = load(snapshot, HerdSchemas.version(to))) {
            assertHerdValues(loaded.table(HerdSchemas.TABLE), from, to, ROWS);
            assertEquals(100 + from, loaded.tick());
        }
    }

    @Test
    void migrationWorksAcrossManyChunks() throws IOException {
        long rows = 600_000;
        Path snapshot = writeHerd(1, rows);
        try (World loaded = load(snapshot, HerdSchemas.V4)) {
            assertHerdValues(loaded.table(HerdSchemas.TABLE), 1, 4, rows);
        }
    }

    @Test
    void zeroWrittenByANewerVersionStaysZeroWhileAbsenceBecomesTheDefault() throws IOException {
        Path v1 = writeHerd(1, 3);
        Path v2 = writeHerdAt(run.resolve("v2"), 2, 3);
        Manifest manifest = SnapshotReader.readManifest(v2);
        assertEquals(2, manifest.table(HerdSchemas.TABLE).column("hunger").sinceVersion(),
                "the manifest records when the column appeared");
        try (World fromV1 = load(v1, HerdSchemas.V4); World fromV2 = load(v2, HerdSchemas.V4)) {
            int hunger = HerdSchemas.V4.indexOf("hunger");
            assertEquals(0f, fromV2.table(HerdSchemas.TABLE).getFloat(hunger, 0), "row 0 was written as zero at v2");
            assertEquals(HerdSchemas.HUNGER_DEFAULT, fromV1.table(HerdSchemas.TABLE).getFloat(hunger, 0),
                    "the column did not exist at v1");
        }
    }

    @Test
    void aPlanIsComputedAndPrintedWithoutReadingData() {
        MigrationPlan plan = MigrationPlan.between(HerdSchemas.V1, HerdSchemas.V4);
        assertTrue(plan.isValid(), plan.toString());
        assertEquals(List.of(Action.COPY, Action.WIDEN, Action.WIDEN, Action.COPY, Action.FILL, Action.FILL),
                plan.steps().stream().map(ColumnStep::action).toList());
        assertTrue(plan.steps().get(3).isRename());
        assertEquals(List.of("legacy"), plan.dropped().stream().map(ColumnSpec::name).toList());
        String printed = plan.toString();
        assertTrue(printed.startsWith("herd v1 -> v4\n"), printed);
        assertTrue(printed.contains("label   u16   copy (stored as 'name_code')"), printed);
        assertTrue(printed.contains("age     i64   widen i32 to i64"), printed);
        assertTrue(printed.contains("alive   bool  fill with default true (added in v4, stored schema is v1)"), printed);
        assertTrue(printed.contains("dropped: legacy i16"), printed);
        assertTrue(MigrationPlan.identity(HerdSchemas.V3).isIdentity());
        assertTrue(!plan.isIdentity());
    }

    @Test
    void aDroppedColumnsFileIsNeverRead() throws IOException {
        Path v3 = writeHerd(3, 10);
        Files.delete(SnapshotLayout.columnFile(v3, HerdSchemas.TABLE, "legacy"));
        try (World loaded = load(v3, HerdSchemas.V4)) {
            assertHerdValues(loaded.table(HerdSchemas.TABLE), 3, 4, 10);
        }
    }

    @Test
    void aWidenedColumnIsStillChecksummed() throws IOException {
        Path v1 = writeHerd(1, 10);
        Path age = SnapshotLayout.columnFile(v1, HerdSchemas.TABLE, "age");
        try (RandomAccessFile file = new RandomAccessFile(age.toFile(), "rw")) {
            file.seek(file.length() - 1);
            file.write(0x7F);
        }
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> load(v1, HerdSchemas.V3).close());
        assertEquals(Problem.CHECKSUM_MISMATCH, e.problem());
        assertEquals(age, e.file());
    }

    @Test
    void aSnapshotNewerThanTheTargetSchemaIsRefused() throws IOException {
        SnapshotFormatException e = incompatible(writeHerd(4, 5), HerdSchemas.V3);
        assertTrue(e.getMessage().contains("stored schema version 4 is newer than the target version 3"), e.getMessage());
    }

    @Test
    void narrowingATypeIsRefused() throws IOException {
        Schema narrowed = Schema.builder(HerdSchemas.TABLE, 2)
                .column("id", ColumnType.U32).column("weight", ColumnType.F32).column("age", ColumnType.I16)
                .column("legacy", ColumnType.I16).column("name_code", ColumnType.U16).build();
        SnapshotFormatException e = incompatible(writeHerd(1, 5), narrowed);
        assertTrue(e.getMessage().contains("column 'age': stored type i32 cannot become i16"), e.getMessage());
    }

    @Test
    void changingSignednessIsRefused() throws IOException {
        Schema unsigned = Schema.builder(HerdSchemas.TABLE, 2)
                .column("id", ColumnType.U32).column("weight", ColumnType.F32).column("age", ColumnType.U32)
                .column("legacy", ColumnType.I16).column("name_code", ColumnType.U16).build();
        assertTrue(incompatible(writeHerd(1, 5), unsigned).getMessage().contains("stored type i32 cannot become u32"));
    }

    @Test
    void aColumnThatShouldHaveBeenStoredButIsAbsentUnderEveryNameIsRefused() throws IOException {
        Schema renamedWithoutHistory = Schema.builder(HerdSchemas.TABLE, 3)
                .column("id", ColumnType.U32).column("weight", ColumnType.F32).column("age", ColumnType.I32)
                .column("legacy", ColumnType.I16).renamedColumn("tag", ColumnType.U16, 1, "code").build();
        SnapshotFormatException e = incompatible(writeHerd(1, 5), renamedWithoutHistory);
        assertTrue(e.getMessage().contains("column 'tag' exists since v1 so the v1 snapshot should hold it, but it is absent"
                + " under every name (tag, code)"), e.getMessage());
    }

    @Test
    void schemasThatDisagreeAboutWhenAColumnAppearedAreRefused() throws IOException {
        Schema rewrittenHistory = Schema.builder(HerdSchemas.TABLE, 2)
                .column("id", ColumnType.U32).column("weight", ColumnType.F32).column("age", ColumnType.I32)
                .column("legacy", ColumnType.I16).column("name_code", ColumnType.U16).column("hunger", ColumnType.F32, 1).build();
        assertTrue(incompatible(writeHerd(2, 5), rewrittenHistory).getMessage().contains("the schema histories disagree"));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        Schema broken = Schema.builder(HerdSchemas.TABLE, 2)
                .column("id", ColumnType.U16).column("weight", ColumnType.F32).column("age", ColumnType.I32)
                .column("legacy", ColumnType.I16).column("nickname", ColumnType.U16).build();
        String message = incompatible(writeHerd(1, 5), broken).getMessage();
        assertTrue(message.contains("2 problems"), message);
        assertTrue(message.contains("stored type u32 cannot become u16") && message.contains("'nickname'"), message);
    }

    @Test
    void aTargetSchemaForAnotherTableIsATableNameMismatch() throws IOException {
        Path snapshot = writeHerd(1, 5);
        Schema cattle = Schema.builder("cattle", 1).column("id", ColumnType.U32).build();
        ReadOptions options = ReadOptions.defaults().withTargetSchemas(Map.of(HerdSchemas.TABLE, cattle));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotReader.read(snapshot, memory.root(), options).close());
        assertEquals(Problem.INCOMPATIBLE_SCHEMA, e.problem());
        assertTrue(e.getMessage().contains("table name mismatch"), e.getMessage());
        SnapshotFormatException absent = assertThrows(SnapshotFormatException.class,
                () -> SnapshotReader.read(snapshot, memory.root(), ReadOptions.defaults().withTargetSchema(cattle)).close());
        assertTrue(absent.getMessage().contains("the snapshot holds no such table (tables: herd)"), absent.getMessage());
    }

    @Test
    void theMigrationOfASimpleAddedColumnMatchesTheSchemaBuilderDefault() {
        Schema v1 = Schema.builder("t", 1).column("a", ColumnType.I8).build();
        Schema v2 = Schema.builder("t", 2).column("a", ColumnType.I16).column("b", ColumnType.I64, 2,
                DefaultValue.ofInteger(ColumnType.I64, -7)).build();
        MigrationPlan plan = MigrationPlan.between(v1, v2);
        assertEquals(Action.WIDEN, plan.steps().get(0).action());
        assertEquals(Action.FILL, plan.steps().get(1).action());
        assertEquals(-7, plan.steps().get(1).target().defaultValue().bits());
    }

    // ------------------------------------------------------------------ helpers

    private Path writeHerd(int version, long rows) throws IOException {
        return writeHerdAt(run.resolve("v" + version), version, rows);
    }

    private Path writeHerdAt(Path runDir, int version, long rows) throws IOException {
        try (World world = HerdSchemas.world(memory.root(), version, rows)) {
            return SnapshotWriter.write(world, runDir, FAST).dir();
        }
    }

    private World load(Path snapshot, Schema target) throws IOException {
        return SnapshotReader.read(snapshot, memory.root(), ReadOptions.defaults().withTargetSchema(target).withThreads(3));
    }

    private SnapshotFormatException incompatible(Path snapshot, Schema target) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> load(snapshot, target).close());
        assertEquals(Problem.INCOMPATIBLE_SCHEMA, e.problem());
        assertEquals(SnapshotLayout.manifest(snapshot), e.file(), "the error names the manifest");
        return e;
    }

    /** Every column of the loaded table holds the stored value (converted) or, if it was not stored, its default. */
    private static void assertHerdValues(Table table, int from, int to, long rows) {
        Schema target = HerdSchemas.version(to);
        assertEquals(target, table.schema());
        assertEquals(rows, table.rowCount());
        for (int c = 0; c < target.columnCount(); c++) {
            ColumnSpec column = target.column(c);
            boolean stored = column.sinceVersion() <= from;
            for (long row = 0; row < rows; row++) {
                long expected = stored ? HerdSchemas.bits(column.type(), HerdSchemas.value(column.name(), row))
                        : column.defaultValue().bits();
                if (expected != table.getBits(c, row)) {
                    assertEquals(expected, table.getBits(c, row), "v" + from + " -> v" + to + " column " + column + " row " + row);
                }
            }
        }
        for (long row = 0; row < rows; row++) {
            assertEquals(row, table.entityId(row));
        }
    }
}
