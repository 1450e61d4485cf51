package dev.jplay.engine.connection.ssh;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshCommandLineArgsTest {

    @Test
    void honouredOptionsInEveryFormOpenSshAccepts() {
        SshCommandLineArgs a = SshCommandLineArgs.parse(
                "-o StrictHostKeyChecking=accept-new -oUserKnownHostsFile=/tmp/kh -o 'Port 2201' -i ~/.ssh/k1 -i/k2 -F /etc/cfg");
        assertEquals("accept-new", a.options().get("stricthostkeychecking"));
        assertEquals("/tmp/kh", a.options().get("userknownhostsfile"));
        assertEquals("2201", a.options().get("port"));
        assertEquals(List.of("~/.ssh/k1", "/k2"), a.identityFiles());
        assertEquals("/etc/cfg", a.configFile());
        assertTrue(a.warnings().isEmpty(), a.warnings().toString());
    }

    @Test
    void firstValueWinsAndExtraArgsComeAfterCommonArgs() {
        SshCommandLineArgs a = SshCommandLineArgs.parse("-o Port=1", "-p 2 -o Port=3");
        assertEquals("1", a.options().get("port"));
    }

    @Test
    void unsupportedOptionsAreIgnoredWithWarningsHarmlessOnesQuietly() {
        SshCommandLineArgs a = SshCommandLineArgs.parse(
                "-C -o ControlMaster=auto -o ControlPersist=60s -o ProxyJump=bastion -J bastion -A -o ForwardAgent=yes");
        assertEquals(List.of(
                "ssh option -o ProxyJump is not supported by jplay and is ignored",
                "ssh argument '-J' is not supported by jplay and is ignored",
                "ssh argument 'bastion' is not supported by jplay and is ignored",
                "ssh argument '-A' is not supported by jplay and is ignored",
                "ssh option -o ForwardAgent is not supported by jplay and is ignored"), a.warnings());
    }

    @Test
    void shellQuotingIsUnderstood() {
        assertEquals(List.of("-o", "ProxyCommand=ssh -W %h:%p bastion", "it's", "a b"),
                SshCommandLineArgs.shellWords("-o 'ProxyCommand=ssh -W %h:%p bastion' \"it's\" a\\ b"));
    }

    @Test
    void nothingGivenNothingParsed() {
        SshCommandLineArgs a = SshCommandLineArgs.parse(null, "  ");
        assertTrue(a.options().isEmpty());
        assertNull(a.configFile());
    }
}
