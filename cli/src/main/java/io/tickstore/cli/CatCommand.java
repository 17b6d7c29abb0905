package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.columns.ColumnType;
import io.tickstore.mmap.ColumnStats;
import io.tickstore.mmap.MappedColumn;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints one column of one snapshot, reading only that column's files through mmap; the columns of other kinds than
 * scalar (arrays, categorical strings, variable-length values) are printed by {@link CatKinds}.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Print one column of a snapshot. Only that column's file is read, through mmap.")
final class CatCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot directory (RUN/tick-...).")
    Path snapshot;

    @Parameters(index = "1", paramLabel = "COLUMN",
            description = "Column as TABLE/COLUMN or TABLE.COLUMN, or COLUMN alone when one table has it.")
    String column;

    @Option(names = "--head", paramLabel = "N", description = "Print only the first N values.")
    Long head;

    @Option(names = "--stats", description = "Print count, min, max and mean instead of the values (with --head: of those values).")
    boolean stats;

    @Override
    public Integer call() throws IOException {
        if (head != null && head < 0) {
            throw new CliException("--head " + head + " is negative", ExitCodes.USAGE);
        }
        if (!Files.isDirectory(snapshot)) {
            throw new CliException(snapshot + ": not a snapshot directory");
        }
        String[] tableAndColumn = resolve();
        PrintWriter out = spec.commandLine().getOut();
        if (CatKinds.print(snapshot, tableAndColumn[0], tableAndColumn[1], head, stats, common.json, out)) {
            out.flush();
            return ExitCodes.OK;
        }
        try (MappedColumn mapped = MappedColumn.open(snapshot, tableAndColumn[0], tableAndColumn[1])) {
            long n = head == null ? mapped.length() : Math.min(head, mapped.length());
            if (common.json) {
                ObjectNode json = Json.object();
                json.put("file", mapped.file().toString());
                json.put("table", tableAndColumn[0]);
                json.put("column", tableAndColumn[1]);
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
                printStats(out, mapped, mapped.stats(0, n));
            } else {
                StringBuilder line = new StringBuilder(32);
                for (long i = 0; i < n; i++) {
                    line.setLength(0);
                    out.println(line.append(io.tickstore.columns.ColumnValues.toText(mapped.type(), mapped.getBits(i))));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void printStats(PrintWriter out, MappedColumn mapped, ColumnStats s) {
        out.printf("%s  %s  count %d  min %s  max %s  mean %s%s%n", mapped.file(), mapped.type(), s.count(),
                s.min(), s.max(), s.mean(), s.nanCount() > 0 ? "  NaN " + s.nanCount() : "");
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
                double v = io.tickstore.columns.ColumnValues.toDouble(type, bits);
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

    /** Splits TABLE/COLUMN or TABLE.COLUMN, or finds the one table directory that holds COLUMN.npy. */
    private String[] resolve() throws IOException {
        for (char separator : new char[] {'/', '.'}) {
            int at = column.indexOf(separator);
            if (at > 0) {
                return new String[] {column.substring(0, at), column.substring(at + 1)};
            }
        }
        List<String> tables = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshot, Files::isDirectory)) {
            for (Path dir : entries) {
                if (CatKinds.exists(snapshot, dir.getFileName().toString(), column)) {
                    tables.add(dir.getFileName().toString());
                }
            }
        }
        if (tables.size() == 1) {
            return new String[] {tables.get(0), column};
        }
        if (tables.isEmpty()) {
            throw new CliException(snapshot + ": no table has a column '" + column + "'");
        }
        throw new CliException(snapshot + ": column '" + column + "' is in several tables " + tables + "; name it as TABLE/" + column);
    }
}
