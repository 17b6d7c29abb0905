package io.tickstore.export;

import io.tickstore.columns.Table;
import java.io.IOException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A file format a table can be exported in: one implementation per format, found by name through
 * {@link ExportFormats}. A format writes one table into one {@link OutputTarget}; {@link WorldExport} writes every
 * table of a world into a directory, one file each, and the {@code ./tickstore export} command picks formats by
 * {@link #name()}.
 *
 * <p>Adding a format is one class: implement this interface and list it in {@link ExportFormats} (a format of this
 * module), or make it public with a public no-argument constructor and name it in
 * {@code META-INF/services/io.tickstore.export.ExportFormat} (a format in a module of its own, with its own
 * dependencies). A format that can be written front to back (every format here) streams to a FIFO or standard
 * output; one that must seek in its file says so in {@link #streams()}, and is written through
 * {@link OutputTarget#writeFile}.
 */
public interface ExportFormat {
    /** The name users type ({@code --format arrow}): lower case, unique. */
    String name();

    /** The extension of the file one table is written to, with its dot ({@code .arrow}). */
    String extension();

    /** One line saying what the format is and who reads it. */
    String description();

    /** Whether the format can be written as a stream (a pipe, standard output); false when it needs a regular file. */
    default boolean streams() {
        return true;
    }

    /**
     * Writes every live row of {@code table}, in slot order, its entity id first, to {@code out}.
     *
     * @param metadata key-value pairs a format with room for them keeps ({@code tickstore.tick}: the world's tick)
     * @param allocator where a format that builds Arrow vectors allocates them
     */
    void write(Table table, Map<String, String> metadata, OutputTarget out, BufferAllocator allocator) throws IOException;
}
