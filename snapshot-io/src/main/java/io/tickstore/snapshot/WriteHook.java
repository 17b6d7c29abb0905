package io.tickstore.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Called by {@link SnapshotWriter} at every {@link WriteStep}, on the writing thread. Tests use it to stop a
 * write at a chosen point: a hook that throws makes the write fail exactly as a crash or an interrupt there
 * would, and the writer then removes its temporary directory. A hook may also inspect (or copy) the
 * temporary directory to see what a crash at that point would leave behind.
 */
@FunctionalInterface
public interface WriteHook {
    /** A hook that does nothing: the default. */
    WriteHook NONE = (step, temporaryDir) -> { };

    /**
     * @param step         the step just reached
     * @param temporaryDir the hidden directory the snapshot is being written into
     */
    void reached(WriteStep step, Path temporaryDir) throws IOException;
}
