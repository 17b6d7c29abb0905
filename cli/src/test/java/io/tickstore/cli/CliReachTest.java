package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any tick of a run out as data (a snapshot, Arrow, CSV, to a file, a directory or standard output), named the ways a
 * user names it ({@code RUN@T}, {@code RUN@latest}, {@code RUN --tick T}, the directory, a store of one run), and the
 * reading commands built on it: several columns at once, an entity's history, a diff of two ticks.
 */
class CliReachTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    static Path store;
    static Path run;
    static Path orchardStore;

    @BeforeAll
    static void runSimulations() {
        store = root.resolve("store");
        CliRunner.Result made = CliRunner.run("run", "--store", store.toString(), "--run", "herd", "--entities", "2000", "--ticks", "30",
                "--checkpoint-every", "10", "--seed", "9", "--no-fsync", "--persist", "sqlite:" + root.resolve("journal.sqlite"));
        assertEquals(0, made.exitCode(), made::toString);
        run = store.resolve("herd");
        orchardStore = root.resolve("orchards");
        CliRunner.Result orchard = CliRunner.run("run", "--sim", "orchard", "--store", orchardStore.toString(), "--run", "o",
                "--entities", "200", "--ticks", "6", "--checkpoint-every", "3", "--no-fsync");
        assertEquals(0, orchard.exitCode(), orchard::toString);
    }

    private static String hashAt(long tick) throws IOException {
        try (RootAllocator allocator = new RootAllocator(); RunHistory history = RunHistory.open(run);
             World world = history.reconstructAt(tick, allocator)) {
            return ContentHash.hex(world);
        }
    }

    private static String hashOf(Path snapshot) throws IOException {
        try (RootAllocator allocator = new RootAllocator(); World world = SnapshotReader.read(snapshot, allocator)) {
            return ContentHash.hex(world);
        }
    }

    @Test
    void replayWritesAnyTickAsASnapshotThatVerifiesAndHashesAsTheRebuiltWorld() throws IOException {
        Path out = root.resolve("replayed-17");
        CliRunner.Result replay = CliRunner.run("replay", run + "@17", "--out", out.toString(), "--json");
        assertEquals(0, replay.exitCode(), replay::toString);
        JsonNode json = JSON.readTree(replay.out());
        assertEquals(out.toAbsolutePath().toString(), json.get("out").asText());
        assertEquals(hashAt(17), json.get("worldHash").asText());
        assertEquals(hashAt(17), hashOf(out));
        CliRunner.Result verify = CliRunner.run("verify", out.toString());
        assertEquals(0, verify.exitCode(), verify::toString);
        CliRunner.Result cat = CliRunner.run("cat", out.toString(), "creatures/energy", "--head", "3");
        assertEquals(0, cat.exitCode(), cat::toString);
        assertEquals(3, cat.out().lines().count());

        CliRunner.Result again = CliRunner.run("replay", run.toString(), "--tick", "17", "--out", out.toString());
        assertEquals(2, again.exitCode(), again::toString);
        assertEquals("tickstore: " + out.toAbsolutePath() + ": already exists; --out names a new directory for the snapshot",
                again.err().strip());
    }

    @Test
    void hydrateTakesARunForItsSessionAndWritesTheJournaledTickAsASnapshot() throws IOException {
        Path out = root.resolve("hydrated-20");
        CliRunner.Result byName = CliRunner.run("hydrate", "--session", "herd", "--store", store.toString(), "--tick", "20",
                "--out", out.toString(), "--json");
        assertEquals(0, byName.exitCode(), byName::toString);
        assertEquals(hashAt(20), JSON.readTree(byName.out()).get("worldHash").asText());
        assertEquals(hashAt(20), hashOf(out));
        CliRunner.Result byDirectory = CliRunner.run("hydrate", "--session", run.toString(), "--from", "sqlite:" + root.resolve("journal.sqlite"));
        assertEquals(0, byDirectory.exitCode(), byDirectory::toString);
        assertTrue(byDirectory.out().contains(" tick 30: "), byDirectory::toString);

        CliRunner.Result misspelt = CliRunner.run("hydrate", "--session", "hred", "--store", store.toString());
        assertEquals(1, misspelt.exitCode(), misspelt::toString);
        assertTrue(misspelt.err().strip().endsWith("; did you mean herd?"), misspelt::toString);
    }

    @Test
    void exportTakesAnyTickOfARunAndWritesCsvThatHoldsTheRebuiltValues() throws IOException {
        CliRunner.Binary csv = CliRunner.runBinary("export", run.toString(), "--tick", "17", "--format", "CSV", "--out", "-");
        assertEquals(0, csv.exitCode(), csv::toString);
        assertTrue(csv.err().startsWith("wrote standard output: table creatures of tick 17"), csv.err());
        List<String> lines = new String(csv.stdout(), StandardCharsets.UTF_8).lines().toList();
        assertEquals("_entity_id,pos_x,pos_y,vel_x,vel_y,energy,birth_t,id,gen", lines.get(0));
        try (RootAllocator allocator = new RootAllocator(); RunHistory history = RunHistory.open(run);
             World world = history.reconstructAt(17, allocator)) {
            Table creatures = world.table("creatures");
            assertEquals(creatures.rowCount() + 1, lines.size());
            int energy = creatures.columnIndex("energy");
            for (long row = 0; row < creatures.rowCount(); row++) {
                String[] cells = lines.get((int) row + 1).split(",");
                assertEquals(creatures.entityId(row), Long.parseLong(cells[0]));
                assertEquals(creatures.getFloat(energy, row), (float) Double.parseDouble(cells[5]));
                assertEquals((double) creatures.getFloat(energy, row), Double.parseDouble(cells[5]), "f32 written as the double it is");
            }
        }
        // RUN@T, a store of one run, and the snapshot directory name the same tick
        for (String source : new String[] {run + "@20", store + "@20", run.resolve("tick-00000000000000000020").toString()}) {
            CliRunner.Binary same = CliRunner.runBinary("export", source, "--format", "csv", "--out", "-");
            assertEquals(0, same.exitCode(), same::toString);
            CliRunner.Binary reference = CliRunner.runBinary("export", run.toString(), "--tick", "20", "--format", "csv", "--out", "-");
            assertArrayEquals(reference.stdout(), same.stdout(), source);
        }
        CliRunner.Binary viaStore = CliRunner.runBinary("export", store + "@latest", "--format", "csv", "--out", "-");
        assertTrue(viaStore.err().startsWith("tickstore: note: " + store.toAbsolutePath() + " is a store; using its only run, herd"),
                viaStore.err());
    }

    @Test
    void arrowGoesToAFileAStreamOrADirectoryOfEveryTable() throws IOException {
        CliRunner.Binary stream = CliRunner.runBinary("export", run + "@23", "--format", "arrow-stream", "--out", "-");
        assertEquals(0, stream.exitCode(), stream::toString);
        try (RootAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream.stdout()), allocator)) {
            VectorSchemaRoot rows = reader.getVectorSchemaRoot();
            assertEquals("23", rows.getSchema().getCustomMetadata().get("tickstore.tick"));
            long count = 0;
            while (reader.loadNextBatch()) {
                count += rows.getRowCount();
                assertTrue(rows.getVector("energy") instanceof Float4Vector);
            }
            assertTrue(count > 1000, count + " rows");
        }

        Path dir = root.resolve("orchard-3");
        CliRunner.Result every = CliRunner.run("export", orchardStore + "@3", "--format", "arrow", "--out", dir.toString(), "--json");
        assertEquals(0, every.exitCode(), every::toString);
        JsonNode files = JSON.readTree(every.out()).get("files");
        assertEquals(2, files.size());
        List<String> names = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(List.of("trees.arrow", "weather.arrow"), names.stream().sorted().toList());
        try (RootAllocator allocator = new RootAllocator(); FileChannel channel = FileChannel.open(dir.resolve("trees.arrow"));
             ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            assertTrue(reader.loadNextBatch());
            assertTrue(reader.getVectorSchemaRoot().getVector("_entity_id") instanceof BigIntVector);
        }

        CliRunner.Result oneFile = CliRunner.run("export", orchardStore + "@3", "--format", "arrow", "--out", root.resolve("world.arrow").toString());
        assertEquals(2, oneFile.exitCode(), oneFile::toString);
        assertTrue(oneFile.err().contains("holds tables [trees, weather]; --out " + root.resolve("world.arrow") + " names one .arrow file"),
                oneFile::toString);
        assertFalse(Files.exists(root.resolve("world.arrow")));
        CliRunner.Binary stdoutOfTwo = CliRunner.runBinary("export", orchardStore + "@3", "--format", "csv", "--out", "-");
        assertEquals(2, stdoutOfTwo.exitCode());
        assertTrue(stdoutOfTwo.err().contains("standard output takes one: choose it with --table"), stdoutOfTwo.err());
        CliRunner.Binary weather = CliRunner.runBinary("export", orchardStore + "@3", "--format", "csv", "--out", "-", "--table", "weather");
        assertEquals(0, weather.exitCode(), weather.err());
        assertEquals(2, new String(weather.stdout(), StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void catPrintsSeveralColumnsBesideTheirEntityIds() throws IOException {
        CliRunner.Result table = CliRunner.run("cat", run + "@10", "creatures", "--columns", "energy,gen", "--head", "4");
        assertEquals(0, table.exitCode(), table::toString);
        List<String> lines = table.out().lines().toList();
        assertEquals(5, lines.size(), table::toString);
        assertEquals(List.of("_entity_id", "energy", "gen"), List.of(lines.get(0).trim().split("\\s+")));
        CliRunner.Result json = CliRunner.run("cat", run.toString(), "--tick", "10", "creatures", "--columns", "energy,gen", "--head",
                "4", "--json");
        JsonNode doc = JSON.readTree(json.out());
        assertEquals(4, doc.get("entityIds").size());
        assertEquals(lines.get(1).trim().split("\\s+")[0], doc.get("entityIds").get(0).asText());
        try (RootAllocator allocator = new RootAllocator();
             World world = SnapshotReader.read(run.resolve("tick-00000000000000000010"), allocator)) {
            Table creatures = world.table("creatures");
            for (int i = 0; i < 4; i++) {
                assertEquals(creatures.entityId(i), doc.get("entityIds").get(i).asLong());
                assertEquals(creatures.getFloat(creatures.columnIndex("energy"), i), (float) doc.get("values").get("energy").get(i).asDouble());
            }
        }
        CliRunner.Result npy = CliRunner.run("cat", run.resolve("tick-00000000000000000010/creatures/energy.npy").toString(), "--head", "4");
        assertEquals(0, npy.exitCode(), npy::toString);
        assertEquals(4, npy.out().lines().count());
    }

    @Test
    void historyFollowsOneEntityTickByTickAsTheRebuiltWorldsHaveIt() throws IOException {
        CliRunner.Result result = CliRunner.run("history", run.toString(), "creatures/energy", "--entity", "11", "--from", "8", "--to",
                "14", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode doc = JSON.readTree(result.out());
        assertEquals(7, doc.get("ticks").size());
        try (RootAllocator allocator = new RootAllocator(); RunHistory history = RunHistory.open(run)) {
            for (int i = 0; i < 7; i++) {
                try (World world = history.reconstructAt(8 + i, allocator)) {
                    Table creatures = world.table("creatures");
                    float energy = creatures.getFloat(creatures.columnIndex("energy"), creatures.slotOf(11));
                    assertEquals(energy, (float) doc.get("values").get("energy").get(i).asDouble(), "tick " + (8 + i));
                }
            }
        }
        CliRunner.Result text = CliRunner.run("history", store.toString(), "energy", "--entity", "11", "--from", "8", "--to", "9");
        assertEquals(0, text.exitCode(), text::toString);
        assertEquals(4, text.out().lines().count(), text::toString);
    }

    @Test
    void diffCountsRowsAddedRemovedAndChangedPerColumn() throws IOException {
        CliRunner.Result same = CliRunner.run("diff", run + "@20", run.resolve("tick-00000000000000000020").toString(), "--json");
        assertEquals(0, same.exitCode(), same::toString);
        assertTrue(JSON.readTree(same.out()).get("identical").asBoolean());

        CliRunner.Result result = CliRunner.run("diff", run + "@10", run + "@17", "--json", "--limit", "3");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode table = JSON.readTree(result.out()).get("tables").get(0);
        try (RootAllocator allocator = new RootAllocator(); RunHistory history = RunHistory.open(run);
             World a = history.reconstructAt(10, allocator); World b = history.reconstructAt(17, allocator)) {
            Table before = a.table("creatures");
            Table after = b.table("creatures");
            long removed = 0;
            long energyChanged = 0;
            int energy = before.columnIndex("energy");
            for (long slot = 0; slot < before.rowCount(); slot++) {
                long other = after.slotOf(before.entityId(slot));
                if (other < 0) {
                    removed++;
                } else if (before.getBits(energy, slot) != after.getBits(energy, other)) {
                    energyChanged++;
                }
            }
            assertEquals(removed, table.get("removed").asLong());
            assertEquals(after.rowCount() - (before.rowCount() - removed), table.get("added").asLong());
            JsonNode energyColumn = null;
            for (JsonNode c : table.get("columns")) {
                if (c.get("column").asText().equals("energy")) {
                    energyColumn = c;
                }
            }
            assertEquals(energyChanged, energyColumn.get("changed").asLong());
            assertTrue(energyColumn.get("examples").size() <= 3);
        }
        CliRunner.Result tolerant = CliRunner.run("diff", run + "@10", run + "@17", "--tolerance", "1000", "--table", "creatures", "--json");
        for (JsonNode c : JSON.readTree(tolerant.out()).get("tables").get(0).get("columns")) {
            assertEquals(0, c.get("changed").asLong(), c.toString());
        }
        CliRunner.Result text = CliRunner.run("diff", run + "@10", run + "@17");
        assertTrue(text.out().contains("table creatures: "), text::toString);
        assertTrue(text.out().strip().endsWith("they differ"), text::toString);
    }

    @Test
    void misspellingsAndRunsWhereASnapshotIsNeededAnswerWithTheFix() {
        CliRunner.Result runAlone = CliRunner.run("cat", run.toString(), "creatures/energy");
        assertEquals(2, runAlone.exitCode(), runAlone::toString);
        assertEquals("tickstore: " + run.toAbsolutePath() + ": is a run; name one of its ticks: herd@T or --tick T (snapshots at ticks"
                + " [0, 10, 20, 30]; any tick up to 30 can be rebuilt from the log), or herd@latest for its newest snapshot",
                runAlone.err().strip());
        CliRunner.Result noSnapshot = CliRunner.run("cat", run + "@17", "energy");
        assertEquals(1, noSnapshot.exitCode(), noSnapshot::toString);
        assertTrue(noSnapshot.err().contains("has no snapshot of tick 17") && noSnapshot.err().contains("./tickstore replay"),
                noSnapshot::toString);
        CliRunner.Result column = CliRunner.run("cat", run + "@latest", "creatures/enrgy");
        assertEquals(1, column.exitCode(), column::toString);
        assertTrue(column.err().strip().endsWith("; did you mean energy?"), column::toString);
        CliRunner.Result bare = CliRunner.run("cat", run + "@latest", "engery");
        assertTrue(bare.err().strip().endsWith("; did you mean energy?"), bare::toString);
        CliRunner.Result table = CliRunner.run("cat", run + "@latest", "creature", "--columns", "energy");
        assertTrue(table.err().strip().endsWith("; did you mean creatures?"), table::toString);
        CliRunner.Result path = CliRunner.run("inspect", store.resolve("hedr").toString());
        assertEquals(1, path.exitCode(), path::toString);
        assertTrue(path.err().strip().endsWith(": no such file or directory; did you mean herd?"), path::toString);
        CliRunner.Result format = CliRunner.run("export", run + "@latest", "--format", "parket", "--out", "-");
        assertEquals(2, format.exitCode(), format::toString);
        assertTrue(format.err().startsWith("tickstore: --format: no export format 'parket' (formats: "), format::toString);
        CliRunner.Result resume = CliRunner.run("run", "--resume", "--store", store.toString());
        assertEquals(2, resume.exitCode(), resume::toString);
        assertEquals("tickstore: --resume needs --run NAME: the run to continue (runs in " + store + ": herd)", resume.err().strip());
        CliRunner.Result unknownRun = CliRunner.run("run", "--resume", "--store", store.toString(), "--run", "hred");
        assertTrue(unknownRun.err().contains("no such run to resume") && unknownRun.err().strip().endsWith("; did you mean herd?"),
                unknownRun::toString);
    }
}
