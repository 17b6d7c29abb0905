package io.tickstore.snapshot.replay;

import io.tickstore.snapshot.TickstoreFileException;
import java.nio.file.Path;

/**
 * A tick cannot be rebuilt: there is no snapshot to start from ({@link Problem#NO_SNAPSHOT}), the tick is after
 * the log's end ({@link Problem#TICK_AFTER_LOG}), a record makes no sense at its tick
 * ({@link Problem#INCONSISTENT_RECORD}), or the log does not continue the world it is applied to
 * ({@link Problem#WORLD_MISMATCH}); always a problem of {@link Area#REPLAY}. The message starts with the path at
 * fault (the run, the log, or the segment holding the record, with the chunk, record and tick after it). Nothing on
 * disk is changed by a replay that fails.
 */
public class ReplayException extends TickstoreFileException {
    private static final long serialVersionUID = 1L;

    public ReplayException(Path file, Problem problem, String detail) {
        super(file, problem, detail);
        assert problem.area() == Area.REPLAY : problem + " is not a replay problem";
    }
}
