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

class YamlInventoryTest {
    @TempDir
    Path dir;

    private Inventory load(String yaml) throws IOException {
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, yaml);
        return InventoryLoader.load(List.of(file.toString()), dir);
    }

    private InputError error(String yaml) throws IOException {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, yaml);
        return assertThrows(InputError.class, () -> InventoryLoader.load(List.of(file.toString()), dir));
    }

    @Test
    void hostsChildrenVarsAndRanges() throws IOException {
        Inventory inv = load("""
                all:
                  hosts:
                    solo:
                  vars:
                    ntp: pool.example.com
                  children:
                    web:
                      hosts:
                        web[1:2]:
                          http_port: 80
                        "web3:8080":
                      vars:
                        tier: front
                      children:
                        canary: {hosts: web1}
                """);
        assertEquals(List.of("solo", "web1", "web2", "web3"), inv.hosts().stream().map(Host::name).toList());
        assertEquals(List.of("ungrouped", "web"), inv.groups().get("all").children());
        assertEquals(List.of("solo"), inv.groups().get("ungrouped").hosts(), "hosts directly under all are ungrouped");
        assertEquals(List.of("canary"), inv.groups().get("web").children());
        assertEquals(Map.of("ansible_port", 8080), inv.host("web3").orElseThrow().vars());
        Map<String, Object> vars = inv.varsFor("web1");
        assertEquals(80, vars.get("http_port"));
        assertEquals("front", vars.get("tier"));
        assertEquals("pool.example.com", vars.get("ntp"));
        assertEquals(List.of("canary", "web"), inv.groupNames("web1"));
    }

    @Test
    void valuesAreTypedByJplaysYamlReader() throws IOException {
        // jplay reads YAML 1.2 (core schema), except that 0755 is octal as in Ansible's PyYAML (YAML 1.1): modes are written so.
        Inventory inv = load("""
                all:
                  hosts:
                    h:
                      a: yes
                      b: 0755
                      c: 1.5
                      d: [1, x]
                      e: !unsafe '{{ not_templated }}'
                """);
        Map<String, Object> vars = inv.varsFor("h");
        assertEquals("yes", vars.get("a"));
        assertEquals(0755, vars.get("b"), "YAML 1.1 octal, as ansible-inventory reads it");
        assertEquals(1.5, vars.get("c"));
        assertEquals(List.of(1, "x"), vars.get("d"));
        assertEquals(dev.jplay.engine.expr.DataValue.of("{{ not_templated }}"), vars.get("e"), "!unsafe is data, never rendered");
    }

    @Test
    void emptyFileDefinesNothing() throws IOException {
        assertEquals(List.of(), load("# nothing yet\n").hosts());
    }

    @Test
    void listOfHostsInsteadOfMapping() throws IOException {
        InputError e = error("""
                all:
                  children:
                    web:
                      hosts:
                        - web1
                        - web2
                """);
        assertTrue(e.location().file().endsWith("bad.yml"));
        assertEquals(5, e.location().line());
        assertEquals(9, e.location().column());
        assertTrue(e.getMessage().contains("'hosts' of group 'web' must be a mapping of host names"), e.getMessage());
        assertTrue(e.getMessage().contains("got a list"), e.getMessage());
    }

    @Test
    void unknownKeyInGroup() throws IOException {
        InputError e = error("""
                all:
                  host:
                    web1:
                """);
        assertEquals(2, e.location().line());
        assertEquals(3, e.location().column());
        assertTrue(e.getMessage().contains("unexpected key 'host' in group 'all': expected hosts, children or vars"
                + " (did you mean 'hosts'?)"), e.getMessage());
    }

    @Test
    void groupNestedWithoutChildren() throws IOException {
        InputError e = error("""
                all:
                  webservers:
                    hosts:
                      w1:
                """);
        assertEquals(2, e.location().line());
        assertTrue(e.getMessage().contains("put it under 'children:'"), e.getMessage());
    }

    @Test
    void hostVarsNotAMapping() throws IOException {
        InputError e = error("""
                all:
                  hosts:
                    web1: ansible_host=192.0.2.1
                """);
        assertEquals(3, e.location().line());
        assertEquals(11, e.location().column());
        assertTrue(e.getMessage().contains("host 'web1' must be followed by a mapping of its vars"), e.getMessage());
    }

    @Test
    void groupNotAMapping() throws IOException {
        InputError e = error("""
                all:
                  children:
                    web: [w1]
                """);
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("group 'web' must be a mapping"), e.getMessage());
    }

    @Test
    void topLevelNotAMapping() throws IOException {
        InputError e = error("- a\n- b\n");
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("must be a mapping of group names"), e.getMessage());
    }

    @Test
    void pluginConfiguration() throws IOException {
        InputError e = error("plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n");
        assertEquals(1, e.location().line());
        assertTrue(e.getMessage().contains("inventory plugin"), e.getMessage());
    }

    @Test
    void syntaxErrorsNameTheirPlace() throws IOException {
        InputError e = error("all:\n  hosts:\n    a: [1, 2\n");
        assertTrue(e.location().line() >= 3, e.describe());
        assertTrue(e.getMessage().contains("YAML"), e.getMessage());
    }

    @Test
    void aVaultedValueWithoutPasswordNamesItsPlace() throws IOException {
        dev.jplay.engine.vault.VaultSecrets.use(null);
        InputError e = error("""
                all:
                  vars:
                    secret: !vault |
                      $ANSIBLE_VAULT;1.1;AES256
                      3132
                """);
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("needs --ask-vault-pass"), e.getMessage());
    }

    @Test
    void unknownTagsAreRefused() throws IOException {
        InputError e = error("all:\n  vars:\n    x: !custom 1\n");
        assertEquals(3, e.location().line());
        assertTrue(e.getMessage().contains("unknown YAML tag '!custom'"), e.getMessage());
    }

    @Test
    void groupLoopNamesTheChild() throws IOException {
        InputError e = error("""
                a:
                  children:
                    b:
                      children:
                        a:
                """);
        assertEquals(3, e.location().line(), "a->b is added after b's own children (b->a), as in Ansible");
        assertTrue(e.getMessage().contains("creates a loop: b -> a -> b"), e.getMessage());
    }
}
