package dev.jplay.engine.inventory;

import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryTest {
    @TempDir
    Path dir;
    Inventory inv;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("hosts"), """
                bastion
                [web]
                web1
                web2
                web3
                [db]
                db1
                db2
                [eu]
                web1
                db1
                [prod:children]
                web
                db
                [lb]
                192.0.2.10
                """);
        inv = InventoryLoader.load(List.of("hosts"), dir);
    }

    private List<String> match(String pattern) {
        return inv.match(pattern).stream().map(Host::name).toList();
    }

    @Test
    void hostPatterns() {
        // Ansible's order for a group: its own hosts, then its children's, breadth first (checked
        // against ansible --list-hosts): all -> ungrouped, eu, prod, lb -> web, db
        assertEquals(List.of("bastion", "web1", "db1", "192.0.2.10", "web2", "web3", "db2"), match("all"));
        assertEquals(match("all"), match("*"));
        assertEquals(List.of("web1", "web2", "web3"), match("web"));
        assertEquals(List.of("web2"), match("web2"));
        assertEquals(List.of("web1", "web2", "web3", "db1", "db2"), match("web:db"));
        assertEquals(List.of("web1", "web2", "web3", "db1", "db2"), match("web,db"));
        assertEquals(List.of("web1", "db1"), match("prod:&eu"));
        assertEquals(List.of("web2", "web3", "db2"), match("prod:!eu"));
        assertEquals(List.of("web2", "web3", "db2"), match("prod,!eu"));
        assertEquals(List.of("bastion", "192.0.2.10"), match("!prod"), "only exclusions start from all");
        assertEquals(List.of("web1", "web2", "web3"), match("web*"));
        assertEquals(List.of("web1", "db1"), match("*1"));
        assertEquals(List.of("web2", "db2"), match("~(web|db)2"));
        assertEquals(List.of("web1", "web2"), match("~web[12]"));
        assertEquals(List.of("192.0.2.10"), match("192.0.2.10"));
        assertEquals(List.of("192.0.2.10"), match("192.0.2.*"));
        assertEquals(List.of("web1"), match("web[0]"));
        assertEquals(List.of("web3"), match("web[-1]"));
        assertEquals(List.of("web1", "web2"), match("web[0:1]"));
        assertEquals(List.of("web2", "web3"), match("web[1:]"));
        assertEquals(List.of("web1", "web2", "db1"), match("web[0:1],db[0]"));
        assertEquals(List.of("web2", "web3"), match("web[1-2]"), "the old [x-y] form still works");
        assertEquals(List.of("bastion"), match("ungrouped"));
        assertEquals(List.of("web1", "web2", "web3", "db1"), match(" web , db1 "));
    }

    @Test
    void unknownNamesMatchNothingAndAreReported() {
        assertEquals(List.of(), match("nosuch"));
        assertEquals(List.of("web1", "web2", "web3"), match("web:nosuch"));
        assertEquals(List.of("nosuch", "nope*"), inv.unmatchedPatterns("web:nosuch:nope*"));
        assertEquals(List.of(), inv.unmatchedPatterns("all"));
    }

    @Test
    void patternErrors() {
        InputError e = assertThrows(InputError.class, () -> inv.match("web[5]"));
        assertTrue(e.describe().contains("host pattern 'web[5]'"), e.describe());
        assertTrue(e.getMessage().contains("matches 3 host(s)"), e.getMessage());
        assertTrue(assertThrows(InputError.class, () -> inv.match("~web(")).getMessage().contains("invalid pattern"));
    }

    @Test
    void implicitLocalhost() {
        List<Host> local = inv.match("localhost");
        assertEquals(1, local.size());
        assertEquals(new Host("localhost", Map.of("ansible_connection", "local")), local.get(0));
        assertFalse(match("all").contains("localhost"), "the implicit localhost is not part of all");
        assertEquals(List.of(), inv.groupNames("localhost"));
        assertEquals("local", inv.varsFor("127.0.0.1").get("ansible_connection"));
        assertTrue(inv.implicitLocal("web1").isEmpty());
        assertTrue(inv.host("localhost").isEmpty());
    }

    @Test
    void anExplicitLocalhostIsAnOrdinaryHost() throws IOException {
        Files.writeString(dir.resolve("local"), "localhost ansible_user=me\n");
        Inventory local = InventoryLoader.load(List.of("local"), dir);
        assertTrue(local.implicitLocal("localhost").isEmpty());
        assertEquals(Map.of("ansible_user", "me"), local.varsFor("localhost"));
        assertEquals(List.of("localhost"), local.match("all").stream().map(Host::name).toList());
    }

    @Test
    void noInventoryMeansOnlyTheImplicitLocalhost() {
        Inventory none = Inventory.implicitLocalhost();
        assertEquals(List.of(), none.hosts());
        assertEquals(List.of(), none.match("all"), "as in Ansible, 'all' never selects the implicit localhost");
        assertEquals(List.of("localhost"), none.match("localhost").stream().map(Host::name).toList());
        assertEquals(Map.of("ansible_connection", "local"), none.varsFor("localhost"));
        assertEquals(List.of("all", "ungrouped"), List.copyOf(none.groups().keySet()));
    }

    @Test
    void hostsKeepDefinitionOrder() {
        assertEquals(List.of("bastion", "web1", "web2", "web3", "db1", "db2", "192.0.2.10"),
                inv.hosts().stream().map(Host::name).toList());
    }

    @Test
    void magicVars() {
        assertEquals(List.of("eu", "prod", "web"), inv.groupNames("web1"));
        assertEquals(List.of("ungrouped"), inv.groupNames("bastion"));
        Map<String, List<String>> groups = inv.groupsMagicVar();
        assertEquals(List.of("all", "ungrouped", "web", "db", "eu", "prod", "lb"), List.copyOf(groups.keySet()));
        assertEquals(List.of("web1", "web2", "web3", "db1", "db2"), groups.get("prod"));
        assertEquals(List.of("bastion"), groups.get("ungrouped"));
        assertEquals(List.of("bastion", "web1", "db1", "192.0.2.10", "web2", "web3", "db2"), groups.get("all"));
        assertThrows(IllegalArgumentException.class, () -> inv.groupNames("nosuch"));
        assertThrows(IllegalArgumentException.class, () -> inv.varsFor("nosuch"));
    }

    @Test
    void inventoryFileIsRecorded() {
        assertEquals(dir.resolve("hosts").toAbsolutePath(), inv.inventoryFile("web1").orElseThrow());
    }
}
