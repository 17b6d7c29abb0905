package io.tickstore.snapshot.eventlog;

import io.tickstore.snapshot.TickstoreFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * An event log cannot be read or appended to: a log file is damaged or not what the format says, belongs to
 * another run, or contradicts the codebook; or the log is damaged where a crash cannot have torn it. The message
 * starts with the file at fault (a segment, the codebook, the append counter, the log directory) and names the
 * chunk and its offset where they are known, which {@link #sequence()} and {@link #offset()} also give.
 *
 * <p>{@link #problem()} is of {@link Area#LOG} ({@link Problem#FOREIGN_RUN}, {@link Problem#CODEBOOK_MISMATCH},
 * {@link Problem#DAMAGED_CHUNK}, {@link Problem#LOG_CHANGED}), or of {@link Area#FORMAT} for a log file whose bytes
 * are not what FORMAT.md says (a codebook that fails its checksum, a chunk header cut short). Only the last chunk of a
 * log can be torn by a crash, and readers skip it rather than fail; a chunk that fails anywhere else is
 * {@link Problem#DAMAGED_CHUNK}, whose cause is the chunk's own failure.
 */
public class EventLogException extends TickstoreFileException {
    private static final long serialVersionUID = 1L;

    private final long sequence;
    private final long offset;

    public EventLogException(Path file, Problem problem, String detail) {
        this(file, -1, -1, problem, detail, null);
    }

    public EventLogException(Path file, Problem problem, String detail, Throwable cause) {
        this(file, -1, -1, problem, detail, cause);
    }

    /** A failure at a chunk of a segment; see {@link #EventLogException(Path, long, long, Problem, String, Throwable)}. */
    public EventLogException(Path file, long sequence, long offset, Problem problem, String detail) {
        this(file, sequence, offset, problem, detail, null);
    }

    /**
     * A failure at a chunk of a segment.
     *
     * @param sequence the chunk's sequence, or -1 when it is not known (the header is damaged)
     * @param offset where the chunk starts in {@code file}, or -1 when the failure is not at one place
     */
    public EventLogException(Path file, long sequence, long offset, Problem problem, String detail, Throwable cause) {
        super(file, problem, detail, cause);
        assert problem.area() == Area.LOG || problem.area() == Area.FORMAT : problem + " is not an event log problem";
        this.sequence = sequence;
        this.offset = offset;
    }

    /** The sequence of the chunk at fault, when known. */
    public OptionalLong sequence() {
        return sequence < 0 ? OptionalLong.empty() : OptionalLong.of(sequence);
    }

    /** Where in {@link #file()} the chunk at fault starts, when known. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }
}
