package dev.jplay.engine.inventory;

import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryLoaderTest {
    @TempDir
    Path dir;

    private static List<String> names(Inventory inv) {
        return inv.hosts().stream().map(Host::name).toList();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void commaListsMakeUngroupedHostsWithPorts() {
        Inventory inv = InventoryLoader.load(List.of("localhost,"), dir);
        assertEquals(List.of("localhost"), names(inv));
        assertTrue(inv.implicitLocal("localhost").isEmpty(), "an explicit localhost is not implicit");
        Inventory two = InventoryLoader.load(List.of(" a , b:2222 ,[::1]:2200, a"), dir);
        assertEquals(List.of("a", "b", "::1"), names(two));
        assertEquals(Map.of("ansible_port", 2222), two.host("b").orElseThrow().vars());
        assertEquals(Map.of("ansible_port", 2200), two.host("::1").orElseThrow().vars());
        assertEquals(List.of("a", "b", "::1"), two.groups().get("ungrouped").hosts());
    }

    @Test
    void directoriesReadEveryInventoryFileInNameOrderAndSkipWhatAnsibleSkips() throws IOException {
        write("inv/10-web", "[web]\nw1\n");
        write("inv/20-db.yml", "all:\n  children:\n    db:\n      hosts:\n        d1:\n");
        write("inv/sub/30-extra", "[extra]\nx1\n");
        for (String skipped : List.of(".hidden", "old~", "x.retry", "x.orig", "README.md", "hosts.ini", "notes.txt",
                "a.cfg", "b.bak", "c.swp")) {
            write("inv/" + skipped, "[skipped]\nshould_not_appear\n");
        }
        write("inv/group_vars/all", "gv: 1\n");
        write("inv/host_vars/w1", "hv: 1\n");
        Inventory inv = InventoryLoader.load(List.of("inv"), dir);
        assertEquals(List.of("w1", "d1", "x1"), names(inv));
    }

    @Test
    void severalSourcesMerge() throws IOException {
        write("a", "[web]\nw1 x=1\n");
        write("b.yml", "all:\n  children:\n    web:\n      hosts:\n        w1: {y: 2}\n        w2:\n");
        Inventory inv = InventoryLoader.load(List.of("a", "b.yml", "c,"), dir);
        assertEquals(List.of("w1", "w2", "c"), names(inv));
        assertEquals(Map.of("x", 1, "y", 2), inv.varsFor("w1"));
        assertEquals(dir.resolve("a"), inv.inventoryFile("w1").orElseThrow());
        assertEquals(dir.resolve("b.yml"), inv.inventoryFile("w2").orElseThrow());
        assertTrue(inv.inventoryFile("c").isEmpty());
    }

    @Test
    void formatIsChosenByExtensionOrContent() throws IOException {
        write("noext-yaml", "all:\n  hosts:\n    y1:\n");
        write("noext-ini", "i1\ni2 a=1\n");
        write("plain.hosts", "p1\n");
        Inventory inv = InventoryLoader.load(List.of("noext-yaml", "noext-ini", "plain.hosts"), dir);
        assertEquals(List.of("y1", "i1", "i2", "p1"), names(inv));
    }

    @Test
    void aFileWithoutExtensionThatStartsLikeYamlReportsItsYamlError() throws IOException {
        write("broken", "all:\n  hosts:\n    a: [1\n");
        InputError e = assertThrows(InputError.class, () -> InventoryLoader.load(List.of("broken"), dir));
        assertTrue(e.getMessage().contains("YAML"), e.getMessage());
    }

    @Test
    void scriptsAreRefused() throws IOException {
        Path script = write("ec2.py", "#!/usr/bin/env python3\nprint('{}')\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        InputError e = assertThrows(InputError.class, () -> InventoryLoader.load(List.of("ec2.py"), dir));
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("dynamic inventory script"), e.getMessage());
    }

    @Test
    void missingSource() {
        InputError e = assertThrows(InputError.class, () -> InventoryLoader.load(List.of("nosuch"), dir));
        assertEquals(dir.resolve("nosuch"), e.location().file());
        assertTrue(e.getMessage().contains("expected a file, a directory or a comma-separated host list"), e.getMessage());
    }

    @Test
    void badBytesNameTheirLine() throws IOException {
        Path p = dir.resolve("latin1");
        Files.write(p, "[web]\nw\u00e9b\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        InputError e = assertThrows(InputError.class, () -> InventoryLoader.load(List.of("latin1"), dir));
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void emptySourcesAreSkipped() {
        assertEquals(List.of(), names(InventoryLoader.load(List.of(""), dir)));
    }

    @Test
    void symlinkLoopsInDirectoriesEndQuietly() throws IOException {
        write("inv/hosts", "h\n");
        Files.createSymbolicLink(dir.resolve("inv/loop"), dir.resolve("inv"));
        assertEquals(List.of("h"), names(InventoryLoader.load(List.of("inv"), dir)));
    }
}
