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

class IniInventoryTest {
    @TempDir
    Path dir;

    private Inventory load(String ini) throws IOException {
        Path file = dir.resolve("hosts.ini");
        Files.writeString(file, ini);
        return InventoryLoader.load(List.of(file.toString()), dir);
    }

    private InputError error(String ini) throws IOException {
        Path file = dir.resolve("bad.ini");
        Files.writeString(file, ini);
        return assertThrows(InputError.class, () -> InventoryLoader.load(List.of(file.toString()), dir));
    }

    private static List<String> names(List<Host> hosts) {
        return hosts.stream().map(Host::name).toList();
    }

    @Test
    void groupsHostsChildrenAndVars() throws IOException {
        Inventory inv = load("""
                ; a comment
                lonely
                [web]
                web1 a=1
                web2
                [db]
                db1
                [prod:children]
                web
                db
                [prod:vars]
                env=production
                """);
        assertEquals(List.of("lonely", "web1", "web2", "db1"), names(inv.hosts()));
        assertEquals(List.of("all", "ungrouped", "web", "db", "prod"), List.copyOf(inv.groups().keySet()));
        assertEquals(new Group("prod", List.of(), List.of("web", "db"), Map.of("env", "production")), inv.groups().get("prod"));
        assertEquals(List.of("lonely"), inv.groups().get("ungrouped").hosts());
        assertEquals(List.of("ungrouped", "prod"), inv.groups().get("all").children());
        assertEquals(Map.of("a", 1), inv.host("web1").orElseThrow().vars());
        assertEquals(List.of("prod", "web"), inv.groupNames("web1"));
        assertEquals(List.of("ungrouped"), inv.groupNames("lonely"), "Ansible lists 'ungrouped' in group_names");
    }

    @Test
    void childrenMayBeDefinedLaterAndAreAddedInDefinitionOrder() throws IOException {
        Inventory inv = load("""
                [p:children]
                b
                a
                [a]
                ha
                [b]
                hb
                """);
        assertEquals(List.of("a", "b"), inv.groups().get("p").children());
        assertEquals(List.of("ha", "hb"), inv.groupsMagicVar().get("p"));
    }

    @Test
    void inlineValuesAreTypedAsPythonLiterals() throws IOException {
        Inventory inv = load("""
                h1 port=22 name='x y' flag=True ids="[1, 2]" code=007 word=yes
                [all:vars]
                timeout=30 # seconds
                label=some text # kept, as Ansible does
                """);
        Map<String, Object> vars = inv.varsFor("h1");
        assertEquals(22, vars.get("port"));
        assertEquals("x y", vars.get("name"));
        assertEquals(true, vars.get("flag"));
        assertEquals(List.of(1, 2), vars.get("ids"));
        assertEquals("007", vars.get("code"));
        assertEquals("yes", vars.get("word"));
        assertEquals(30, vars.get("timeout"));
        assertEquals("some text # kept, as Ansible does", vars.get("label"));
    }

    @Test
    void portsAndRanges() throws IOException {
        Inventory inv = load("""
                [web]
                web[1:3].example.com:2222
                [db]
                db-[a:b] user=pg
                """);
        assertEquals(List.of("web1.example.com", "web2.example.com", "web3.example.com", "db-a", "db-b"),
                names(inv.hosts()));
        assertEquals(Map.of("ansible_port", 2222), inv.host("web2.example.com").orElseThrow().vars());
        assertEquals(Map.of("user", "pg"), inv.host("db-b").orElseThrow().vars());
    }

    @Test
    void firstPortWinsAndLaterVarsOverride() throws IOException {
        Inventory inv = load("""
                h:22 a=1
                [g]
                h:23 a=2
                """);
        assertEquals(Map.of("ansible_port", 22, "a", 2), inv.host("h").orElseThrow().vars());
        assertEquals(List.of(), inv.groups().get("ungrouped").hosts(), "a host with a group leaves ungrouped");
    }

    @Test
    void groupPriorityIsNotAVariable() throws IOException {
        Inventory inv = load("""
                [g]
                h
                [g:vars]
                ansible_group_priority=5
                """);
        assertEquals(Map.of(), inv.groups().get("g").vars());
        assertEquals(5, inv.priority("g"));
    }

    @Test
    void varsForAGroupThatIsNeverDefined() throws IOException {
        InputError e = error("""
                [g:vars]
                a=1
                [h]
                x
                """);
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("never defined"), e.getMessage());
    }

    @Test
    void unknownChildGroupNamesItsFirstMention() throws IOException {
        InputError e = error("""
                [web]
                w1
                [prod:children]
                web
                  dbs
                """);
        assertTrue(e.location().file().endsWith("bad.ini"));
        assertEquals(5, e.location().line());
        assertEquals(3, e.location().column());
        assertTrue(e.getMessage().contains("[prod:children] lists group 'dbs', which is never defined"), e.getMessage());
    }

    @Test
    void aHostListedAsChildIsReportedAsSuch() throws IOException {
        InputError e = error("""
                [web]
                w1
                [prod:children]
                w1
                """);
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("'w1', which is a host, not a group"), e.getMessage());
    }

    @Test
    void badRangeNamesTheColumn() throws IOException {
        InputError e = error("[web]\n  web[1:x] a=1\n");
        assertEquals(2, e.location().line());
        assertEquals(3, e.location().column());
        assertTrue(e.getMessage().contains("invalid host range 'web[1:x]'"), e.getMessage());
        assertTrue(e.describe().contains("bad.ini:2:3: "), e.describe());
    }

    @Test
    void unclosedSection() throws IOException {
        InputError e = error("h\n[web\nw1\n");
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("unclosed section header '[web': expected ']'"), e.getMessage());
    }

    @Test
    void sectionWithSpaces() throws IOException {
        InputError e = error("[web servers]\n");
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("no spaces"), e.getMessage());
    }

    @Test
    void unknownSectionType() throws IOException {
        InputError e = error("[web]\nw\n[web:host]\n");
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("unknown type 'host'"), e.getMessage());
    }

    @Test
    void varsLineWithoutEquals() throws IOException {
        InputError e = error("[web]\nw\n[web:vars]\na=1\njust_a_word\n");
        assertEquals(5, e.location().line());
        assertTrue(e.getMessage().contains("expected key=value in [web:vars], got 'just_a_word'"), e.getMessage());
    }

    @Test
    void hostVarWithoutEqualsNamesItsColumn() throws IOException {
        InputError e = error("[web]\nw1 a=1 oops b=2\n");
        assertEquals(2, e.location().line());
        assertEquals(8, e.location().column());
        assertTrue(e.getMessage().contains("got 'oops'"), e.getMessage());
    }

    @Test
    void unbalancedQuote() throws IOException {
        InputError e = error("[web]\nw1 a='x\n");
        assertEquals(2, e.location().line());
        assertEquals(6, e.location().column());
        assertTrue(e.getMessage().contains("no closing quotation"), e.getMessage());
    }

    @Test
    void childLineWithTwoNames() throws IOException {
        InputError e = error("[a]\n[b]\n[p:children]\na b\n");
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("one group name per line"), e.getMessage());
    }

    @Test
    void groupLoop() throws IOException {
        InputError e = error("[a:children]\nb\n[b:children]\na\n");
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("creates a loop"), e.getMessage());
    }

    @Test
    void trailingColonAndYamlMarkers() throws IOException {
        assertTrue(error("[g]\nhost:\n").getMessage().contains("trailing ':'"));
        assertTrue(error("---\n").getMessage().contains("looks like a YAML file"));
    }

    @Test
    void badPriority() throws IOException {
        InputError e = error("[g]\nh\n[g:vars]\nansible_group_priority=high\n");
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("must be an integer"), e.getMessage());
    }
}
