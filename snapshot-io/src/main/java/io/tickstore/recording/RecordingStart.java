package io.tickstore.recording;

import io.tickstore.columns.World;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an observer learns when a recording starts.
 *
 * @param runDir the run's directory
 * @param world the world at the starting tick (read it during the call; do not keep it)
 * @param settings the run's settings
 * @param resumed what the resume found, or empty for a new run
 * @param run the recording itself: observers keep attributes with the run ({@link Recording#setAttribute}) and
 *        rebuild earlier ticks ({@link Recording#history()})
 */
public record RecordingStart(Path runDir, World world, RunSettings settings, Optional<ResumeReport> resumed, Recording run) {
    public boolean isResume() {
        return resumed.isPresent();
    }
}
