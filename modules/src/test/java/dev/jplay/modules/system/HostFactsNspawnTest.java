package dev.jplay.modules.system;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionFactory;
import dev.jplay.engine.connection.ssh.SshEnvironment;
import dev.jplay.engine.connection.ssh.SshOptions;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testhosts.NspawnHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * service_facts, package_facts, debconf, modprobe and seboolean over SSH as root on the real systemd host
 * (testhosts/nspawn-host.sh up sy2 132; another with -Djplay.nspawn.mods-host). A container cannot load
 * kernel modules, so modprobe is tested for its boot files and its refusal message.
 */
@Tag("nspawn")
class HostFactsNspawnTest {

    private static NspawnHost host;
    private static Connection root;

    @BeforeAll
    static void connect() throws Exception {
        host = NspawnHost.require(System.getProperty("jplay.nspawn.mods-host", "sy2"));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("ansible_host", host.ip());
        vars.put("ansible_user", "root");
        vars.put("ansible_ssh_private_key_file", host.privateKey().toString());
        vars.put("jplay_ssh_known_hosts_file", host.knownHosts().toString());
        vars.put("jplay_ssh_config_file", "none");
        root = ConnectionFactory.open(host.name(), vars, SshOptions.NONE, SshEnvironment.current(), w -> { });
    }

    @AfterAll
    static void cleanUp() {
        if (host != null) {
            host.run("root", "rm -f /etc/modules-load.d/jplay_dummy.conf /etc/modprobe.d/jplay_dummy.conf /etc/modprobe.d/jplay-old.conf; "
                    + "echo 'debconf debconf/priority select high' | debconf-set-selections; true");
        }
        if (root != null) {
            root.close();
        }
    }

    private static String out(String command) {
        NspawnHost.RemoteResult r = host.run("root", command);
        assertTrue(r.succeeded(), r.describe());
        return r.out();
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceFactsSeeTheRunningSshdAndAMaskedUnit() {
        ModuleResult r = new RealRun(root).run(new ServiceFactsModule(), Map.of());
        assertFalse(r.failed(), r.toString());
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) r.facts().get("services");
        assertEquals(Map.of("name", "ssh.service", "state", "running", "status", "enabled", "source", "systemd"), services.get("ssh.service"));
        assertEquals("masked", services.get("console-getty.service").get("status"));
        assertEquals("sysv", services.get("ssh").get("source"));
        String enabled = out("systemctl is-enabled cni-dhcp.service || true").strip();
        assertEquals(enabled, services.get("cni-dhcp.service").get("status"));
        assertEquals("inactive", services.get("cni-dhcp.service").get("state"), "a unit file not loaded gets its ActiveState");
    }

    @Test
    @SuppressWarnings("unchecked")
    void packageFactsListEveryInstalledPackageWithItsVersion() {
        ModuleResult r = new RealRun(root).run(new PackageFactsModule(), Map.of());
        assertFalse(r.failed(), r.toString());
        Map<String, List<Map<String, Object>>> packages = (Map<String, List<Map<String, Object>>>) r.facts().get("packages");
        String version = out("dpkg-query -W -f='${Version}' bash");
        assertEquals(Map.of("name", "bash", "version", version, "arch", out("dpkg-query -W -f='${Architecture}' bash"),
                "category", "shells", "origin", "Debian", "source", "apt"), packages.get("bash").get(0));
        int installed = Integer.parseInt(out("dpkg-query -W -f='${db:Status-Abbrev}\\n' | grep -c '^.[^nc]'").strip());
        assertEquals(installed, packages.values().stream().mapToInt(List::size).sum());
    }

    @Test
    void debconfSetsAnAnswerOnceAndThenLeavesItAlone() {
        Map<String, Object> args = Map.of("name", "debconf", "question", "debconf/priority", "vtype", "select", "value", "critical");
        out("echo 'debconf debconf/priority select high' | debconf-set-selections");
        ModuleResult check = new RealRun(root).check(true).run(new DebconfModule(), args);
        assertTrue(check.changed(), check.toString());
        assertTrue(out("debconf-show debconf").contains("debconf/priority: high"), "check mode changed nothing");
        ModuleResult first = new RealRun(root).diff(true).run(new DebconfModule(), args);
        assertTrue(first.changed(), first.toString());
        assertEquals(1, first.diffs().size());
        assertTrue(out("debconf-show debconf").contains("debconf/priority: critical"));
        ModuleResult second = new RealRun(root).run(new DebconfModule(), args);
        assertFalse(second.changed(), second.toString());
    }

    @Test
    void modprobePersistentFilesAreWrittenOnceAndCommentedOutOnAbsent() {
        out("rm -f /etc/modules-load.d/jplay_dummy.conf /etc/modprobe.d/jplay_dummy.conf; "
                + "printf '# old\\noptions jplay_dummy numdummies=1\\n' > /etc/modprobe.d/jplay-old.conf");
        // The module is not loaded and cannot be in a container: state=absent leaves the kernel alone and touches only the files.
        Map<String, Object> present = Map.of("name", "jplay_dummy", "state", "absent", "params", "numdummies=2", "persistent", "present");
        ModuleResult first = new RealRun(root).diff(true).run(new ModprobeModule(), present);
        assertFalse(first.failed(), first.toString());
        assertTrue(first.changed());
        assertEquals("jplay_dummy\n.", out("cat /etc/modules-load.d/jplay_dummy.conf; echo ."));
        assertEquals("options jplay_dummy numdummies=2\n.", out("cat /etc/modprobe.d/jplay_dummy.conf; echo ."));
        assertEquals("# old\n#options jplay_dummy numdummies=1\n.", out("cat /etc/modprobe.d/jplay-old.conf; echo ."), "the old params are commented out");
        assertEquals("644", out("stat -c %a /etc/modprobe.d/jplay_dummy.conf").strip());
        ModuleResult second = new RealRun(root).run(new ModprobeModule(), present);
        assertFalse(second.changed(), second.toString());

        Map<String, Object> absent = Map.of("name", "jplay_dummy", "state", "absent", "persistent", "absent");
        ModuleResult off = new RealRun(root).run(new ModprobeModule(), absent);
        assertTrue(off.changed(), off.toString());
        assertEquals("#jplay_dummy\n.", out("cat /etc/modules-load.d/jplay_dummy.conf; echo ."));
        assertEquals("#options jplay_dummy numdummies=2\n.", out("cat /etc/modprobe.d/jplay_dummy.conf; echo ."));
        assertFalse(new RealRun(root).run(new ModprobeModule(), absent).changed());
    }

    @Test
    void modprobeLoadingInAContainerFailsWithAReason() {
        ModuleResult r = new RealRun(root).run(new ModprobeModule(), Map.of("name", "dummy"));
        if (out("grep -q '^dummy ' /proc/modules && echo loaded || echo no").strip().equals("no")) {
            assertTrue(r.failed(), r.toString());
            assertTrue(r.msg().startsWith("modprobe dummy failed (rc "), r.msg());
        } else {
            assertFalse(r.failed(), "dummy is loaded on the machine, so present is already true: " + r);
            assertFalse(r.changed());
        }
    }

    @Test
    void sebooleanOnAHostWithoutSelinuxFailsClearly() {
        ModuleResult r = new RealRun(root).run(new SebooleanModule(), Map.of("name", "httpd_can_network_connect", "state", true));
        assertTrue(r.failed(), r.toString());
        assertEquals("SELinux is disabled on this host.", r.msg());
    }
}
