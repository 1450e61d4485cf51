package dev.jplay.engine.inventory;

import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Variable precedence of inventories and their group_vars/host_vars folders (Ansible's order). */
class InventoryVarsTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Inventory load() {
        return InventoryLoader.load(List.of("inv/hosts"), dir);
    }

    @Test
    void groupsApplyByDepthThenPriorityThenName() throws IOException {
        write("inv/hosts", """
                [a]
                h
                [b]
                h
                [c]
                h
                [parent:children]
                a
                [a:vars]
                x=a
                [b:vars]
                x=b
                [c:vars]
                x=c
                [parent:vars]
                x=parent
                [all:vars]
                x=all
                """);
        // depth 1: b, c, parent (by name); depth 2: a -> a wins
        assertEquals("a", load().varsFor("h").get("x"));
        write("inv/hosts", """
                [b]
                h
                [c]
                h
                [b:vars]
                x=b
                ansible_group_priority=9
                [c:vars]
                x=c
                """);
        assertEquals("b", load().varsFor("h").get("x"), "a higher priority applies later among equals in depth");
    }

    @Test
    void foldersApplyInAnsiblesOrder() throws IOException {
        write("inv/hosts", """
                [web]
                w1 own=host
                [web:vars]
                a=inventory_web
                b=inventory_web
                c=inventory_web
                d=inventory_web
                [all:vars]
                e=inventory_all
                """);
        write("inv/group_vars/all.yml", "a: gv_all\nb: gv_all\ne: gv_all\n");
        write("inv/group_vars/web.yml", "b: gv_web\nc: gv_web\nown: gv_web\n");
        write("inv/host_vars/w1.yml", "c: hv\n");
        write("play/group_vars/all.yml", "a: play_all\n");
        write("play/group_vars/web.yml", "d: play_web\n");
        write("play/host_vars/w1.yml", "own: play_host\n");
        Inventory inv = load();
        Map<String, Object> before = inv.varsFor("w1");
        assertEquals("gv_all", before.get("a"), "group_vars/all wins over inventory group vars");
        assertEquals("gv_web", before.get("b"));
        assertEquals("hv", before.get("c"));
        assertEquals("inventory_web", before.get("d"));
        assertEquals("gv_all", before.get("e"));
        assertEquals("host", before.get("own"), "inventory host vars win over group_vars files");
        inv.addVarsDirectory(dir.resolve("play"));
        Map<String, Object> after = inv.varsFor("w1");
        assertEquals("play_all", after.get("a"));
        assertEquals("play_web", after.get("d"));
        assertEquals("play_host", after.get("own"));
        assertEquals("hv", after.get("c"));
    }

    @Test
    void fileLookupFollowsTheHostGroupVarsPlugin() throws IOException {
        write("inv/hosts", "[g]\nh\n");
        write("inv/group_vars/g", "from: noext\n");
        write("inv/group_vars/g.yml", "from: yml_is_not_read_because_g_exists\n");
        write("inv/host_vars/h/10.yml", "a: 1\nb: 1\n");
        write("inv/host_vars/h/20.json", "{\"b\": 2}\n");
        write("inv/host_vars/h/sub/30", "c: 3\n");
        write("inv/host_vars/h/.hidden.yml", "a: hidden\n");
        write("inv/host_vars/h/backup.yml~", "a: backup\n");
        write("inv/host_vars/h/notes.txt", "a: txt\n");
        write("inv/host_vars/h.yml", "a: not_read_because_the_directory_comes_first\n");
        Map<String, Object> vars = load().varsFor("h");
        assertEquals(Map.of("from", "noext", "a", 1, "b", 2, "c", 3), vars);
    }

    @Test
    void implicitLocalhostGetsAllVarsAndItsHostVars() throws IOException {
        write("inv/hosts", "[all:vars]\nntp=pool\n[g]\nh\n");
        write("inv/host_vars/localhost.yml", "who: me\n");
        Map<String, Object> vars = load().varsFor("localhost");
        assertEquals(Map.of("ntp", "pool", "ansible_connection", "local", "who", "me"), vars);
    }

    @Test
    void varsAreReadOnly() throws IOException {
        write("inv/hosts", "[g]\nh x=\"[1, 2]\"\n");
        Inventory inv = load();
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) inv.varsFor("h").get("x");
        assertThrows(UnsupportedOperationException.class, () -> list.add(3));
        assertThrows(UnsupportedOperationException.class, () -> inv.host("h").orElseThrow().vars().put("y", 1));
    }

    @Test
    void aVarsFileMustBeAMapping() throws IOException {
        write("inv/hosts", "[g]\nh\n");
        write("inv/group_vars/g.yml", "- a\n- b\n");
        InputError e = assertThrows(InputError.class, this::load);
        assertTrue(e.location().file().endsWith("g.yml"));
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("must be a mapping of variable names to values, got a list"), e.getMessage());
    }

    @Test
    void emptyVarsFilesAreIgnored() throws IOException {
        write("inv/hosts", "[g]\nh\n");
        write("inv/group_vars/g.yml", "# nothing\n");
        assertEquals(Map.of(), load().varsFor("h"));
    }

    @Test
    void aVaultedFileWithoutPasswordNamesTheFile() throws IOException {
        write("inv/hosts", "[g]\nh\n");
        write("inv/host_vars/h.yml", "$ANSIBLE_VAULT;1.1;AES256\n6162\n");
        dev.jplay.engine.vault.VaultSecrets.use(null);
        InputError e = assertThrows(InputError.class, this::load);
        assertTrue(e.location().file().endsWith("h.yml"), e.describe());
        assertTrue(e.getMessage().contains("needs --ask-vault-pass"), e.getMessage());
    }

    @Test
    void errorsInPlaybookVarsSurfaceWhenTheDirectoryIsAdded() throws IOException {
        write("inv/hosts", "[g]\nh\n");
        write("play/group_vars/g.yml", "a: [1\n");
        Inventory inv = load();
        InputError e = assertThrows(InputError.class, () -> inv.addVarsDirectory(dir.resolve("play")));
        assertTrue(e.location().file().endsWith("g.yml"));
    }
}
