package io.tickstore.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's version and the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "tickstore " + (version == null ? "(development build)" : version),
            "JVM " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
