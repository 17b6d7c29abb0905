package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.SampleWorlds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The formats by name, the Arrow stream format, standard output, and every table of a world into a directory. */
class ExportFormatsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @Test
    void formatsAreFoundByNameIgnoringCaseAndAMisspeltOneListsTheCloseOnes() {
        assertEquals(List.of("arrow", "arrow-stream", "csv"), ExportFormats.names().stream()
                .filter(n -> List.of("arrow", "arrow-stream", "csv").contains(n)).toList());
        assertEquals("arrow", ExportFormats.named("ARROW").name());
        assertEquals(".arrows", ExportFormats.named("arrow-stream").extension());
        TickstoreException e = assertThrows(TickstoreException.class, () -> ExportFormats.named("arow"));
        assertEquals(TickstoreException.Problem.INVALID_ARGUMENT, e.problem());
        assertTrue(e.getMessage().startsWith("no export format 'arow' (formats: arrow, arrow-stream, csv"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; did you mean arrow?"), e.getMessage());
    }

    @Test
    void theStreamFormatReadsBackBatchByBatchFromStandardOutput() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 50)) {
            Table table = world.table(SampleWorlds.KINDS);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            OutputTarget out = OutputTarget.standardOutput(stdout);
            assertTrue(out.isStream());
            assertEquals("standard output", out.describe());
            ArrowExport.writeIpcStream(table, out, memory.root(), 16, WorldExport.metadata(world));
            assertEquals(stdout.size(), out.bytesWritten());
            long row = 0;
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stdout.toByteArray()), memory.root())) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertEquals(Long.toString(world.tick()), root.getSchema().getCustomMetadata().get(ArrowExport.META_TICK));
                while (reader.loadNextBatch()) {
                    BigIntVector ids = (BigIntVector) root.getVector(ArrowView.ENTITY_ID_FIELD);
                    for (int i = 0; i < root.getRowCount(); i++) {
                        assertEquals(table.entityId(row + i), ids.get(i));
                    }
                    row += root.getRowCount();
                }
            }
            assertEquals(50, row);
        }
    }

    @Test
    void standardOutputTakesNoSqliteDatabase() {
        OutputTarget out = OutputTarget.standardOutput(new ByteArrayOutputStream());
        FileSystemException e = assertThrows(FileSystemException.class, () -> out.writeFile("a SQLite database", f -> null));
        assertEquals("-: is standard output; a SQLite database cannot be written as a stream: name a regular file", e.getMessage());
    }

    @Test
    void everyTableGoesIntoANewDirectoryThatAppearsWhole() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 40, 3)) {
            SampleWorlds.addKinds(world, 5);
            Path dir = temp.resolve("tick-3");
            List<WorldExport.ExportedFile> files = WorldExport.toDirectory(world, ExportFormats.named("arrow"), dir, memory.root());
            assertEquals(List.of("creatures", "kinds"), files.stream().map(WorldExport.ExportedFile::table).toList());
            assertEquals(List.of(dir.resolve("creatures.arrow"), dir.resolve("kinds.arrow")),
                    files.stream().map(WorldExport.ExportedFile::file).toList());
            for (WorldExport.ExportedFile f : files) {
                assertEquals(Files.size(f.file()), f.bytes());
                try (FileChannel channel = FileChannel.open(f.file());
                     ArrowFileReader reader = new ArrowFileReader(channel, memory.root())) {
                    assertEquals("3", reader.getVectorSchemaRoot().getSchema().getCustomMetadata().get(ArrowExport.META_TICK));
                }
            }
            assertEquals(List.of("tick-3"), list(temp), "no temporary directory is left");

            // into the same directory again, as CSV: the Arrow files stay, the CSV files join them
            WorldExport.toDirectory(world, ExportFormats.named("csv"), dir, memory.root());
            assertEquals(List.of("creatures.arrow", "creatures.csv", "kinds.arrow", "kinds.csv"), list(dir));
        }
    }

    @Test
    void aFailedExportOfEveryTableLeavesNoDirectory() throws IOException {
        try (World world = SampleWorlds.creatures(memory.root(), 7, 40, 3)) {
            ExportFormat failing = new ExportFormat() {
                public String name() {
                    return "failing";
                }

                public String extension() {
                    return ".x";
                }

                public String description() {
                    return "fails after its first bytes";
                }

                public void write(Table table, java.util.Map<String, String> metadata, OutputTarget out,
                                  org.apache.arrow.memory.BufferAllocator allocator) throws IOException {
                    out.writeText(w -> {
                        w.write("partial");
                        w.flush();
                        throw new IOException("disk on fire");
                    });
                }
            };
            assertThrows(IOException.class, () -> WorldExport.toDirectory(world, failing, temp.resolve("out"), memory.root()));
            assertEquals(List.of(), list(temp));
            Files.writeString(temp.resolve("file"), "x");
            FileSystemException e = assertThrows(FileSystemException.class,
                    () -> WorldExport.toDirectory(world, ExportFormats.named("csv"), temp.resolve("file"), memory.root()));
            assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
            assertArrayEquals("x".getBytes(), Files.readAllBytes(temp.resolve("file")));
        }
    }

    @Test
    void csvValuesParseBackToTheExactBits() {
        float[] floats = {0.1f, 1f / 3, Float.MIN_VALUE, Float.MAX_VALUE, -0f, 16777217f, 3.4028235e38f, 1.17549435e-38f, 1e-45f};
        for (float f : floats) {
            String text = CsvExport.text(io.tickstore.columns.ColumnType.F32, Float.floatToRawIntBits(f) & 0xFFFF_FFFFL);
            assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits((float) Double.parseDouble(text)), text);
            assertEquals((double) f, Double.parseDouble(text), text);
        }
        assertEquals("0.10000000149011612", CsvExport.text(io.tickstore.columns.ColumnType.F32, Float.floatToRawIntBits(0.1f)));
        assertEquals("18446744073709551615", CsvExport.text(io.tickstore.columns.ColumnType.U64, -1L));
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d)) {
                String text = CsvExport.text(io.tickstore.columns.ColumnType.F64, Double.doubleToRawLongBits(d));
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
            }
        }
    }

    @Test
    void csvFromStandardOutputIsTheSameAsCsvInAFile() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 20)) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ExportFormats.named("csv").write(world.table(SampleWorlds.KINDS), WorldExport.metadata(world),
                    OutputTarget.standardOutput(stdout), memory.root());
            Path file = temp.resolve("kinds.csv");
            CsvExport.write(world.table(SampleWorlds.KINDS), file);
            assertArrayEquals(Files.readAllBytes(file), stdout.toByteArray());
            assertFalse(stdout.toString().isEmpty());
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
