package io.tickstore.cli;

import io.tickstore.archive.backup.BackupInfo;
import io.tickstore.archive.backup.StoreBackups;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Backups of a store: take, list, restore. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Backups of a store: 'create STORE --to BACKUPS' (snapshot files hard-linked where the file system allows, event "
                + "logs copied, SQLite journals through SQLite's online backup API), 'list BACKUPS', 'restore BACKUP --to NEW_STORE' "
                + "(every checksum verified before the restored store appears).",
        subcommands = {BackupCommand.Create.class, BackupCommand.ListBackups.class, BackupCommand.Restore.class})
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    static com.fasterxml.jackson.databind.node.ObjectNode json(BackupInfo b) {
        var json = Json.object();
        json.put("backup", b.dir().toAbsolutePath().toString());
        json.put("name", b.name());
        json.put("source", b.source());
        json.put("createdAt", b.createdAt().toString());
        var runs = json.putArray("runs");
        b.runs().forEach(runs::add);
        json.put("files", b.files());
        json.put("linked", b.linked());
        json.put("bytes", b.bytes());
        return json;
    }

    static String line(BackupInfo b) {
        return String.format("%s  %s  %d runs, %d files (%d hard-linked), %s  of %s", b.name(), b.createdAt(), b.runs().size(), b.files(), b.linked(),
                Units.bytes(b.bytes()), b.source());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Take a backup of a store, named after the time (UTC).")
    static final class Create implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "STORE", description = "The store.")
        Path store;
        @Option(names = "--to", required = true, paramLabel = "BACKUPS", description = "The directory of backups.")
        Path to;
        @Option(names = "--name", paramLabel = "NAME", description = "The backup's name (default: the time, 2026-11-28T18-40-00Z).")
        String name;

        @Override
        public Integer call() throws IOException {
            BackupInfo b = name == null ? StoreBackups.create(store, to) : StoreBackups.create(store, to, name);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Json.print(out, json(b));
            } else {
                out.println("backed up " + store + " to " + b.dir() + ": " + line(b));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The backups in a directory, oldest first.")
    static final class ListBackups implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "BACKUPS", description = "The directory of backups.")
        Path backups;

        @Override
        public Integer call() throws IOException {
            List<BackupInfo> list = StoreBackups.list(backups);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                var json = Json.object();
                json.put("backups", backups.toAbsolutePath().toString());
                var array = json.putArray("list");
                list.forEach(b -> array.add(json(b)));
                Json.print(out, json);
            } else {
                out.printf("%s: %d backups%n", backups, list.size());
                list.forEach(b -> out.println(line(b)));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restore a backup as a new store; every file's SHA-256 and every snapshot's checksums are verified first.")
    static final class Restore implements Callable<Integer> {
        @Mixin
        CommonOptions common;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "BACKUP", description = "The backup's directory.")
        Path backup;
        @Option(names = "--to", required = true, paramLabel = "STORE", description = "The new store (must not exist).")
        Path to;

        @Override
        public Integer call() throws IOException {
            BackupInfo b = StoreBackups.restore(backup, to);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                var json = json(b);
                json.put("restoredTo", to.toAbsolutePath().toString());
                Json.print(out, json);
            } else {
                out.printf("restored %s to %s: %d runs, %d files verified%n", b.name(), to, b.runs().size(), b.files());
                out.flush();
            }
            return ExitCodes.OK;
        }
    }
}
