package dev.jplay.modules.files;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.jplay.modules.files.LocalRunner.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * unarchive for real on this machine with its tar and unzip: each archive kind, from the controller and
 * with remote_src, changed once and then not (Ansible's idempotency), a changed file unpacked again,
 * check mode, creates, exclude, list_files, mode, refused extra_opts and a host without tar and unzip.
 */
class UnarchiveLocalTest {

    @TempDir
    Path tmp;

    /** An archive of top/a.txt, top/sub/b.txt made by the machine's own tools. */
    private Path archive(String kind) throws Exception {
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("top/sub"));
        Files.writeString(tree.resolve("top/a.txt"), "alpha\n");
        Files.writeString(tree.resolve("top/sub/b.txt"), "beta\n");
        Path out = tmp.resolve("pkg." + kind);
        String cmd = switch (kind) {
            case "zip" -> "cd " + tree + " && zip -qr " + out + " top";
            case "tar" -> "tar -C " + tree + " -cf " + out + " top";
            case "tar.gz", "tgz" -> "tar -C " + tree + " -czf " + out + " top";
            case "tar.bz2" -> "tar -C " + tree + " -cjf " + out + " top";
            case "tar.xz" -> "tar -C " + tree + " -cJf " + out + " top";
            default -> throw new IllegalArgumentException(kind);
        };
        Process p = new ProcessBuilder("sh", "-c", cmd).inheritIO().start();
        assertEquals(0, p.waitFor(), cmd);
        return out;
    }

    @ParameterizedTest
    @CsvSource({"zip,ZipArchive,false", "tar,TarArchive,true", "tar.gz,TgzArchive,false", "tgz,TgzArchive,true",
            "tar.bz2,TarArchive,false", "tar.xz,TarArchive,true"})
    void eachKindUnpacksOnceThenIsUnchanged(String kind, String handler, boolean remote) throws Exception {
        Path src = archive(kind);
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        LocalRunner run = new LocalRunner(new UnarchiveModule(), tmp);
        Map<String, Object> a = args("src", src.toString(), "dest", dest.toString(), "remote_src", remote);
        ModuleResult check = run.check(a);
        assertTrue(check.changed(), check.toString());
        assertFalse(Files.exists(dest.resolve("top")), "check mode unpacks nothing");
        ModuleResult first = run.ok(a);
        assertTrue(first.changed());
        assertEquals(handler, first.values().get("handler"));
        assertEquals("beta\n", Files.readString(dest.resolve("top/sub/b.txt")));
        ModuleResult second = run.ok(a);
        assertFalse(second.changed(), second.toString());
        assertFalse(run.check(a).changed());

        Files.writeString(dest.resolve("top/a.txt"), "edited\n");
        // an edit a moment later: tar --compare reports its time, which Ansible (and jplay) count; zip compares content
        Files.setLastModifiedTime(dest.resolve("top/a.txt"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
        assertTrue(run.ok(a).changed(), "an edited file is unpacked again");
        assertEquals("alpha\n", Files.readString(dest.resolve("top/a.txt")));
        Files.delete(dest.resolve("top/sub/b.txt"));
        assertTrue(run.ok(a).changed(), "a missing file is unpacked again");
        assertFalse(run.ok(a).changed());
        if (!remote) {
            try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("jplay-unarchive.")), "the uploaded copy is removed");
            }
        }
    }

    @Test
    void createsListFilesExcludeAndMode() throws Exception {
        Path src = archive("tar.gz");
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        LocalRunner run = new LocalRunner(new UnarchiveModule(), tmp);
        Map<String, Object> a = args("src", src.toString(), "dest", dest.toString(), "remote_src", true, "list_files", true,
                "exclude", List.of("top/sub/b.txt"), "mode", "0640");
        ModuleResult r = run.ok(a);
        assertTrue(r.changed());
        assertEquals(List.of("top/", "top/sub/", "top/a.txt"), r.values().get("files"));
        assertFalse(Files.exists(dest.resolve("top/sub/b.txt")), "excluded");
        assertEquals("0640", LocalRunner.mode(dest.resolve("top/a.txt")));
        assertFalse(run.ok(a).changed(), "second run: nothing to unpack, modes already right");
        Files.setPosixFilePermissions(dest.resolve("top/a.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        assertTrue(run.ok(a).changed(), "a mode that differs is a change");

        ModuleResult skipped = run.run(args("src", src.toString(), "dest", dest.toString(), "remote_src", true,
                "creates", dest.resolve("top").toString()));
        assertTrue(skipped.skipped(), skipped.toString());
        assertEquals("skipped, since " + dest.resolve("top") + " exists", skipped.msg());
    }

    @Test
    void refusesWhatIsNotAnArchiveIntoADirectory() throws Exception {
        Path src = archive("tar");
        LocalRunner run = new LocalRunner(new UnarchiveModule(), tmp);
        ModuleResult notDir = run.run(args("src", src.toString(), "dest", tmp.resolve("nodir").toString(), "remote_src", true));
        assertEquals("Destination '" + tmp.resolve("nodir") + "' is not a directory", notDir.msg());
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        ModuleResult cmd = run.run(args("src", src.toString(), "dest", dest.toString(), "remote_src", true,
                "extra_opts", List.of("--to-command=touch /tmp/jplay-pwned")));
        assertTrue(cmd.failed());
        assertTrue(cmd.msg().startsWith("extra_opts word '--to-command=touch /tmp/jplay-pwned' is refused"), cmd.msg());
        Files.writeString(tmp.resolve("plain.txt"), "not an archive\n");
        ModuleResult bad = run.run(args("src", tmp.resolve("plain.txt").toString(), "dest", dest.toString(), "remote_src", true));
        assertTrue(bad.failed());
        assertTrue(bad.msg().startsWith("Failed to find handler for \"" + tmp.resolve("plain.txt") + "\""), bad.msg());
        ModuleResult strip = run.ok(args("src", src.toString(), "dest", dest.toString(), "remote_src", true,
                "extra_opts", List.of("--strip-components=1")));
        assertTrue(strip.changed());
        assertEquals("alpha\n", Files.readString(dest.resolve("a.txt")));
        assertFalse(run.ok(args("src", src.toString(), "dest", dest.toString(), "remote_src", true,
                "extra_opts", List.of("--strip-components=1"))).changed());
    }

    @Test
    void aHostWithoutTarAndUnzipIsToldSo() throws Exception {
        Path src = archive("tar.gz");
        Path dest = Files.createDirectories(tmp.resolve("dest"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        try (var s = Files.list(Path.of("/usr/bin"))) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!List.of("tar", "unzip", "zipinfo").contains(n)) {
                    Files.createSymbolicLink(bin.resolve(n), p);
                }
            }
        }
        Connection noTools = new PathConnection(new LocalConnection(), bin.toString());
        ModuleResult r = ModuleTestKit.of(new UnarchiveModule()).on(noTools).baseDir(tmp)
                .run(args("src", src.toString(), "dest", dest.toString(), "remote_src", true));
        assertTrue(r.failed(), r.toString());
        assertTrue(r.msg().contains("unzip is not installed on the host (unzip package)"), r.msg());
        assertTrue(r.msg().contains("tar is not installed on the host (tar package)"), r.msg());
    }

    /** Runs every script with only this PATH: a host without some tools. */
    private record PathConnection(Connection delegate, String path) implements Connection {
        @Override
        public ExecResult exec(ExecRequest request) throws ConnectionException {
            return delegate.exec(new ExecRequest("PATH=" + path + "; export PATH; " + request.script(), request.stdin(), request.become(),
                    request.env(), request.timeout()));
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
