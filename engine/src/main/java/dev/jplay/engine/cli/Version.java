package dev.jplay.engine.cli;

import picocli.CommandLine;

/** {@code jplay --version}. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"jplay " + (v == null ? "0.1.0" : v) + " (Java " + System.getProperty("java.version") + ")"};
    }
}
