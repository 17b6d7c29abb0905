package io.tickstore.cli;

import io.tickstore.archive.Archive;
import io.tickstore.archive.QueryResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** DuckDB SQL over archived sessions. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run DuckDB SQL over an archive: every table of every completely archived session is a view named after the "
                + "table (tick, tick_log, tick_event, metadata, trace_log, creatures_v1, ...) with a session_id column, so one query "
                + "spans sessions. An archive on an object store is downloaded into a temporary directory first. Only reads.")
final class QueryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT session_id, count(*) FROM tick_log GROUP BY 1\".")
    String sql;

    @Option(names = "--archive", required = true, paramLabel = "ARCHIVE", description = "A directory, or s3://BUCKET/PREFIX.")
    String location;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The object store's endpoint; default TICKSTORE_S3_ENDPOINT, AWS_ENDPOINT_URL, else AWS.")
    URI endpoint;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N rows (default 1000).")
    int limit = 1000;

    @Override
    public Integer call() throws IOException {
        if (limit < 0) {
            throw new CliException("--limit " + limit + " is negative", ExitCodes.USAGE);
        }
        try (Archive archive = Archive.at(location, ArchiveCommand.storeOptions(endpoint))) {
            QueryResult result = archive.query(sql, limit);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                var json = Json.object();
                json.put("archive", archive.toString());
                json.put("query", sql);
                var columns = json.putArray("columns");
                result.columns().forEach(columns::add);
                var rows = json.putArray("rows");
                for (List<Object> row : result.rows()) {
                    var r = rows.addArray();
                    for (Object v : row) {
                        if (v == null) {
                            r.addNull();
                        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                            r.add(((Number) v).longValue());
                        } else if (v instanceof Double || v instanceof Float) {
                            double d = ((Number) v).doubleValue();
                            if (Double.isFinite(d)) {
                                r.add(d);
                            } else {
                                r.add(Double.toString(d));
                            }
                        } else if (v instanceof java.math.BigDecimal) {
                            r.add((java.math.BigDecimal) v);
                        } else if (v instanceof java.math.BigInteger) {
                            r.add(new java.math.BigDecimal((java.math.BigInteger) v));
                        } else if (v instanceof Boolean) {
                            r.add((Boolean) v);
                        } else {
                            r.add(v.toString());
                        }
                    }
                }
                Json.print(out, json);
            } else {
                print(out, result);
            }
        }
        return ExitCodes.OK;
    }

    /** Columns aligned, as psql prints them. */
    private static void print(PrintWriter out, QueryResult result) {
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[result.columns().size()];
        String[] header = result.columns().toArray(new String[0]);
        cells.add(header);
        for (List<Object> row : result.rows()) {
            String[] line = new String[width.length];
            for (int i = 0; i < line.length; i++) {
                line[i] = row.get(i) == null ? "" : row.get(i).toString();
            }
            cells.add(line);
        }
        for (String[] line : cells) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                b.append(i > 0 ? " | " : " ").append(String.format("%-" + Math.max(1, width[i]) + "s", cells.get(r)[i]));
            }
            out.println(b.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < width.length; i++) {
                    rule.append(i > 0 ? "-+-" : "-").append("-".repeat(Math.max(1, width[i])));
                }
                out.println(rule);
            }
        }
        out.printf("(%d rows)%n", result.rows().size());
        out.flush();
    }
}
