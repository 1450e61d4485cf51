package dev.jplay.modules.files;

import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jplay.modules.files.LocalRunner.args;
import static dev.jplay.modules.files.LocalRunner.mode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** template for real: FreeMarker rendering with the task's variables, written only when the result differs. */
class TemplateModuleLocalTest {
    @TempDir
    Path tmp;
    Path base;
    Path host;

    @BeforeEach
    void setUp() throws IOException {
        base = Files.createDirectories(tmp.resolve("playbook"));
        host = Files.createDirectories(tmp.resolve("host"));
        Files.createDirectories(base.resolve("templates"));
        Files.writeString(base.resolve("templates/app.conf.ftl"),
                "port=${port}\n<#list hosts as h>server ${h}\n</#list>");
    }

    private LocalRunner runner(int port) {
        LocalRunner r = new LocalRunner(new TemplateModule(), base);
        r.vars().put("port", port);
        r.vars().put("hosts", List.of("a", "b"));
        return r;
    }

    @Test
    void rendersOnceThenLeavesTheFileAlone() throws IOException {
        Path dest = host.resolve("app.conf");
        ModuleResult first = runner(8080).ok(args("src", "app.conf.ftl", "dest", dest.toString(), "mode", "0640"));
        assertTrue(first.changed());
        assertEquals("port=8080\nserver a\nserver b\n", Files.readString(dest));
        assertEquals("0640", mode(dest));
        assertFalse(runner(8080).ok(args("src", "app.conf.ftl", "dest", dest.toString(), "mode", "0640")).changed());
    }

    @Test
    void aChangedVariableRewritesTheFileAndDiffShowsIt() throws IOException {
        Path dest = host.resolve("app.conf");
        runner(8080).ok(args("src", "app.conf.ftl", "dest", dest.toString()));
        ModuleResult r = runner(9090).diff(args("src", "app.conf.ftl", "dest", dest.toString()));
        assertTrue(r.changed());
        assertEquals("port=8080\nserver a\nserver b\n", r.diffs().get(0).before());
        assertEquals("port=9090\nserver a\nserver b\n", r.diffs().get(0).after());
        assertEquals("port=9090\nserver a\nserver b\n", Files.readString(dest));
    }

    @Test
    void checkModeWritesNothing() {
        Path dest = host.resolve("app.conf");
        ModuleResult r = runner(8080).check(args("src", "app.conf.ftl", "dest", dest.toString()));
        assertTrue(r.changed());
        assertFalse(Files.exists(dest));
    }

    @Test
    void aFolderDestGetsTheTemplatesName() {
        runner(1).ok(args("src", "app.conf.ftl", "dest", host.toString()));
        assertTrue(Files.exists(host.resolve("app.conf.ftl")));
    }

    @Test
    void aMissingTemplateFailsWithWhereItLooked() {
        ModuleResult r = runner(1).run(args("src", "nope.ftl", "dest", host.resolve("x").toString()));
        assertTrue(r.failed());
        assertTrue(r.msg().contains("nope.ftl") && r.msg().contains("templates"), r.msg());
    }

    @Test
    void crlfLineEndingsOnRequest() throws IOException {
        Path dest = host.resolve("win.conf");
        runner(1).ok(args("src", "app.conf.ftl", "dest", dest.toString(), "newline_sequence", "\\r\\n"));
        assertEquals("port=1\r\nserver a\r\nserver b\r\n", Files.readString(dest));
        assertFalse(runner(1).ok(args("src", "app.conf.ftl", "dest", dest.toString(), "newline_sequence", "\\r\\n")).changed());
    }
}
