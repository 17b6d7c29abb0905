package io.tickstore.cli;

import io.tickstore.backends.BackendSpec;
import io.tickstore.backends.PersistenceException;
import io.tickstore.backends.hex.HexReconstruction;
import io.tickstore.backends.hex.HexState;
import io.tickstore.backends.postgres.PostgresOptions;
import io.tickstore.columns.TickstoreException;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints a past tick of a session's hex journal, rebuilt from its territory and activity journals: one line per map
 * hex of the chosen counties (all of them without {@code --county}), or JSON.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Rebuild a tick of a geographic session's hex journal (PostgreSQL) from its territory and activity journals"
                + " and print every hex of the chosen counties (the whole map without --county): the county's economics, the"
                + " hex's activity, its terrain and factions. Only reads the database.")
final class ReconstructCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Mixin
    SessionSource source;

    @Option(names = "--tick", paramLabel = "T", description = "Tick to rebuild (default: the tick the hex cache is at).")
    Integer tick;

    @Option(names = "--county", paramLabel = "FIPS", description = "A county's 5-digit FIPS code; repeat for several. Default: every county.")
    List<String> counties = List.of();

    @Override
    public Integer call() throws java.io.IOException {
        SessionSource.Resolved resolved = source.resolve();
        BackendSpec backend = resolved.backend();
        if (backend.kind() != BackendSpec.Kind.POSTGRES) {
            throw new CliException("--from " + backend + ": the hex journal is kept on PostgreSQL only; give postgres:JDBC_URL",
                    ExitCodes.USAGE);
        }
        UUID sessionId = resolved.sessionId();
        List<HexState> hexes;
        try {
            hexes = HexReconstruction.read(backend.postgresUrl(), PostgresOptions.defaults(), sessionId, tick, counties);
        } catch (PersistenceException e) {
            int code = e.problem() == TickstoreException.Problem.INVALID_INPUT ? ExitCodes.USAGE : ExitCodes.FAILURE;
            throw new CliException(e.getMessage() + whatToDo(e.problem(), backend), code);
        }
        PrintWriter out = spec.commandLine().getOut();
        int at = hexes.get(0).tick();
        if (common.json) {
            var json = Json.object();
            json.put("backend", backend.toString());
            json.put("session", sessionId.toString());
            json.put("tick", at);
            json.set("hexes", Json.tree(hexes));
            Json.print(out, json);
        } else {
            out.printf("session %s tick %d: %,d hexes in %,d counties%n", sessionId, at, hexes.size(),
                    hexes.stream().map(HexState::countyFips).distinct().count());
            out.printf("%-15s %-5s %12s %7s %7s %7s %7s %-16s %7s %7s %4s %4s %-10s %-10s %5s %5s %5s %5s %5s%n", "h3_index", "fips",
                    "pop_total", "profit", "exploit", "occ", "rent", "dominant", "heat", "dheat", "orgs", "acts", "response",
                    "terrain", "water", "inet", "left", "centr", "right");
            for (HexState h : hexes) {
                HexState.Economy e = h.economy();
                HexState.Activity a = h.activity();
                HexState.Terrain t = h.terrain();
                HexState.Factions f = h.factions();
                out.printf("%-15s %-5s %12d %7.3f %7.3f %7.3f %7.3f %-16s %7.3f %7.3f %4d %4d %-10s %-10s %5.2f %5.2f %5.2f %5.2f %5.2f%n",
                        h.h3Index(), h.countyFips(), e.popTotal(), e.profitRate(), e.exploitationRate(), e.occ(), e.imperialRent(),
                        e.dominantClass(), a.heat(), a.heatDelta(), a.orgCount(), a.actionsTaken(), a.responseMode(), t.terrainType(),
                        t.waterCoverage(), t.internetAccess(), f.left(), f.center(), f.right());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String whatToDo(TickstoreException.Problem problem, BackendSpec backend) {
        switch (problem) {
            case NO_JOURNAL:
                return "; check --from, or journal a geographic run there with ./tickstore run --sim geo --persist "
                        + Units.quoted(backend.toString());
            case NO_SUCH_TICK:
                return "; the territory journal holds the persisted ticks only";
            default:
                return "";
        }
    }
}
