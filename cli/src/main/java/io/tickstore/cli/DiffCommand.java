package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.World;
import io.tickstore.columns.WorldDiff;
import io.tickstore.columns.internal.DidYouMean;
import java.io.IOException;
import java.io.PrintWriter;
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

/** What changed between two ticks: rows added and removed, and per column the entities whose value changed. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two ticks (snapshot directories, RUN@T or RUN@latest; a tick without a snapshot is rebuilt from "
                + "its run's log), matching rows by entity id: rows added, rows removed, and per column how many entities' values "
                + "changed, by how much at most, and the first few. Exit 0 whether or not they differ; --json says \"identical\".")
final class DiffCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "A snapshot directory, RUN@T or RUN@latest.")
    String before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "A snapshot directory, RUN@T or RUN@latest.")
    String after;

    @Option(names = "--table", paramLabel = "TABLE", description = "Compare this table only.")
    String table;

    @Option(names = "--tolerance", paramLabel = "X", description = "Values that differ by at most X are equal (and NaN equals NaN); "
            + "without it values are compared bit for bit (-0.0 differs from 0.0).")
    Double tolerance;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "5", description = "Entities shown per list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws IOException {
        if (tolerance != null && (tolerance < 0 || tolerance.isNaN())) {
            throw new CliException("--tolerance " + tolerance + " must be a number of at least 0", ExitCodes.USAGE);
        }
        if (limit < 0) {
            throw new CliException("--limit " + limit + " is negative", ExitCodes.USAGE);
        }
        PrintWriter notes = spec.commandLine().getErr();
        SnapshotAddress a = SnapshotAddress.resolve(before, null, notes);
        SnapshotAddress b = SnapshotAddress.resolve(after, null, notes);
        try (BufferAllocator allocator = new RootAllocator(); World first = a.load(allocator); World second = b.load(allocator)) {
            WorldDiff.Comparison diff = WorldDiff.compare(first, second, tolerance == null ? -1 : tolerance, limit);
            if (table != null) {
                diff = only(diff);
            }
            if (common.json) {
                Json.print(spec.commandLine().getOut(), json(a, b, diff));
            } else {
                print(a, b, diff);
            }
        }
        return ExitCodes.OK;
    }

    /** The comparison of --table alone (which one of the ticks must have). */
    private WorldDiff.Comparison only(WorldDiff.Comparison diff) {
        List<WorldDiff.TableChanges> kept = diff.tables().stream().filter(t -> t.table().equals(table)).toList();
        if (kept.isEmpty()) {
            List<String> names = diff.tables().stream().map(WorldDiff.TableChanges::table).toList();
            throw new CliException("--table: neither tick has a table '" + table + "' (tables: " + String.join(", ", names) + ")"
                    + DidYouMean.suffix(table, names));
        }
        return new WorldDiff.Comparison(diff.beforeTick(), diff.afterTick(), diff.tolerance(), kept);
    }

    private void print(SnapshotAddress a, SnapshotAddress b, WorldDiff.Comparison diff) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("before  %s (tick %d)%n", a.describe(), diff.beforeTick());
        out.printf("after   %s (tick %d)%n", b.describe(), diff.afterTick());
        out.printf("values  %s%n", diff.tolerance() < 0 ? "compared bit for bit" : "equal within " + diff.tolerance());
        for (WorldDiff.TableChanges t : diff.tables()) {
            out.println();
            if (!t.inBefore() || !t.inAfter()) {
                out.printf("table %s: only %s (%d rows)%n", t.table(), t.inBefore() ? "before" : "after",
                        t.inBefore() ? t.rowsBefore() : t.rowsAfter());
                continue;
            }
            out.printf("table %s: %d rows -> %d rows; %d added%s, %d removed%s%n", t.table(), t.rowsBefore(), t.rowsAfter(),
                    t.added(), examples(t.addedIds(), t.added()), t.removed(), examples(t.removedIds(), t.removed()));
            if (!t.columnsOnlyBefore().isEmpty()) {
                out.printf("  columns only before: %s%n", String.join(", ", t.columnsOnlyBefore()));
            }
            if (!t.columnsOnlyAfter().isEmpty()) {
                out.printf("  columns only after: %s%n", String.join(", ", t.columnsOnlyAfter()));
            }
            int width = "column".length();
            for (WorldDiff.ColumnChanges c : t.columns()) {
                width = Math.max(width, c.column().length());
            }
            out.printf("  %-" + width + "s  %10s  %-18s  %s%n", "column", "changed", "max |difference|", "for example");
            for (WorldDiff.ColumnChanges c : t.columns()) {
                StringBuilder samples = new StringBuilder();
                for (WorldDiff.Change change : c.examples()) {
                    if (samples.length() > 0) {
                        samples.append(", ");
                    }
                    samples.append("entity ").append(change.entityId()).append(": ")
                            .append(ColumnValues.toText(c.typeBefore(), change.before())).append(" -> ")
                            .append(ColumnValues.toText(c.typeAfter(), change.after()));
                }
                out.printf("  %-" + width + "s  %10d  %-18s  %s%n", c.column(), c.changed(), c.changed() == 0 ? "-" : Double.toString(c.maxDifference()),
                        samples);
            }
        }
        out.println();
        out.println(diff.identical() ? "identical" : "they differ");
        out.flush();
    }

    private static String examples(List<Long> ids, long count) {
        if (ids.isEmpty()) {
            return "";
        }
        return " (" + ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + (count > ids.size() ? ", ..." : "") + ")";
    }

    private static ObjectNode json(SnapshotAddress a, SnapshotAddress b, WorldDiff.Comparison diff) {
        ObjectNode json = Json.object();
        json.put("before", a.describe());
        json.put("after", b.describe());
        json.put("beforeTick", diff.beforeTick());
        json.put("afterTick", diff.afterTick());
        if (diff.tolerance() >= 0) {
            json.put("tolerance", diff.tolerance());
        } else {
            json.putNull("tolerance");
        }
        json.put("identical", diff.identical());
        ArrayNode tables = json.putArray("tables");
        for (WorldDiff.TableChanges t : diff.tables()) {
            ObjectNode table = tables.addObject();
            table.put("table", t.table());
            table.put("inBefore", t.inBefore());
            table.put("inAfter", t.inAfter());
            table.put("rowsBefore", t.rowsBefore());
            table.put("rowsAfter", t.rowsAfter());
            table.put("added", t.added());
            t.addedIds().forEach(table.putArray("addedIds")::add);
            table.put("removed", t.removed());
            t.removedIds().forEach(table.putArray("removedIds")::add);
            t.columnsOnlyBefore().forEach(table.putArray("columnsOnlyBefore")::add);
            t.columnsOnlyAfter().forEach(table.putArray("columnsOnlyAfter")::add);
            ArrayNode columns = table.putArray("columns");
            for (WorldDiff.ColumnChanges c : t.columns()) {
                ObjectNode column = columns.addObject();
                column.put("column", c.column());
                column.put("changed", c.changed());
                column.put("maxDifference", c.maxDifference());
                ArrayNode examples = column.putArray("examples");
                for (WorldDiff.Change change : c.examples()) {
                    ObjectNode e = examples.addObject();
                    e.put("entity", change.entityId());
                    ArrayNode values = e.putArray("values");
                    CatCommand.addValue(values, c.typeBefore(), change.before());
                    CatCommand.addValue(values, c.typeAfter(), change.after());
                }
            }
        }
        return json;
    }
}
