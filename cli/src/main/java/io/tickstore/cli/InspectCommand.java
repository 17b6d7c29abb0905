package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.ColumnEntry;
import io.tickstore.snapshot.manifest.FileEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.TableEntry;
import io.tickstore.snapshot.store.PathKind;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RunSettings;
import io.tickstore.snapshot.store.RunStore;
import io.tickstore.snapshot.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Describes a store, a run or a snapshot from its manifests alone; no column data is read. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Describe a store, a run or a snapshot: ticks, rows, bytes, and every column file with its dtype, "
                + "rows, sinceVersion and CRC32C. Reads manifests only.")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A store, a run or a snapshot directory.")
    Path path;

    @Override
    public Integer call() throws IOException {
        Path target = path.toAbsolutePath().normalize();
        PathKind kind = TickstorePath.kindOf(target);
        PrintWriter out = spec.commandLine().getOut();
        switch (kind) {
            case SNAPSHOT: {
                Path dir = target.getFileName().toString().equals(SnapshotLayout.MANIFEST) ? target.getParent() : target;
                SnapshotView snapshot = SnapshotView.load(dir);
                if (common.json) {
                    ObjectNode json = snapshot.toJson();
                    json.put("kind", "snapshot");
                    Json.print(out, json);
                } else {
                    snapshot.printDetail(out);
                }
                break;
            }
            case RUN: {
                RunView run = RunView.load(target);
                if (common.json) {
                    Json.print(out, run.toJson());
                } else {
                    run.print(out);
                }
                break;
            }
            case STORE: {
                Store store = Store.open(target);
                List<RunView> runs = new ArrayList<>();
                for (String name : store.runs()) {
                    runs.add(RunView.load(target.resolve(name)));
                }
                if (common.json) {
                    ObjectNode json = Json.object();
                    json.put("kind", "store");
                    json.put("path", target.toString());
                    ArrayNode array = json.putArray("runs");
                    runs.forEach(r -> array.add(r.toJson()));
                    Json.print(out, json);
                } else {
                    long total = 0;
                    for (RunView run : runs) {
                        total += run.bytes();
                    }
                    out.printf("store  %s  %d runs  %s%n", target, runs.size(), Units.bytes(total));
                    for (RunView run : runs) {
                        out.printf("  %-40s %-11s %4d snapshots  ticks %s  %s (event log %s)%n", run.dir.getFileName(), run.status(),
                                run.snapshots.size(), run.tickRange(), Units.bytes(run.bytes()), Units.bytes(run.logBytes));
                    }
                }
                break;
            }
            default:
                throw new IllegalStateException("unexpected path kind " + kind);
        }
        return ExitCodes.OK;
    }

    /** One run: its snapshots in tick order. */
    static final class RunView {
        final Path dir;
        final List<SnapshotView> snapshots;
        /** The run's settings and status, empty for a run no recording made (a directory of snapshots). */
        final Optional<RunSettings> settings;
        /** Bytes of the run's event log directory (segments, codebook, append counter, anything salvaged). */
        final long logBytes;

        private RunView(Path dir, List<SnapshotView> snapshots, Optional<RunSettings> settings, long logBytes) {
            this.dir = dir;
            this.snapshots = snapshots;
            this.settings = settings;
            this.logBytes = logBytes;
        }

        static RunView load(Path dir) throws IOException {
            List<SnapshotView> snapshots = new ArrayList<>();
            try (RunStore run = RunStore.openReadOnly(dir)) {
                for (long tick : run.ticks()) {
                    snapshots.add(SnapshotView.load(run.snapshotDir(tick)));
                }
            }
            Optional<RunSettings> settings = Files.exists(dir.resolve("run.json"))
                    ? Optional.of(Recording.readSettings(dir)) : Optional.empty();
            return new RunView(dir, snapshots, settings, sizeOf(EventLogLayout.logDir(dir)));
        }

        /** The bytes of the regular files under {@code dir}; 0 when there is none. */
        private static long sizeOf(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            try (var files = Files.walk(dir)) {
                long sum = 0;
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        sum += Files.size(file);
                    }
                }
                return sum;
            }
        }

        /** running, completed, stopped, failed, interrupted or crashed (running in its file, but no process holds it). */
        String status() {
            return settings.map(s -> s.status().label()).orElse("-");
        }

        /** Snapshots and event log together: what the run takes on disk. */
        long bytes() {
            return snapshotBytes() + logBytes;
        }

        long snapshotBytes() {
            long sum = 0;
            for (SnapshotView s : snapshots) {
                sum += s.bytes();
            }
            return sum;
        }

        String tickRange() {
            if (snapshots.isEmpty()) {
                return "-";
            }
            return snapshots.get(0).manifest.tick() + ".." + snapshots.get(snapshots.size() - 1).manifest.tick();
        }

        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.put("kind", "run");
            json.put("path", dir.toString());
            settings.ifPresent(s -> {
                json.put("status", s.status().label());
                json.put("simulation", s.simulation());
                json.put("seed", s.seed());
                json.put("entities", s.entities());
                json.put("endTick", s.endTick());
                json.put("checkpointEvery", s.checkpointEvery());
                s.attribute("journal.session").ifPresent(id -> json.put("journalSession", id));
            });
            ArrayNode ticks = json.putArray("ticks");
            snapshots.forEach(s -> ticks.add(s.manifest.tick()));
            json.put("bytes", bytes());
            json.put("snapshotBytes", snapshotBytes());
            json.put("logBytes", logBytes);
            ArrayNode array = json.putArray("snapshots");
            snapshots.forEach(s -> array.add(s.toJson()));
            return json;
        }

        void print(PrintWriter out) {
            out.printf("run  %s  %d snapshots  %s (snapshots %s, event log %s)%n", dir, snapshots.size(), Units.bytes(bytes()),
                    Units.bytes(snapshotBytes()), Units.bytes(logBytes));
            settings.ifPresent(s -> out.printf("status %s; %s, seed %d, %d entities, end tick %s, a checkpoint every %d ticks%s%n",
                    s.status().label(), s.simulation().isEmpty() ? "a program's own world" : "simulation " + s.simulation(), s.seed(),
                    s.entities(), s.endTick() < 0 ? "none" : Long.toString(s.endTick()), s.checkpointEvery(),
                    s.attribute("journal.session").map(id -> ", journaled as session " + id).orElse("")));
            out.printf("  %-22s %12s %12s%n", "tick", "rows", "bytes");
            for (SnapshotView s : snapshots) {
                out.printf("  %-22d %12d %12s%n", s.manifest.tick(), s.rows(), Units.bytes(s.bytes()));
            }
            if (!snapshots.isEmpty()) {
                out.println();
                out.println("latest snapshot:");
                snapshots.get(snapshots.size() - 1).printDetail(out);
            }
        }
    }

    /** One snapshot's manifest, with absolute file paths. */
    static final class SnapshotView {
        final Path dir;
        final Manifest manifest;

        private SnapshotView(Path dir, Manifest manifest) {
            this.dir = dir;
            this.manifest = manifest;
        }

        static SnapshotView load(Path dir) throws IOException {
            return new SnapshotView(dir, SnapshotReader.readManifest(dir));
        }

        long rows() {
            long sum = 0;
            for (TableEntry t : manifest.tables()) {
                sum += t.rows();
            }
            return sum;
        }

        long bytes() {
            long sum = 0;
            for (FileEntry f : manifest.files()) {
                sum += f.fileBytes();
            }
            return sum;
        }

        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.put("path", dir.toString());
            json.put("tick", manifest.tick());
            json.put("formatVersion", manifest.formatVersion());
            json.put("createdAt", manifest.createdAt().toString());
            json.put("rows", rows());
            json.put("bytes", bytes());
            ArrayNode tables = json.putArray("tables");
            for (TableEntry t : manifest.tables()) {
                ObjectNode table = tables.addObject();
                table.put("name", t.name());
                table.put("schema", t.schema().name());
                table.put("schemaVersion", t.schema().version());
                table.put("rows", t.rows());
                table.put("nextEntityId", t.nextEntityId());
                table.put("bytes", t.fileBytes());
                table.set("entityIds", fileJson(t.entityIds()));
                ArrayNode columns = table.putArray("columns");
                for (ColumnEntry c : t.columns()) {
                    ObjectNode column = fileJson(c.data());
                    column.put("name", c.name());
                    column.put("type", c.layout().toString());
                    column.put("sinceVersion", c.sinceVersion());
                    if (c.offsets() != null) {
                        column.set("offsets", fileJson(c.offsets()));
                    }
                    if (c.dictionary() != null) {
                        column.set("dictionary", fileJson(c.dictionary()));
                    }
                    columns.add(column);
                }
            }
            return json;
        }

        private ObjectNode fileJson(FileEntry f) {
            ObjectNode json = Json.object();
            json.put("dtype", f.type() == null ? f.dtype().substring(1) : f.type().typeName());
            json.put("numpyDtype", f.dtype());
            json.put("rows", f.rows());
            json.put("crc32c", f.crc32cHex());
            json.put("bytes", f.fileBytes());
            json.put("file", f.resolve(dir).toString());
            return json;
        }

        /** What a column's file holds, for the dtype column: its type, or a categorical or variable-length column's part. */
        private static String fileType(ColumnEntry c, FileEntry f) {
            if (f == c.offsets()) {
                return c.layout() + " offsets";
            }
            if (f == c.dictionary()) {
                return "dictionary";
            }
            return c.offsets() != null ? "data" : c.layout().toString();
        }

        void printDetail(PrintWriter out) {
            out.printf("snapshot  %s%n", dir);
            out.printf("tick %d, format v%d, %d tables, %d rows, %s, written %s%n", manifest.tick(), manifest.formatVersion(),
                    manifest.tables().size(), rows(), Units.bytes(bytes()), manifest.createdAt());
            for (TableEntry t : manifest.tables()) {
                out.printf("%ntable %s (schema v%d): %d rows, next entity id %d, %s%n", t.name(), t.schema().version(),
                        t.rows(), t.nextEntityId(), Units.bytes(t.fileBytes()));
                int width = "_entity_id".length();
                for (ColumnEntry c : t.columns()) {
                    width = Math.max(width, c.name().length());
                }
                int typeWidth = 5;
                for (ColumnEntry c : t.columns()) {
                    for (FileEntry f : c.files()) {
                        typeWidth = Math.max(typeWidth, fileType(c, f).length());
                    }
                }
                String row = "  %-" + width + "s  %-" + typeWidth + "s %-4s %12s %6s  %-8s %12s  %s%n";
                out.printf(row, "column", "dtype", "npy", "rows", "since", "crc32c", "bytes", "file");
                for (ColumnEntry c : t.columns()) {
                    // a column of another kind prints its type, then one line per file (offsets, data; codes, dictionary)
                    for (FileEntry f : c.files()) {
                        out.printf(row, f == c.files().get(0) ? c.name() : "", fileType(c, f), f.dtype(), f.rows(), c.sinceVersion(),
                                f.crc32cHex(), f.fileBytes(), f.resolve(dir));
                    }
                }
                FileEntry ids = t.entityIds();
                out.printf(row, "_entity_id", ids.type().typeName(), ids.dtype(), ids.rows(), "-", ids.crc32cHex(),
                        ids.fileBytes(), ids.resolve(dir));
            }
        }
    }
}
