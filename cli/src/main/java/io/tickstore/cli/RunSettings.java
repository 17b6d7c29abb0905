package io.tickstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.Directories;
import io.tickstore.snapshot.FileErrors;
import io.tickstore.snapshot.eventlog.BackPressure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What a run was started with, kept in {@code RUN/run.json} so that {@code run --resume} continues it the same
 * way after a crash.
 *
 * @param seed the simulation's seed
 * @param entities creatures at tick 0
 * @param ticks the tick the run ends at
 * @param checkpointEvery a snapshot every K ticks
 * @param fsync whether snapshots and log chunks are forced to disk
 * @param logBufferRecords records per event log buffer (and full chunk)
 * @param backPressure what appending does when the log's writer falls behind
 */
record RunSettings(long seed, int entities, long ticks, long checkpointEvery, boolean fsync, int logBufferRecords,
                   BackPressure backPressure) {
    static final String FILE = "run.json";
    private static final String FORMAT = "tickstore-run";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    RunSettings withTicks(long newTicks) {
        return new RunSettings(seed, entities, newTicks, checkpointEvery, fsync, logBufferRecords, backPressure);
    }

    /** Writes {@code RUN/run.json} atomically (temporary file, force, rename, directory fsync). */
    void write(Path runDir) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("format", FORMAT);
        json.put("seed", seed);
        json.put("entities", entities);
        json.put("ticks", ticks);
        json.put("checkpointEvery", checkpointEvery);
        json.put("fsync", fsync);
        json.put("logBufferRecords", logBufferRecords);
        json.put("backPressure", backPressure.name());
        byte[] bytes = (MAPPER.writeValueAsString(json) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = runDir.resolve(FILE);
        Path temp = runDir.resolve("." + FILE + ".tmp-" + Directories.nonce());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                channel.force(true);
            } catch (IOException e) {
                throw FileErrors.naming(file, e);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        Directories.fsync(runDir);
    }

    /** Reads {@code RUN/run.json}; throws naming the file when it is missing or malformed. */
    static RunSettings read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        JsonNode json;
        try {
            json = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": missing; only a run made by './tickstore run' can be resumed");
        } catch (IOException e) {
            throw new CliException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            throw new CliException(file + ": not a Tickstore run description (field 'format' is not \"" + FORMAT + "\")");
        }
        for (String field : new String[] {"seed", "entities", "ticks", "checkpointEvery", "logBufferRecords"}) {
            if (!json.path(field).canConvertToLong()) {
                throw new CliException(file + ": field '" + field + "' is missing or not an integer");
            }
        }
        try {
            return new RunSettings(json.get("seed").asLong(), json.get("entities").asInt(), json.get("ticks").asLong(),
                    json.get("checkpointEvery").asLong(), json.path("fsync").asBoolean(true), json.get("logBufferRecords").asInt(),
                    BackPressure.valueOf(json.path("backPressure").asText("BLOCK")));
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": field 'backPressure' is not BLOCK or GROW");
        }
    }
}
