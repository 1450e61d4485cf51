package dev.jplay.engine.connection.ssh;

import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SshConfigFileTest {

    @TempDir
    Path tmp;

    private SshConfigFile parse(String text) {
        return SshConfigFile.parse(text, tmp.resolve("config"), tmp);
    }

    @Test
    void firstValueWinsAcrossMatchingBlocks() {
        SshConfigFile c = parse("""
                Host web*
                  User deploy
                  Port 2200
                Host *
                  User nobody
                  Port 22
                  HostName %h.example.com
                """);
        SshConfigFile.HostConfig web = c.lookup("web1");
        assertEquals("deploy", web.value("User"));
        assertEquals("2200", web.value("port"));
        assertEquals("%h.example.com", web.value("HostName"));
        SshConfigFile.HostConfig db = c.lookup("db1");
        assertEquals("nobody", db.value("USER"));
    }

    @Test
    void globalLinesBeforeTheFirstHostApplyToAll() {
        SshConfigFile c = parse("User everyone\nHost x\n  User xuser\n");
        assertEquals("everyone", c.lookup("x").value("User"), "first value wins, as in OpenSSH");
    }

    @Test
    void identityFilesAccumulateInOrder() {
        SshConfigFile c = parse("""
                Host a
                  IdentityFile ~/.ssh/a_key
                Host *
                  IdentityFile ~/.ssh/id_ed25519
                """);
        assertEquals(List.of("~/.ssh/a_key", "~/.ssh/id_ed25519"), c.lookup("a").all("IdentityFile"));
        assertEquals(List.of("~/.ssh/id_ed25519"), c.lookup("b").all("IdentityFile"));
    }

    @Test
    void patternsWildcardsAndNegation() {
        assertTrue(SshConfigFile.matchesHostPatterns(List.of("*.example.com"), "a.example.com"));
        assertFalse(SshConfigFile.matchesHostPatterns(List.of("*.example.com"), "example.com"));
        assertTrue(SshConfigFile.matchesHostPatterns(List.of("h?"), "h1"));
        assertFalse(SshConfigFile.matchesHostPatterns(List.of("h?"), "h10"));
        assertTrue(SshConfigFile.matchesHostPatterns(List.of("*", "!bastion"), "web"));
        assertFalse(SshConfigFile.matchesHostPatterns(List.of("*", "!bastion"), "bastion"));
        assertFalse(SshConfigFile.matchesHostPatterns(List.of("!bastion"), "web"), "a negation alone matches nothing");
        assertTrue(SshConfigFile.matchesHostPatterns(List.of("WEB1"), "web1"), "host names are case-insensitive");
    }

    @Test
    void equalsSignQuotesAndComments() {
        SshConfigFile c = parse("""
                # comment
                Host=q
                  IdentityFile = "/path with spaces/key"   # trailing comment
                  UserKnownHostsFile /a/known_hosts /b/known_hosts
                """);
        SshConfigFile.HostConfig q = c.lookup("q");
        assertEquals(List.of("/path with spaces/key"), q.all("IdentityFile"));
        assertEquals(List.of("/a/known_hosts", "/b/known_hosts"), q.args("UserKnownHostsFile"));
    }

    @Test
    void matchAllAppliesOtherMatchBlocksAreIgnoredWithAWarning() {
        SshConfigFile c = parse("""
                Match exec "true"
                  User fromexec
                Match all
                  Port 2022
                """);
        SshConfigFile.HostConfig h = c.lookup("h");
        assertNull(h.value("User"));
        assertEquals("2022", h.value("Port"));
        assertTrue(h.warnings().stream().anyMatch(w -> w.contains("only 'Match all' is supported")), h.warnings().toString());
    }

    @Test
    void proxyJumpIsReportedBecauseIgnoringItChangesTheRoute() {
        SshConfigFile.HostConfig h = parse("Host inner\n  ProxyJump bastion\n").lookup("inner");
        assertEquals(List.of(tmp.resolve("config") + ":2: ProxyJump is not supported by jplay; connecting to inner directly"),
                h.warnings());
    }

    @Test
    void includeReadsRelativeToTheSshDirAndKeepsTheHostContext() throws Exception {
        Files.createDirectories(tmp.resolve("conf.d"));
        Files.writeString(tmp.resolve("conf.d/10-web.conf"), "Host web\n  User webuser\n");
        Files.writeString(tmp.resolve("conf.d/20-db.conf"), "Host db\n  User dbuser\n");
        SshConfigFile c = parse("Include conf.d/*.conf\nHost *\n  User other\n");
        assertEquals("webuser", c.lookup("web").value("User"));
        assertEquals("dbuser", c.lookup("db").value("User"));
        assertEquals("other", c.lookup("x").value("User"));
    }

    @Test
    void readingAMissingFileGivesAnEmptyConfig() {
        assertNull(SshConfigFile.read(tmp.resolve("nope"), tmp).lookup("x").value("User"));
    }

    @Test
    void badLinesAreInputErrorsWithFileAndLine() {
        InputError e = assertThrows(InputError.class, () -> parse("Host a\n  Port twenty-two\n"));
        assertTrue(e.describe().startsWith(tmp.resolve("config") + ":2"), e.describe());
        assertTrue(e.getMessage().contains("expects a number"), e.getMessage());
        InputError q = assertThrows(InputError.class, () -> parse("IdentityFile \"unterminated\n"));
        assertTrue(q.describe().contains(":1"), q.describe());
        InputError h = assertThrows(InputError.class, () -> parse("Host\n"));
        assertTrue(h.getMessage().contains("Host needs at least one pattern"));
    }
}
