package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.internal.DidYouMean;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.manifest.ColumnEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.TableEntry;
import io.tickstore.snapshot.replay.EntityTimeline;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One entity's values of some columns at the end of every tick of a range: a snapshot plus the log's records about it. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print one entity's values of a column (TABLE/COLUMN) or of a table's columns (TABLE, --columns a,b) at "
                + "the end of every tick from --from to --to, read from the newest snapshot at or before --from and the event "
                + "log's records about that entity. Reads only.")
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory; a store of one run stands for it.")
    String run;

    @Parameters(index = "1", paramLabel = "COLUMN|TABLE", description = "TABLE/COLUMN, COLUMN alone when one table has it, or a "
            + "TABLE (all its columns, or --columns).")
    String what;

    @Option(names = "--columns", split = ",", paramLabel = "A,B", description = "With a TABLE: the columns to print.")
    List<String> columns;

    @Option(names = "--entity", required = true, paramLabel = "ID", description = "The entity.")
    long entity;

    @Option(names = "--from", paramLabel = "T1", description = "The first tick (default: the run's first snapshot).")
    Long from;

    @Option(names = "--to", paramLabel = "T2", description = "The last tick (default: the last tick the log holds completely).")
    Long to;

    @Override
    public Integer call() throws IOException {
        Path runDir = SnapshotAddress.run(run, spec.commandLine().getErr());
        try (BufferAllocator allocator = new RootAllocator(); RunHistory history = RunHistory.open(runDir)) {
            List<Long> snapshots = history.snapshotTicks();
            if (snapshots.isEmpty()) {
                throw new CliException(runDir + ": the run has no snapshot to start from");
            }
            long first = from != null ? from : snapshots.get(0);
            long last = to != null ? to : history.lastCompleteTick();
            if (first > last) {
                throw new CliException("--from " + first + " is after --to " + last + (to == null ? " (the log's last complete tick)" : ""),
                        ExitCodes.USAGE);
            }
            Manifest manifest = SnapshotReader.readManifest(history.run().snapshotDir(history.snapshotTickFor(first)));
            String table = tableOf(runDir, manifest);
            List<String> names = columnsOf(runDir, manifest.table(table));
            EntityTimeline timeline = EntityTimeline.of(history, table, names, entity, first, last, allocator);
            if (common.json) {
                printJson(runDir, timeline);
            } else {
                print(runDir, timeline);
            }
        }
        return ExitCodes.OK;
    }

    private String tableOf(Path runDir, Manifest manifest) {
        String table = what;
        int at = Math.max(what.indexOf('/'), what.indexOf('.'));
        if (at > 0) {
            table = what.substring(0, at);
        } else if (!manifest.tableNames().contains(what)) {
            List<String> owners = new ArrayList<>();
            for (TableEntry t : manifest.tables()) {
                if (t.column(what) != null) {
                    owners.add(t.name());
                }
            }
            if (owners.size() == 1) {
                return owners.get(0);
            }
            if (owners.size() > 1) {
                throw new CliException(runDir + ": column '" + what + "' is in several tables " + owners + "; name it as TABLE/" + what,
                        ExitCodes.USAGE);
            }
        }
        if (!manifest.tableNames().contains(table)) {
            List<String> names = new ArrayList<>(manifest.tableNames());
            manifest.tables().forEach(t -> t.columns().forEach(c -> names.add(c.name())));
            throw new CliException(runDir + ": no table or column '" + what + "' (tables: " + String.join(", ", manifest.tableNames())
                    + ")" + DidYouMean.suffix(table, names));
        }
        return table;
    }

    private List<String> columnsOf(Path runDir, TableEntry table) {
        List<String> known = table.columns().stream().map(ColumnEntry::name).toList();
        int at = Math.max(what.indexOf('/'), what.indexOf('.'));
        List<String> wanted = columns != null ? columns : at > 0 ? List.of(what.substring(at + 1))
                : what.equals(table.name()) ? known : List.of(what);
        for (String column : wanted) {
            if (!known.contains(column)) {
                throw new CliException(runDir + ": table '" + table.name() + "' has no column '" + column + "' (columns: "
                        + String.join(", ", known) + ")" + DidYouMean.suffix(column, known));
            }
        }
        return wanted;
    }

    private void print(Path runDir, EntityTimeline t) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: entity %d of table %s, ticks %d..%d%n", runDir, t.entityId(), t.table(), t.tick(0), t.tick(t.size() - 1));
        List<String> header = new ArrayList<>();
        header.add("tick");
        header.addAll(t.columns());
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
        }
        List<String[]> rows = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            String[] row = new String[header.size()];
            row[0] = Long.toString(t.tick(i));
            for (int c = 0; c < t.columns().size(); c++) {
                row[c + 1] = t.alive(i) ? ColumnValues.toText(t.types().get(c), t.bits(i, c)) : "-";
            }
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
            rows.add(row);
        }
        out.println(line(header.toArray(new String[0]), widths));
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
        long dead = 0;
        for (int i = 0; i < t.size(); i++) {
            dead += t.alive(i) ? 0 : 1;
        }
        if (dead > 0) {
            out.printf("(- : the entity was not live at the end of %d of these ticks)%n", dead);
        }
        out.flush();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(" ".repeat(widths[c] - cells[c].length())).append(cells[c]);
        }
        return line.toString();
    }

    private void printJson(Path runDir, EntityTimeline t) {
        ObjectNode json = Json.object();
        json.put("run", runDir.toString());
        json.put("table", t.table());
        json.put("entity", t.entityId());
        ArrayNode names = json.putArray("columns");
        t.columns().forEach(names::add);
        ObjectNode dtypes = json.putObject("dtypes");
        for (int c = 0; c < t.columns().size(); c++) {
            dtypes.put(t.columns().get(c), t.types().get(c).typeName());
        }
        ArrayNode ticks = json.putArray("ticks");
        ArrayNode alive = json.putArray("alive");
        for (int i = 0; i < t.size(); i++) {
            ticks.add(t.tick(i));
            alive.add(t.alive(i));
        }
        ObjectNode values = json.putObject("values");
        for (int c = 0; c < t.columns().size(); c++) {
            ArrayNode array = values.putArray(t.columns().get(c));
            for (int i = 0; i < t.size(); i++) {
                if (t.alive(i)) {
                    CatCommand.addValue(array, t.types().get(c), t.bits(i, c));
                } else {
                    array.addNull();
                }
            }
        }
        Json.print(spec.commandLine().getOut(), json);
    }
}
