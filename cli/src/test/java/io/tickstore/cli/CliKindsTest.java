package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on a run whose table has a column of every kind beyond scalars ({@code --sim parcels}): {@code cat}
 * prints strings, arrays and lists, {@code inspect} lists every file, {@code export} and {@code verify} take it as any
 * other.
 */
class CliKindsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path store;

    static Path run;
    static Path snapshot;
    static long rows;

    @BeforeAll
    static void runParcels() throws IOException {
        CliRunner.Result result = CliRunner.run("run", "--sim", "parcels", "--store", store.toString(), "--run", "parcels",
                "--entities", "200", "--ticks", "14", "--checkpoint-every", "7", "--seed", "5", "--no-fsync", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        JsonNode summary = JSON.readTree(result.out());
        run = Path.of(summary.get("run").asText());
        snapshot = run.resolve("tick-00000000000000000014");
        rows = summary.get("finalRows").asLong();
    }

    private static JsonNode catJson(String column, String... more) throws IOException {
        String[] args = new String[4 + more.length];
        args[0] = "cat";
        args[1] = snapshot.toString();
        args[2] = column;
        args[3] = "--json";
        System.arraycopy(more, 0, args, 4, more.length);
        CliRunner.Result result = CliRunner.run(args);
        assertEquals(0, result.exitCode(), result::toString);
        return JSON.readTree(result.out());
    }

    @Test
    void catPrintsTheStringsOfACategoricalColumn() throws IOException {
        JsonNode json = catJson("parcels/county_name", "--head", "5");
        assertEquals("categorical", json.get("kind").asText());
        assertEquals("u16", json.get("dtype").asText());
        assertEquals(rows, json.get("length").asLong());
        assertEquals(5, json.get("values").size());
        assertTrue(json.get("values").get(0).isTextual() && !json.get("values").get(0).asText().isEmpty(), json.toString());
        CliRunner.Result text = CliRunner.run("cat", snapshot.toString(), "terrain_type", "--head", "3");
        assertEquals(0, text.exitCode(), text::toString);
        assertEquals(3, text.out().lines().count());
        assertTrue(text.out().lines().allMatch(l -> l.matches("[a-z0-9-]+")), text.out());
    }

    @Test
    void catPrintsAnArrayColumnRowByRow() throws IOException {
        JsonNode json = catJson("parcels.response", "--head", "2");
        assertEquals("array", json.get("kind").asText());
        assertEquals(List.of(rows, 4L, 3L), List.of(json.get("shape").get(0).asLong(), json.get("shape").get(1).asLong(),
                json.get("shape").get(2).asLong()));
        assertEquals(4, json.get("values").get(0).size());
        assertEquals(3, json.get("values").get(0).get(0).size());
        CliRunner.Result text = CliRunner.run("cat", snapshot.toString(), "parcels/position", "--head", "1");
        assertTrue(text.out().strip().matches("\\[[^,\\]]+, [^,\\]]+, [^,\\]]+\\]"), text.out());
        JsonNode stats = catJson("parcels/embedding", "--stats");
        assertEquals(rows * 16, stats.get("stats").get("count").asLong(), "the stats of an array are of its elements");
    }

    @Test
    void catPrintsTextJsonAndLists() throws IOException {
        JsonNode attributes = catJson("parcels/attributes");
        assertEquals(rows, attributes.get("values").size());
        for (JsonNode value : attributes.get("values")) {
            JSON.readTree(value.asText());
        }
        JsonNode orgs = catJson("parcels/org_ids");
        assertTrue(orgs.get("values").get(0).isArray() || orgs.get("dtype").asText().equals("str"), orgs.toString());
        CliRunner.Result stats = CliRunner.run("cat", snapshot.toString(), "parcels/note", "--stats");
        assertEquals(2, stats.exitCode(), stats::toString);
        assertTrue(stats.err().contains("variable-length"), stats::toString);
    }

    @Test
    void inspectListsEveryFileOfEveryColumnAndVerifyChecksThem() throws IOException {
        CliRunner.Result inspect = CliRunner.run("inspect", snapshot.toString(), "--json");
        assertEquals(0, inspect.exitCode(), inspect::toString);
        JsonNode json = JSON.readTree(inspect.out());
        assertEquals(2, json.get("formatVersion").asInt());
        JsonNode columns = json.get("tables").get(0).get("columns");
        JsonNode county = columns.get(0);
        assertEquals("cat<u16>", county.get("type").asText());
        assertTrue(county.get("dictionary").get("file").asText().endsWith("county_fips.dict.npy"));
        JsonNode attributes = columns.get(6);
        assertEquals("json", attributes.get("type").asText());
        assertTrue(attributes.get("offsets").get("file").asText().endsWith("attributes.offsets.npy"));
        CliRunner.Result text = CliRunner.run("inspect", snapshot.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("dictionary") && text.out().contains("json offsets"), text.out());
        CliRunner.Result verify = CliRunner.run("verify", run.toString());
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    @Test
    void exportWritesEveryKindAndTheLogShowsValuesInHex() throws IOException {
        Path csv = store.resolve("parcels.csv");
        CliRunner.Result export = CliRunner.run("export", snapshot.toString(), "--format", "csv", "--out", csv.toString());
        assertEquals(0, export.exitCode(), export::toString);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(rows + 1, lines.size(), "a line per row: every value with a line break is quoted");
        Path arrow = store.resolve("parcels.arrow");
        assertEquals(0, CliRunner.run("export", snapshot.toString(), "--format", "arrow", "--out", arrow.toString()).exitCode());
        CliRunner.Result log = CliRunner.run("log", run.toString(), "--from", "3", "--to", "3", "--json");
        assertEquals(0, log.exitCode(), log::toString);
        boolean sawBytes = false;
        for (JsonNode event : JSON.readTree(log.out()).get("events")) {
            if (event.get("key").asText().equals("parcels.note")) {
                sawBytes = event.get("value").asText().matches("[0-9a-f]+");
            }
        }
        assertTrue(sawBytes, log.out());
    }
}
