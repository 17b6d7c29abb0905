package io.tickstore.cli;

import io.tickstore.backends.TickJournal;
import io.tickstore.recording.RecordingStats;
import io.tickstore.recording.ResumeReport;
import io.tickstore.recording.RunSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one invocation of {@code run} (fresh or resumed) did: read from the recording before it closed.
 *
 * @param runDir the run directory
 * @param settings the run's settings
 * @param stats what the recording did: ticks, births and deaths, snapshots, stalls, the log
 * @param finalRows rows across the world's tables at the end
 * @param resumed on resume, what it found
 * @param worldHash the world's content hash at the end
 * @param journal with {@code --persist}, the journal that followed the run
 * @param exitCode {@link ExitCodes#OK}, or 128 + the signal that stopped the run early (130 for Ctrl-C)
 */
record RunOutcome(Path runDir, RunSettings settings, RecordingStats stats, long finalRows, Optional<ResumeReport> resumed,
                  String worldHash, Optional<TickJournal> journal, int exitCode) {
}
