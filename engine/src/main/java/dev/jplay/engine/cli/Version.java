package dev.jplay.engine.cli;

import picocli.CommandLine;

/** {@code jplay --version}: jplay's version and commit, then the Java running it (as ansible-playbook names its python). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.load();
        return new String[] {
            "jplay " + build.version() + " (commit " + build.commit() + ")",
            "  java version = " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ") ("
                    + System.getProperty("java.home") + ")",
        };
    }
}
