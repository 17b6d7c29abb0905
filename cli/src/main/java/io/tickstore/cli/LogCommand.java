package io.tickstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickstore.export.EventLogExport;
import io.tickstore.export.OutputTarget;
import io.tickstore.snapshot.eventlog.EventCursor;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.eventlog.TornTail;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Queries a run's event log (one entity, a tick range) or exports it as CSV or SQLite. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Read a run's event log without loading it: the events of one entity (--entity), the events in a tick "
                + "range (--from/--to, inclusive), or the whole log exported as CSV or SQLite (--export, --out).")
final class LogCommand implements Callable<Integer> {
    enum Format { csv, sqlite }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory, or its events/ log directory; a store of one run stands for it.")
    Path run;

    @Option(names = "--entity", paramLabel = "ID", description = "Events of this entity.")
    Long entity;

    @Option(names = "--from", paramLabel = "T1", description = "Events from this tick on (inclusive).")
    Long from;

    @Option(names = "--to", paramLabel = "T2", description = "Events up to this tick (inclusive).")
    Long to;

    @Option(names = "--export", paramLabel = "FORMAT", description = "Write the whole log as csv or sqlite to --out.")
    Format export;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The file --export writes: a regular file is replaced whole when the export is complete; csv may "
                    + "also go to a FIFO or a character device (/dev/stdout) as a stream; a symbolic link to a file, a "
                    + "directory or any other file is refused.")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N events of a query.")
    Long limit;

    @Override
    public Integer call() throws IOException {
        int modes = (entity != null ? 1 : 0) + (from != null || to != null ? 1 : 0) + (export != null ? 1 : 0);
        if (modes != 1) {
            throw new CliException("give exactly one of --entity ID, --from T1 --to T2, --export csv|sqlite --out FILE",
                    ExitCodes.USAGE);
        }
        if (export == null && out != null) {
            throw new CliException("--out goes with --export", ExitCodes.USAGE);
        }
        if (limit != null && limit < 0) {
            throw new CliException("--limit " + limit + " is negative", ExitCodes.USAGE);
        }
        Path logDir = LogSource.logDir(run, spec.commandLine().getErr());
        PrintWriter stdout = spec.commandLine().getOut();
        try (EventLogReader log = EventLogReader.open(logDir)) {
            log.tornTail().ifPresent(this::noteTornTail);
            if (export != null) {
                return export(log);
            }
            Query query = new Query(log, common.json, limit == null ? Long.MAX_VALUE : limit, stdout);
            if (entity != null) {
                log.forEntity(entity, query::add);
            } else {
                long first = from == null ? Long.MIN_VALUE : from;
                long last = to == null ? Long.MAX_VALUE : to;
                if (first > last) {
                    throw new CliException("--from " + first + " is after --to " + last, ExitCodes.USAGE);
                }
                log.forTicks(first, last, query::add);
            }
            query.finish(entity != null ? "entity " + entity : "ticks " + (from == null ? "start" : from) + ".." + (to == null ? "end" : to));
        }
        return ExitCodes.OK;
    }

    private void noteTornTail(TornTail tail) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("tickstore: note: " + tail.segment() + " ends with an incomplete chunk of " + tail.bytes()
                + " bytes at offset " + tail.offset() + " (a crash cut it short); it is not read");
        err.flush();
    }

    private int export(EventLogReader log) throws IOException {
        if (out == null) {
            throw new CliException("--export needs --out FILE", ExitCodes.USAGE);
        }
        OutputTarget target = OutputTarget.of(out);
        long events = export == Format.csv ? EventLogExport.toCsv(log, target) : EventLogExport.toSqlite(log, target);
        long bytes = target.bytesWritten();
        PrintWriter summary = ExportSummary.stream(spec, target);
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("log", log.dir().toString());
            json.put("format", export.name());
            json.put("out", out.toAbsolutePath().toString());
            json.put("events", events);
            json.put("bytes", bytes);
            Json.print(summary, json);
        } else {
            summary.printf("wrote %s: %d events as %s, %s%n", out, events, export, Units.bytes(bytes));
        }
        return ExitCodes.OK;
    }

    /** Prints (or collects as JSON) the events a query selects, up to a limit. */
    private static final class Query {
        private final EventLogReader log;
        private final boolean json;
        private final long limit;
        private final PrintWriter out;
        private final ArrayNode events;
        private long matched;

        Query(EventLogReader log, boolean json, long limit, PrintWriter out) {
            this.log = log;
            this.json = json;
            this.limit = limit;
            this.out = out;
            this.events = json ? Json.array() : null;
            if (!json) {
                out.printf("%12s %12s  %-24s %s%n", "tick", "entity", "key", "value");
            }
        }

        void add(EventCursor e) {
            matched++;
            if (matched > limit) {
                return;
            }
            if (json) {
                ObjectNode event = events.addObject();
                event.put("tick", e.tick());
                event.put("entity", e.entityId());
                event.put("key", e.keyName());
                switch (e.kind()) {
                    case F64: event.put("value", e.value()); break;
                    case I64: event.put("value", e.valueBits()); break;
                    case NONE: event.putNull("value"); break;
                    default: event.put("value", e.valueText()); break;
                }
            } else {
                out.printf("%12d %12d  %-24s %s%n", e.tick(), e.entityId(), e.keyName(), e.valueText());
            }
        }

        void finish(String what) {
            long shown = Math.min(matched, limit);
            if (json) {
                ObjectNode doc = Json.object();
                doc.put("log", log.dir().toString());
                doc.put("query", what);
                doc.put("matched", matched);
                doc.put("shown", shown);
                doc.set("events", events);
                Json.print(out, doc);
            } else {
                out.printf("%d events (%s)%s; the log holds %d records in %d chunks%n", matched, what,
                        shown < matched ? ", " + shown + " shown" : "", log.recordCount(), log.chunks().size());
            }
        }
    }
}
