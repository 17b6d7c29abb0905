package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.internal.DidYouMean;
import io.tickstore.mmap.ColumnStats;
import io.tickstore.mmap.MappedColumn;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.ColumnEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.store.PathKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints one column of a snapshot, or several columns of one table beside their entity ids, reading only those
 * columns' files through mmap; or one .npy file named directly.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print one column of a snapshot (TABLE/COLUMN), or a table's columns beside their entity ids (TABLE, "
                + "--columns a,b to choose), or a .npy file. Only those columns' files are read, through mmap. The snapshot is "
                + "a directory, RUN@T, RUN@latest, or a run with --tick T.")
final class CatCommand implements Callable<Integer> {
    /** The entity id file's name as a column: what a table's rows are printed beside. */
    private static final String ENTITY_ID = "_entity_id";

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "A snapshot directory, RUN@T, RUN@latest, a run with --tick T, "
            + "or a .npy file.")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "COLUMN|TABLE",
            description = "TABLE/COLUMN or TABLE.COLUMN, COLUMN alone when one table has it, or a TABLE (all its columns, or "
                    + "--columns).")
    String what;

    @Option(names = "--tick", paramLabel = "T", description = "With a run: the snapshot of tick T.")
    Long tick;

    @Option(names = "--columns", split = ",", paramLabel = "A,B", description = "With a TABLE: the columns to print, in this order.")
    List<String> columns;

    @Option(names = "--head", paramLabel = "N", description = "Print only the first N rows.")
    Long head;

    @Option(names = "--stats", description = "Print count, min, max and mean instead of the values (with --head: of those values).")
    boolean stats;

    @Override
    public Integer call() throws IOException {
        if (head != null && head < 0) {
            throw new CliException("--head " + head + " is negative", ExitCodes.USAGE);
        }
        Path npy = Path.of(source);
        if (source.endsWith(SnapshotLayout.COLUMN_SUFFIX) && Files.isRegularFile(npy)) {
            if (what != null || columns != null || tick != null) {
                throw new CliException(npy + ": is one column's file; it takes no COLUMN, --columns or --tick", ExitCodes.USAGE);
            }
            try (MappedColumn mapped = MappedColumn.open(npy)) {
                printColumn(mapped, null, null);
            }
            return ExitCodes.OK;
        }
        Path snapshot = snapshotDir();
        if (what == null) {
            throw new CliException(snapshot + ": name a column (TABLE/COLUMN) or a table (" + tablesAndColumns(snapshot) + ")",
                    ExitCodes.USAGE);
        }
        if (columns != null || isTable(snapshot, what)) {
            printTable(snapshot, what);
            return ExitCodes.OK;
        }
        // one column: its file alone is opened (a missing one is named with the columns its table has)
        String[] tableAndColumn = resolveColumn(snapshot);
        PrintWriter out = spec.commandLine().getOut();
        // arrays, categorical strings and variable-length values have files of their own kind
        if (CatKinds.print(snapshot, tableAndColumn[0], tableAndColumn[1], head, stats, common.json, out)) {
            out.flush();
            return ExitCodes.OK;
        }
        try (MappedColumn mapped = MappedColumn.open(snapshot, tableAndColumn[0], tableAndColumn[1])) {
            printColumn(mapped, tableAndColumn[0], tableAndColumn[1]);
        }
        return ExitCodes.OK;
    }

    /** The snapshot SNAPSHOT names; a tick without one says how to get one. */
    private Path snapshotDir() throws IOException {
        Path direct = Path.of(source).toAbsolutePath().normalize();
        if (tick == null && Files.isDirectory(direct)) {
            PathKind kind = PathKind.detect(direct);
            if (kind == PathKind.SNAPSHOT || kind == PathKind.UNKNOWN && !Files.exists(direct.resolve("run.json"))) {
                // a snapshot's directory (or any directory of table directories of .npy files): read as it is
                return direct;
            }
        }
        SnapshotAddress address = SnapshotAddress.resolve(source, tick, spec.commandLine().getErr());
        if (!address.hasSnapshot()) {
            String run = Units.quoted(address.runDir().toString());
            throw new CliException(address.runDir() + ": has no snapshot of tick " + address.tick() + " ("
                    + SnapshotAddress.ticksOf(address.runDir()) + "); cat reads a snapshot's files: ./tickstore replay " + run
                    + " --tick " + address.tick() + " --out DIR writes one, ./tickstore export " + run + " --tick " + address.tick()
                    + " --format csv --out - prints the tick");
        }
        return address.snapshotDir();
    }

    private void printColumn(MappedColumn mapped, String table, String column) {
        PrintWriter out = spec.commandLine().getOut();
        long n = head == null ? mapped.length() : Math.min(head, mapped.length());
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("file", mapped.file().toString());
            json.put("table", table);
            json.put("column", column);
            json.put("dtype", mapped.type().typeName());
            json.put("numpyDtype", mapped.type().numpyDescr());
            json.put("length", mapped.length());
            if (stats) {
                json.set("stats", statsJson(mapped.stats(0, n)));
            } else {
                ArrayNode values = json.putArray("values");
                for (long i = 0; i < n; i++) {
                    addValue(values, mapped.type(), mapped.getBits(i));
                }
            }
            Json.print(out, json);
        } else if (stats) {
            out.println(statsLine(mapped.file().toString(), mapped.type(), mapped.stats(0, n)));
        } else {
            StringBuilder line = new StringBuilder(32);
            for (long i = 0; i < n; i++) {
                line.setLength(0);
                out.println(line.append(ColumnValues.toText(mapped.type(), mapped.getBits(i))));
            }
        }
        out.flush();
    }

    /** The table's entity ids and the chosen columns, side by side; every column when none are chosen (schema order). */
    private void printTable(Path snapshot, String table) throws IOException {
        if (!isTable(snapshot, table)) {
            List<String> tables = tableNames(snapshot);
            throw new CliException(snapshot + ": no table '" + table + "' (tables: " + String.join(", ", tables) + ")"
                    + DidYouMean.suffix(table, tables));
        }
        List<String> known = columnNames(snapshot, table);
        List<String> names = new ArrayList<>();
        for (String column : columns == null ? known : columns) {
            if (!known.contains(column)) {
                throw new CliException(snapshot + ": table '" + table + "' has no column '" + column + "' (columns: "
                        + String.join(", ", known) + ")" + DidYouMean.suffix(column, known));
            }
            if (CatKinds.isScalar(snapshot, table, column)) {
                names.add(column);
            } else if (columns != null) {
                // one value a row fits a row of the table view; an array, a category or a text is printed on its own
                throw new CliException(snapshot + ": column '" + column + "' of table '" + table + "' is not one number a row; "
                        + "print it alone: ./tickstore cat " + Units.quoted(snapshot.toString()) + " " + table + "/" + column,
                        ExitCodes.USAGE);
            }
        }
        List<MappedColumn> mapped = new ArrayList<>();
        try {
            mapped.add(MappedColumn.open(SnapshotLayout.entityIdFile(snapshot, table)));
            for (String column : names) {
                mapped.add(MappedColumn.open(snapshot, table, column));
            }
            List<String> header = new ArrayList<>();
            header.add(ENTITY_ID);
            header.addAll(names);
            long rows = mapped.get(0).length();
            long n = head == null ? rows : Math.min(head, rows);
            if (common.json) {
                printTableJson(snapshot, table, rows, header, mapped, n);
            } else if (stats) {
                PrintWriter out = spec.commandLine().getOut();
                for (int c = 1; c < mapped.size(); c++) {
                    out.println(statsLine(table + "/" + header.get(c), mapped.get(c).type(), mapped.get(c).stats(0, n)));
                }
                out.flush();
            } else {
                printAligned(header, mapped, n);
            }
        } finally {
            for (MappedColumn m : mapped) {
                m.close();
            }
        }
    }

    private void printAligned(List<String> header, List<MappedColumn> mapped, long n) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (long i = 0; i < n; i++) {
                widths[c] = Math.max(widths[c], ColumnValues.toText(mapped.get(c).type(), mapped.get(c).getBits(i)).length());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            pad(line, header.get(c), widths[c], c);
        }
        out.println(line.toString().stripTrailing());
        for (long i = 0; i < n; i++) {
            line.setLength(0);
            for (int c = 0; c < widths.length; c++) {
                pad(line, ColumnValues.toText(mapped.get(c).type(), mapped.get(c).getBits(i)), widths[c], c);
            }
            out.println(line);
        }
        out.flush();
    }

    /** Right-aligned in its width, two spaces between columns. */
    private static void pad(StringBuilder line, String text, int width, int column) {
        if (column > 0) {
            line.append("  ");
        }
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        line.append(text);
    }

    private void printTableJson(Path snapshot, String table, long rows, List<String> header, List<MappedColumn> mapped, long n) {
        ObjectNode json = Json.object();
        json.put("snapshot", snapshot.toString());
        json.put("table", table);
        json.put("rows", rows);
        ArrayNode names = json.putArray("columns");
        header.subList(1, header.size()).forEach(names::add);
        ObjectNode dtypes = json.putObject("dtypes");
        for (int c = 1; c < header.size(); c++) {
            dtypes.put(header.get(c), mapped.get(c).type().typeName());
        }
        if (stats) {
            ObjectNode all = json.putObject("stats");
            for (int c = 1; c < header.size(); c++) {
                all.set(header.get(c), statsJson(mapped.get(c).stats(0, n)));
            }
        } else {
            ArrayNode ids = json.putArray("entityIds");
            for (long i = 0; i < n; i++) {
                ids.add(mapped.get(0).getBits(i));
            }
            ObjectNode values = json.putObject("values");
            for (int c = 1; c < header.size(); c++) {
                ArrayNode array = values.putArray(header.get(c));
                for (long i = 0; i < n; i++) {
                    addValue(array, mapped.get(c).type(), mapped.get(c).getBits(i));
                }
            }
        }
        Json.print(spec.commandLine().getOut(), json);
    }

    /** One column's statistics as cat prints them. */
    static void printStats(PrintWriter out, MappedColumn mapped, ColumnStats s) {
        out.println(statsLine(mapped.file().toString(), mapped.type(), s));
    }

    private static String statsLine(String what, ColumnType type, ColumnStats s) {
        return String.format("%s  %s  count %d  min %s  max %s  mean %s%s", what, type, s.count(), s.min(), s.max(), s.mean(),
                s.nanCount() > 0 ? "  NaN " + s.nanCount() : "");
    }

    static ObjectNode statsJson(ColumnStats s) {
        ObjectNode json = Json.object();
        json.put("count", s.count());
        putNumber(json, "min", s.min());
        putNumber(json, "max", s.max());
        putNumber(json, "mean", s.mean());
        json.put("nanCount", s.nanCount());
        return json;
    }

    private static void putNumber(ObjectNode json, String key, double v) {
        if (Double.isFinite(v)) {
            json.put(key, v);
        } else {
            json.put(key, Double.toString(v));
        }
    }

    /**
     * Values as numpy's {@code tolist()} gives them: integers exactly, f32 widened to the double it is
     * (so {@code 0.1f} prints as 0.10000000149011612), non-finite floats as the strings NaN and ±Infinity
     * because JSON has no such numbers.
     */
    static void addValue(ArrayNode values, ColumnType type, long bits) {
        switch (type) {
            case F32:
            case F64: {
                double v = ColumnValues.toDouble(type, bits);
                if (Double.isFinite(v)) {
                    values.add(v);
                } else {
                    values.add(Double.toString(v));
                }
                break;
            }
            case BOOL:
                values.add(bits != 0);
                break;
            case U64:
                if (bits < 0) {
                    values.add(new BigInteger(Long.toUnsignedString(bits)));
                } else {
                    values.add(bits);
                }
                break;
            default:
                values.add(bits);
        }
    }

    private static boolean isTable(Path snapshot, String name) {
        return name.indexOf('/') < 0 && !name.startsWith(".") && Files.isDirectory(snapshot.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** The table directories of a snapshot, sorted (what the manifest lists, without reading it). */
    private static List<String> tableNames(Path snapshot) throws IOException {
        List<String> tables = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshot, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path dir : entries) {
                if (!dir.getFileName().toString().startsWith(".")) {
                    tables.add(dir.getFileName().toString());
                }
            }
        }
        Collections.sort(tables);
        return tables;
    }

    /**
     * A table's columns in schema order from the manifest; in a directory without one, its .npy files (sorted) but the
     * entity ids.
     */
    private static List<String> columnNames(Path snapshot, String table) throws IOException {
        if (Files.isRegularFile(SnapshotLayout.manifest(snapshot))) {
            Manifest manifest = SnapshotReader.readManifest(snapshot);
            if (manifest.table(table) != null) {
                return manifest.table(table).columns().stream().map(ColumnEntry::name).toList();
            }
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshot.resolve(table), "*" + SnapshotLayout.COLUMN_SUFFIX)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (!name.equals(SnapshotLayout.ENTITY_ID_FILE)) {
                    names.add(name.substring(0, name.length() - SnapshotLayout.COLUMN_SUFFIX.length()));
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    /** Splits TABLE/COLUMN or TABLE.COLUMN, or finds the one table that has COLUMN; misspellings get the close names. */
    private String[] resolveColumn(Path snapshot) throws IOException {
        for (char separator : new char[] {'/', '.'}) {
            int at = what.indexOf(separator);
            if (at > 0) {
                return new String[] {what.substring(0, at), what.substring(at + 1)};
            }
        }
        List<String> tables = new ArrayList<>();
        List<String> every = new ArrayList<>();
        for (String table : tableNames(snapshot)) {
            if (Files.exists(SnapshotLayout.columnFile(snapshot, table, what))) {
                tables.add(table);
            }
            every.add(table);
            every.addAll(columnNames(snapshot, table));
        }
        if (tables.size() == 1) {
            return new String[] {tables.get(0), what};
        }
        if (tables.isEmpty()) {
            throw new CliException(snapshot + ": no table has a column '" + what + "' (" + tablesAndColumns(snapshot) + ")"
                    + DidYouMean.suffix(what, every));
        }
        throw new CliException(snapshot + ": column '" + what + "' is in several tables " + tables + "; name it as TABLE/" + what,
                ExitCodes.USAGE);
    }

    /** "creatures: pos_x, pos_y, ...; kinds: ..." for a message. */
    private static String tablesAndColumns(Path snapshot) throws IOException {
        List<String> parts = new ArrayList<>();
        for (String table : tableNames(snapshot)) {
            parts.add(table + ": " + String.join(", ", columnNames(snapshot, table)));
        }
        return String.join("; ", parts);
    }
}
