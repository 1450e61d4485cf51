package dev.jplay.modules.files;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.testkit.ModuleTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs a module for real through a {@link LocalConnection}; the playbook folder is {@code base}. */
record LocalRunner(Module module, Path base, Map<String, Object> vars) {

    LocalRunner(Module module, Path base) {
        this(module, base, new LinkedHashMap<>());
    }

    ModuleResult run(Map<String, Object> args) {
        return kit().run(args);
    }

    /** Runs and fails the test on a failed result, showing its message. */
    ModuleResult ok(Map<String, Object> args) {
        ModuleResult r = run(args);
        assertFalse(r.failed(), () -> "task failed: " + r.msg() + " " + r.values());
        return r;
    }

    ModuleResult check(Map<String, Object> args) {
        return kit().check(true).run(args);
    }

    ModuleResult diff(Map<String, Object> args) {
        return kit().diff(true).run(args);
    }

    ModuleResult become(Map<String, Object> args, Become become) {
        return kit().become(become).run(args);
    }

    private ModuleTestKit kit() {
        ModuleTestKit k = ModuleTestKit.of(module).on(new LocalConnection()).baseDir(base);
        vars.forEach(k::var);
        return k;
    }

    /** A path's permission bits as four octal digits (not following a last symlink). */
    static String mode(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        int m = 0;
        for (PosixFilePermission perm : perms) {
            m |= 1 << (8 - perm.ordinal());
        }
        return String.format("%04o", m);
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
