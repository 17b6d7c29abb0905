/**
 * The {@code ./tickstore} command: one class per command, each parsing its arguments, asking the libraries and
 * printing what they did.
 *
 * <p><b>Purpose.</b> The lifecycles are the libraries' ({@code Recording} records, resumes and stops a run,
 * {@code RunHistory} rebuilds a tick, {@code Journal} and the backends journal and hydrate, the export formats write);
 * a command only turns a command line into calls and their results into text or JSON. The helpers here are about the
 * command line itself: {@code SnapshotAddress} (a tick as a user names it: a directory, {@code RUN@T},
 * {@code RUN@latest}, {@code RUN --tick T}, a store of one run), {@code SessionOfRun} (a journal session by its run),
 * {@code StopSignals} (Ctrl-C and SIGTERM during {@code run}), {@code ProgressBar}, {@code Units} (sizes, tick lists,
 * words quoted for a shell), {@code ErrorMessages} (any failure as one line).
 *
 * <p><b>Hot paths.</b> None of its own: {@code cat} reads mapped columns value by value, which is the mmap reader's.
 *
 * <p><b>Threads.</b> The command's thread; the signal handlers run on the JVM's signal thread and only ask the recording
 * to stop (or halt the process at a second signal).
 *
 * <p><b>Errors.</b> Every failure is one line on stderr, {@code tickstore: } and the thing at fault first, with the
 * fix when there is one; exit codes in {@link io.tickstore.cli.ExitCodes} (0, 1, 2, and 128 + a signal for a stopped
 * run). A read-only command creates and changes nothing, given what exists or not.
 */
package io.tickstore.cli;
