package io.tickstore.jmh.regress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes result files; a file that is not one is reported with its path and what is wrong. */
final class RunResults {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunResults() {
    }

    static RunResult read(Path file) {
        RunResult result;
        try {
            result = JSON.readValue(Files.readAllBytes(file), RunResult.class);
        } catch (NoSuchFileException e) {
            throw new TickstoreException(Problem.MISSING_FILE, file + ": no such result file");
        } catch (JsonProcessingException e) {
            throw new TickstoreException(Problem.BAD_HEADER, file + ": not a benchmark result file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TickstoreException(Problem.IO, file + ": cannot read: " + e.getMessage(), e);
        }
        if (result.format() != RunResult.FORMAT) {
            throw new TickstoreException(Problem.UNSUPPORTED_VERSION, file + ": result file format " + result.format()
                    + ", this code reads format " + RunResult.FORMAT);
        }
        if (result.ratios() == null || result.measurements() == null) {
            throw new TickstoreException(Problem.BAD_HEADER, file + ": a result file needs \"measurements\" and \"ratios\"");
        }
        return result;
    }

    static void write(RunResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(file, JSON.writeValueAsBytes(result));
        } catch (IOException e) {
            throw new TickstoreException(Problem.IO, file + ": cannot write the result file: " + e.getMessage(), e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
