package io.tickstore.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.eventlog.BackPressure;
import io.tickstore.snapshot.internal.AtomicFiles;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code RUN/run.json}, the run's settings and status (FORMAT.md, "The run settings file").
 *
 * <pre>
 * {
 *   "format": "tickstore-run",          constant
 *   "version": 2,                       this layout; version 1 (no field) was written by the first CLI
 *   "status": "running",                running | completed | stopped | failed | interrupted
 *   "simulation": "creatures",          the Simulation that made it, or "" when a program drove its own world
 *   "seed": 42, "entities": 100000, "parameters": { "name": "value" },
 *   "endTick": 100,                     -1: no end
 *   "checkpointEvery": 25, "fsync": true, "logBufferRecords": 65536, "backPressure": "BLOCK",
 *   "attributes": { "journal.session": "..." }    what observers keep with the run
 * }
 * </pre>
 *
 * Written atomically: a temporary file, forced, renamed over the old one, the directory fsynced; so a crash leaves
 * the old settings or the new ones, never a mix. Unknown fields are ignored on read (a newer writer may add some);
 * a newer {@code version} is refused.
 */
final class RunSettingsFile {
    static final String FILE = "run.json";
    static final String FORMAT = "tickstore-run";
    static final int VERSION = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunSettingsFile() {
    }

    static Path of(Path runDir) {
        return runDir.resolve(FILE);
    }

    static void write(Path runDir, RunSettings s, boolean fsync) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("status", s.status().label());
        json.put("simulation", s.simulation());
        json.put("seed", s.seed());
        json.put("entities", s.entities());
        ObjectNode parameters = json.putObject("parameters");
        s.parameters().forEach(parameters::put);
        json.put("endTick", s.endTick());
        json.put("checkpointEvery", s.checkpointEvery());
        json.put("fsync", s.fsync());
        json.put("logBufferRecords", s.logBufferRecords());
        json.put("backPressure", s.backPressure().name());
        ObjectNode attributes = json.putObject("attributes");
        s.attributes().forEach(attributes::put);
        byte[] bytes = (MAPPER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.replace(of(runDir), bytes, fsync, FaultPoint.RUN_SETTINGS);
    }

    /** Reads the settings; throws {@link Problem#BAD_RUN_SETTINGS} naming the file and the field at fault. */
    static RunSettings read(Path runDir) throws IOException {
        Path file = of(runDir);
        JsonNode json;
        try {
            json = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new TickstoreException(Problem.BAD_RUN_SETTINGS, file + ": missing; " + runDir
                    + " is not a run a recording made (it has no settings to resume it with)");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw bad(file, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (json == null || !json.isObject() || !FORMAT.equals(json.path("format").asText())) {
            throw bad(file, "not a Tickstore run settings file (field 'format' is not \"" + FORMAT + "\")");
        }
        int version = json.has("version") ? requireInt(json, "version", file) : 1;
        if (version > VERSION) {
            throw bad(file, "written by a newer Tickstore (run settings version " + version + "; this one reads up to "
                    + VERSION + "): upgrade to resume it");
        }
        try {
            if (version == 1) {
                return readVersion1(json, file);
            }
            return new RunSettings(json.path("simulation").asText(""), requireLong(json, "seed", file),
                    requireLong(json, "entities", file), strings(json, "parameters", file), requireLong(json, "endTick", file),
                    requireLong(json, "checkpointEvery", file), json.path("fsync").asBoolean(true),
                    requireInt(json, "logBufferRecords", file), backPressure(json, file), strings(json, "attributes", file),
                    status(json, file));
        } catch (IllegalArgumentException e) {
            // the record's own checks: a negative count, a checkpoint interval of zero
            throw bad(file, e.getMessage());
        }
    }

    /** Version 1 came from the first CLI, which ran the creature simulation only and wrote no status. */
    private static RunSettings readVersion1(JsonNode json, Path file) {
        return new RunSettings("creatures", requireLong(json, "seed", file), requireLong(json, "entities", file), Map.of(),
                requireLong(json, "ticks", file), requireLong(json, "checkpointEvery", file), json.path("fsync").asBoolean(true),
                requireInt(json, "logBufferRecords", file), backPressure(json, file), Map.of(), RunStatus.STOPPED);
    }

    private static long requireLong(JsonNode json, String field, Path file) {
        JsonNode node = json.get(field);
        if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
            throw bad(file, "field '" + field + "' is missing or not an integer");
        }
        return node.asLong();
    }

    private static int requireInt(JsonNode json, String field, Path file) {
        long value = requireLong(json, field, file);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw bad(file, "field '" + field + "' is " + value + ", out of range");
        }
        return (int) value;
    }

    private static BackPressure backPressure(JsonNode json, Path file) {
        String text = json.path("backPressure").asText("BLOCK");
        try {
            return BackPressure.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw bad(file, "field 'backPressure' is \"" + text + "\", not BLOCK or GROW");
        }
    }

    private static RunStatus status(JsonNode json, Path file) {
        String text = json.path("status").asText("stopped");
        try {
            return RunStatus.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(file, "field 'status' is \"" + text + "\", not running, completed, stopped, failed or interrupted");
        }
    }

    private static Map<String, String> strings(JsonNode json, String field, Path file) {
        JsonNode node = json.get(field);
        Map<String, String> map = new TreeMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw bad(file, "field '" + field + "' is not an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw bad(file, "field '" + field + "." + e.getKey() + "' is not a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }

    private static TickstoreException bad(Path file, String detail) {
        return new TickstoreException(Problem.BAD_RUN_SETTINGS, file + ": " + detail);
    }
}
