package dev.jplay.engine.cli;

import picocli.CommandLine;

/** {@code jplay --version}: jplay's version and commit, then the Java running it (as ansible-playbook names its python). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.load();
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("jplay " + build.version() + " (commit " + build.commit() + ")");
        lines.add("  java version = " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ") ("
                + System.getProperty("java.home") + ")");
        // the Ansible configuration in effect, as ansible-playbook --version names its config file
        lines.addAll(dev.jplay.engine.config.AnsibleConfig.active().describe());
        return lines.toArray(String[]::new);
    }
}
