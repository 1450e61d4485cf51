package dev.jplay.modules.files;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testhosts.SshTestHosts;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** unarchive of a controller archive over real SSH (host h1 of testhosts/sshd-hosts.sh): sent, unpacked once, temp copy gone. */
@Tag("sshhosts")
class UnarchiveSshTest {
    @TempDir
    Path tmp;

    @Test
    void aControllerArchiveIsSentUnpackedOnceAndItsCopyRemoved() throws Exception {
        SshTestHosts hosts = SshTestHosts.require();
        Path tree = Files.createDirectories(tmp.resolve("tree/top"));
        Files.writeString(tree.resolve("f.txt"), "over ssh\n");
        Path src = tmp.resolve("a.tar.gz");
        assertEquals(0, new ProcessBuilder("tar", "-C", tmp.resolve("tree").toString(), "-czf", src.toString(), "top").start().waitFor());
        try (Connection c = hosts.connect("h1", SshTestHosts.SUDO_USER)) {
            c.exec(ExecRequest.of("rm -rf /tmp/jplay-unarchive-ssh; mkdir /tmp/jplay-unarchive-ssh"));
            Map<String, Object> args = Map.of("src", src.toString(), "dest", "/tmp/jplay-unarchive-ssh");
            ModuleResult first = ModuleTestKit.of(new UnarchiveModule()).on(c).baseDir(tmp).run(args);
            assertTrue(first.changed(), first.toString());
            assertEquals("over ssh\n", c.exec(ExecRequest.of("cat /tmp/jplay-unarchive-ssh/top/f.txt")).out());
            ModuleResult second = ModuleTestKit.of(new UnarchiveModule()).on(c).baseDir(tmp).run(args);
            assertFalse(second.changed(), second.toString());
            assertEquals("", c.exec(ExecRequest.of("ls -d ${TMPDIR:-/tmp}/jplay-unarchive.* 2>/dev/null; true")).out());
            c.exec(ExecRequest.of("rm -rf /tmp/jplay-unarchive-ssh"));
        }
    }
}
