package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.store.RunStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python reader ({@code python/tickstore_reader.py}, numpy only) against a store the CLI wrote: runs and ticks
 * listed, every value of every column of every snapshot equal to what Java reads, checksums checked, damage named
 * ({@code python/test_tickstore_reader.py} holds the checks; this test writes the store and what it holds). The
 * parcels simulation makes the store hold format version 2 snapshots too, with a column of every kind: categorical
 * (codes and strings), {@code str}, {@code json}, {@code str[]} and arrays up to {@code f64[4,3]}.
 *
 * <p>Runs python3 with numpy, which every machine of this project has; skipped, saying so in one line, only where
 * {@code python3 -c "import numpy"} fails.
 */
class PythonReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void thePythonReaderLoadsWhatTheJavaSideWroteValueForValue() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed: skipping the Python reader test");
        Path store = dir.resolve("store");
        for (String[] run : new String[][] {{"orchard", "orchard"}, {"creatures", "herd"}, {"parcels", "survey"}}) {
            CliRunner.Result made = CliRunner.run("run", "--sim", run[0], "--store", store.toString(), "--run", run[1], "--entities", "300",
                    "--ticks", "12", "--checkpoint-every", "4", "--no-fsync");
            assertEquals(0, made.exitCode(), made::toString);
        }
        ObjectNode expectations = JSON.createObjectNode();
        expectations.put("store", store.toString());
        ObjectNode runs = expectations.putObject("runs");
        ArrayNode snapshots = expectations.putArray("snapshots");
        try (RootAllocator allocator = new RootAllocator()) {
            for (String name : new String[] {"herd", "orchard", "survey"}) {
                ArrayNode ticks = runs.putArray(name);
                try (RunStore run = RunStore.openReadOnly(store.resolve(name))) {
                    for (long tick : run.ticks()) {
                        ticks.add(tick);
                        Path snapshot = run.snapshotDir(tick);
                        ObjectNode expected = snapshots.addObject();
                        expected.put("path", snapshot.toString());
                        expected.put("tick", tick);
                        ObjectNode tables = expected.putObject("tables");
                        try (World world = SnapshotReader.read(snapshot, allocator)) {
                            for (Table table : world.tables()) {
                                ObjectNode columns = tables.putObject(table.name());
                                ArrayNode ids = columns.putArray("_entity_id");
                                for (long row = 0; row < table.rowCount(); row++) {
                                    ids.add(unsigned(ColumnType.I64, table.entityId(row)));
                                }
                                for (int c = 0; c < table.schema().columnCount(); c++) {
                                    expectColumn(columns, table, c);
                                }
                            }
                        }
                    }
                }
            }
        }
        Path file = dir.resolve("expectations.json");
        JSON.writeValue(file.toFile(), expectations);
        Path script = ReadmeSnippetsTest.repositoryRoot().resolve("python/test_tickstore_reader.py");
        Process p = new ProcessBuilder("python3", script.toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("all checks hold"), output);
        assertTrue(output.contains("damage v2:"), "the parcels run's version-2 snapshots were checked: " + output);
        // the speed is reported, not asserted (timing belongs to benchmarks); the build log keeps it
        output.lines().filter(l -> l.startsWith("crc32c speed")).forEach(System.out::println);
    }

    /**
     * A column's values as the Python side compares them: a scalar's or an array's bits (every element, row after
     * row); a categorical column's codes as "bits" and its strings; a variable-length column's "values" (a json
     * column's canonical text, a str[] column's lists).
     */
    private static void expectColumn(ObjectNode columns, Table table, int c) {
        String name = table.schema().column(c).name();
        ColumnType type = table.columnType(c);
        switch (table.columnKind(c)) {
            case SCALAR, ARRAY -> {
                ArrayNode bits = columns.putArray(name);
                int elements = table.arrayLength(c);
                for (long row = 0; row < table.rowCount(); row++) {
                    for (int i = 0; i < elements; i++) {
                        bits.add(unsigned(type, table.columnKind(c) == ColumnKind.ARRAY ? table.getBits(c, row, i) : table.getBits(c, row)));
                    }
                }
            }
            case CATEGORICAL -> {
                ObjectNode categorical = columns.putObject(name);
                ArrayNode codes = categorical.putArray("bits");
                ArrayNode strings = categorical.putArray("strings");
                for (long row = 0; row < table.rowCount(); row++) {
                    codes.add(Integer.toUnsignedLong(table.getCode(c, row)));
                    strings.add(table.getString(c, row));
                }
            }
            case STRING, JSON -> {
                ArrayNode values = columns.putObject(name).putArray("values");
                for (long row = 0; row < table.rowCount(); row++) {
                    values.add(table.getString(c, row));
                }
            }
            case STRING_LIST -> {
                ArrayNode values = columns.putObject(name).putArray("values");
                for (long row = 0; row < table.rowCount(); row++) {
                    ArrayNode list = values.addArray();
                    table.getStrings(c, row).forEach(list::add);
                }
            }
        }
    }

    /** The value's bits as the unsigned integer of its width: what the Python side compares against. */
    private static BigInteger unsigned(ColumnType type, long bits) {
        int width = 1 << type.log2Width();
        BigInteger value = new BigInteger(Long.toUnsignedString(bits));
        return width == 8 ? value : value.and(BigInteger.ONE.shiftLeft(8 * width).subtract(BigInteger.ONE));
    }

    static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
