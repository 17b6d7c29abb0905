package io.tickstore.cli;

import picocli.CommandLine.Command;

/** The top-level command; every piece of work is a subcommand. */
@Command(name = "tickstore",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Off-heap columnar snapshots and event logs for simulations: run, inspect, read, verify and replay them.",
        subcommands = {RunCommand.class, InspectCommand.class, CatCommand.class, VerifyCommand.class, ExportCommand.class,
                ReplayCommand.class, LogCommand.class, SalvageCommand.class, HydrateCommand.class, ReconstructCommand.class, HistoryCommand.class,
                DiffCommand.class, SessionsCommand.class, ArchiveCommand.class, QueryCommand.class, BackupCommand.class,
                StatsCommand.class, picocli.CommandLine.HelpCommand.class})
public final class TickstoreCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The process's standard output as bytes, for exports to {@code --out -} (text goes through picocli's writer). */
    java.io.OutputStream stdout = System.out;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required ("
                + String.join(", ", spec.subcommands().keySet()) + "); ./tickstore help COMMAND says what one does");
    }
}
