package io.tickstore.snapshot.verify;

import java.nio.file.Path;

/**
 * One file's verdict.
 *
 * @param path     the file
 * @param expected the CRC32C the manifest records (8 hex digits), or null when unknown
 * @param actual   the CRC32C of the bytes on disk, or null when they could not be checksummed
 * @param status   the verdict
 * @param detail   what is wrong, in words ("" when OK)
 */
public record FileCheck(Path path, String expected, String actual, CheckStatus status, String detail) {
    public boolean ok() {
        return status == CheckStatus.OK;
    }

    @Override
    public String toString() {
        return status + " " + path + (expected == null ? "" : " expected " + expected)
                + (actual == null ? "" : " actual " + actual) + (detail.isEmpty() ? "" : ": " + detail);
    }
}
