package io.tickstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the build's version and the JVM it runs on. The version comes from {@code version.properties}, which the build
 * fills in from the pom, so it is right in the jar and on the tests' class path alike.
 */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "tickstore " + version(),
            "JVM " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** The version the build wrote, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is missing from a broken build: said below
        }
        String version = properties.getProperty("version", "");
        return version.isEmpty() || version.startsWith("${") ? "(version unknown: built without Maven)" : version;
    }
}
