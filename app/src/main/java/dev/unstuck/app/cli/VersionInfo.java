package dev.unstuck.app.cli;

import picocli.CommandLine;

/** The version printed by `unstuck --version`, read from the jar's manifest when there is one. */
public final class VersionInfo implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionInfo.class.getPackage().getImplementationVersion();
        return new String[] {
            "unstuck " + (version == null ? "0.1.0-SNAPSHOT" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
