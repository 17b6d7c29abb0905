package io.tickstore.cli;

import io.tickstore.recording.Recording;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while {@code run} records: the first asks the recording for a graceful stop (the tick in
 * progress finishes, the log is flushed, the last complete tick is checkpointed, nothing is published half-written,
 * the run's status becomes interrupted); a second stops the process at once, as a kill would, which the run survives
 * too (a resume drops the torn tail). The JVM's own handlers would start its shutdown at the first signal, where no
 * tick could finish and a second Ctrl-C would do nothing, so these replace them while the loop runs and restore them
 * after.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only way a Java program handles a signal itself; it has
 * been in every JDK from 8 to 25.
 */
final class StopSignals implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Recording recording;
    private final PrintWriter err;
    private final String resumeCommand;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal received;

    private StopSignals(Recording recording, PrintWriter err, String resumeCommand) {
        this.recording = recording;
        this.err = err;
        this.resumeCommand = resumeCommand;
    }

    /** Handles SIGINT and SIGTERM for {@code recording} until closed. */
    static StopSignals install(Recording recording, PrintWriter err, String resumeCommand) {
        StopSignals signals = new StopSignals(recording, err, resumeCommand);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                signals.previous.put(signal, Signal.handle(signal, signals::received));
            } catch (IllegalArgumentException refused) {
                // the JVM keeps this signal for itself (-Xrs, or a platform without it): its default stays
            }
        }
        return signals;
    }

    private void received(Signal signal) {
        if (received == null) {
            received = signal;
            recording.requestStop();
            err.println("tickstore: SIG" + signal.getName() + ": finishing the tick in progress, then stopping (the log is flushed,"
                    + " the last tick checkpointed); press Ctrl-C again to stop at once");
            err.flush();
            return;
        }
        err.println("tickstore: SIG" + signal.getName() + " again: stopped at once; the run resumes from its last complete chunk"
                + " with " + resumeCommand);
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.ofSignal(signal.getNumber()));
    }

    /** Whether a signal asked the run to stop. */
    boolean stopped() {
        return received != null;
    }

    /** The exit code of a process ended by the signal received: 128 plus its number (130 for SIGINT, 143 for SIGTERM). */
    int exitCode() {
        return ExitCodes.ofSignal(received.getNumber());
    }

    /** Restores the handlers there were before. */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
