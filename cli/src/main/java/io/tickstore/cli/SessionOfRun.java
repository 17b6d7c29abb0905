package io.tickstore.cli;

import io.tickstore.backends.Journal;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RunSettings;
import io.tickstore.snapshot.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The journal session {@code hydrate --session} names: a session id as such, or a run, whose {@code run.json} keeps the
 * id of the session it was journaled as ({@value Journal#SESSION_ATTRIBUTE}) and how to reach that journal
 * ({@value Journal#SPEC_ATTRIBUTE}).
 *
 * @param sessionId the session
 * @param journal the journal's spec as the run keeps it (never with a password), or null for an id given as such
 */
record SessionOfRun(UUID sessionId, String journal) {
    /** A UUID as is; anything else as a run directory, or a run's name in {@code store}. */
    static SessionOfRun resolve(String session, Path store) throws IOException {
        try {
            return new SessionOfRun(UUID.fromString(session), null);
        } catch (IllegalArgumentException notAnId) {
            // a run, then
        }
        Path runDir = !Files.isDirectory(Path.of(session)) && Store.RUN_NAME.matcher(session).matches() ? store.resolve(session)
                : Path.of(session);
        if (!Files.isDirectory(runDir)) {
            throw new CliException("--session " + session + ": neither a session id (a UUID) nor a run (no directory " + runDir
                    + ")" + runsLike(session, store));
        }
        if (!Files.isRegularFile(runDir.resolve("run.json"))) {
            throw new CliException(runDir + ": has no run.json, so it names no journal session; give the session id", ExitCodes.USAGE);
        }
        RunSettings settings = Recording.readSettings(runDir);
        String id = settings.attribute(Journal.SESSION_ATTRIBUTE).orElseThrow(() -> new CliException(runDir
                + ": the run was not journaled (its run.json holds no " + Journal.SESSION_ATTRIBUTE + "); journal a run with"
                + " ./tickstore run --persist BACKEND"));
        return new SessionOfRun(UUID.fromString(id), settings.attribute(Journal.SPEC_ATTRIBUTE).orElse(null));
    }

    private static String runsLike(String name, Path store) {
        try {
            if (!Files.isDirectory(store)) {
                return "";
            }
            List<String> runs = Store.runsIn(store);
            String close = io.tickstore.columns.internal.DidYouMean.suffix(name, runs);
            return close.isEmpty() ? (runs.isEmpty() ? "" : " (runs in " + store + ": " + String.join(", ", runs) + ")") : close;
        } catch (IOException e) {
            return "";
        }
    }
}
