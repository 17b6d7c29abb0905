package io.tickstore.export;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.internal.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The export formats by name: the ones of this module, and any other module's listed in
 * {@code META-INF/services/io.tickstore.export.ExportFormat} (see {@link ExportFormat}).
 */
public final class ExportFormats {
    /** The formats of this module. */
    private static final List<ExportFormat> BUILT_IN = List.of(new ArrowFileFormat(), new ArrowStreamFormat(), new CsvFormat(),
            new ParquetFormat());

    private ExportFormats() {
    }

    /** Every format, by name. */
    public static List<ExportFormat> all() {
        TreeMap<String, ExportFormat> byName = new TreeMap<>();
        for (ExportFormat format : BUILT_IN) {
            byName.put(format.name(), format);
        }
        for (ExportFormat format : ServiceLoader.load(ExportFormat.class, ExportFormats.class.getClassLoader())) {
            byName.putIfAbsent(format.name(), format);
        }
        return List.copyOf(byName.values());
    }

    /** The names of every format, sorted. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        all().forEach(f -> names.add(f.name()));
        return names;
    }

    /**
     * The format called {@code name}, ignoring case; an {@link Problem#INVALID_ARGUMENT} error listing the formats
     * (and the close ones) when there is none.
     */
    public static ExportFormat named(String name) {
        for (ExportFormat format : all()) {
            if (format.name().equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        List<String> names = names();
        throw new TickstoreException(Problem.INVALID_ARGUMENT, "no export format '" + name + "' (formats: " + String.join(", ", names)
                + ")" + DidYouMean.suffix(name, names));
    }
}
