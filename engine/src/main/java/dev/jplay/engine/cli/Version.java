package dev.jplay.engine.cli;

import picocli.CommandLine;

/** {@code jplay --version}. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add("jplay " + (v == null ? "0.1.0" : v) + " (Java " + System.getProperty("java.version") + ")");
        // the Ansible configuration in effect, as ansible-playbook --version names its config file
        lines.addAll(dev.jplay.engine.config.AnsibleConfig.active().describe());
        return lines.toArray(String[]::new);
    }
}
