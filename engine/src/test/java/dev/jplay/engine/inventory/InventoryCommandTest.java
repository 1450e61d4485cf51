package dev.jplay.engine.inventory;

import dev.jplay.engine.cli.InventoryCommand;
import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private CommandLine command() {
        CommandLine cmd = new CommandLine(new InventoryCommand(dir));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd;
    }

    private int run(String... args) {
        return command().execute(args);
    }

    private void hosts(String ini) throws IOException {
        Files.writeString(dir.resolve("hosts"), ini);
    }

    private static Object parse(String text) {
        return new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    @Test
    void listPrintsAnsibleShapedJson() throws IOException {
        hosts("[web]\nweb1 port=80\nweb2\n[all:vars]\nntp=pool\n");
        assertEquals(0, run("-i", "hosts", "--list"));
        assertEquals("""
                {
                    "_meta": {
                        "hostvars": {
                            "web1": {
                                "ntp": "pool",
                                "port": 80
                            },
                            "web2": {
                                "ntp": "pool"
                            }
                        }
                    },
                    "all": {
                        "children": [
                            "ungrouped",
                            "web"
                        ]
                    },
                    "web": {
                        "hosts": [
                            "web1",
                            "web2"
                        ]
                    }
                }
                """, out.toString());
    }

    @Test
    void listAsYaml() throws IOException {
        hosts("[web]\nweb1 port=80\n[web:children]\ncanary\n[canary]\nweb1\n");
        assertEquals(0, run("-i", "hosts", "--list", "--yaml"));
        // a host's vars appear where it is first reached (children before hosts), later as {}
        Map<String, Object> canary = Map.of("hosts", Map.of("web1", Map.of("port", 80)));
        Map<String, Object> web = Map.of("children", Map.of("canary", canary), "hosts", Map.of("web1", Map.of()));
        Map<String, Object> all = Map.of("children", Map.of("ungrouped", Map.of(), "web", web));
        assertEquals(Map.of("all", all), parse(out.toString()));
    }

    @Test
    void graphOfOneGroupWithVars() throws IOException {
        hosts("[web]\nweb1 port=80\n[web:vars]\ntier=front\nlist=[1, 'a']\n[db]\ndb1\n");
        assertEquals(0, run("-i", "hosts", "--graph", "web", "--vars"));
        assertEquals("""
                @web:
                  |--web1
                  |  |--{list = [1, 'a']}
                  |  |--{port = 80}
                  |  |--{tier = front}
                  |--{list = [1, 'a']}
                  |--{tier = front}
                """, out.toString());
    }

    @Test
    void graphDefaultsToAll() throws IOException {
        hosts("solo\n[web]\nweb1\n");
        assertEquals(0, run("--graph", "-i", "hosts"));
        assertEquals("@all:\n  |--@ungrouped:\n  |  |--solo\n  |--@web:\n  |  |--web1\n", out.toString());
    }

    @Test
    void hostPrintsMergedVars() throws IOException {
        hosts("[web]\nweb1 port=80\n[web:vars]\ntier=front\n");
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("host_vars/web1.yml"), "port: 8080\n");
        assertEquals(0, run("-i", "hosts", "--host", "web1"));
        assertEquals("{\n    \"port\": 8080,\n    \"tier\": \"front\"\n}\n", out.toString());
    }

    @Test
    void hostAsYaml() throws IOException {
        hosts("[web]\nweb1 port=80 tags=\"['a', 'b']\"\n");
        assertEquals(0, run("-i", "hosts", "--host", "web1", "-y"));
        assertEquals(Map.of("port", 80, "tags", List.of("a", "b")), parse(out.toString()));
        assertTrue(out.toString().startsWith("port: 80\n"), out.toString());
    }

    @Test
    void hostMustMatchExactlyOne() throws IOException {
        hosts("[web]\nweb1\nweb2\n");
        assertEquals(2, run("-i", "hosts", "--host", "web"));
        assertTrue(err.toString().contains("--host expects exactly one host, and 'web' matches 2"), err.toString());
    }

    @Test
    void withoutInventoryItShowsWhatARunWithoutInventoryUses() {
        // jplay's choice for the local bootstrap: without -i, this machine is the one host of 'all'
        assertEquals(0, run("--list"));
        assertEquals(Map.of("_meta", Map.of("hostvars", Map.of("localhost", Map.of("ansible_connection", "local"))),
                "all", Map.of("children", List.of("ungrouped")), "ungrouped", Map.of("hosts", List.of("localhost"))),
                parse(out.toString()));
        out.getBuffer().setLength(0);
        assertEquals(0, run("--host", "localhost"));
        assertEquals(Map.of("ansible_connection", "local"), parse(out.toString()));
    }

    @Test
    void hostListSource() {
        assertEquals(0, run("-i", "a,b:2222,", "--list"));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) parse(out.toString());
        assertEquals(Map.of("hosts", List.of("a", "b")), json.get("ungrouped"));
        assertEquals(Map.of("hostvars", Map.of("b", Map.of("ansible_port", 2222))), json.get("_meta"));
    }

    @Test
    void exactlyOneAction() throws IOException {
        hosts("h\n");
        assertEquals(2, run("-i", "hosts"));
        assertTrue(err.toString().contains("no action selected"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("-i", "hosts", "--list", "--graph"));
        assertTrue(err.toString().contains("only one of --list, --graph or --host"), err.toString());
    }

    @Test
    void graphOfUnknownGroup() throws IOException {
        hosts("h\n");
        assertEquals(2, run("-i", "hosts", "--graph", "nosuch"));
        assertTrue(err.toString().contains("'nosuch' is not a group"), err.toString());
    }

    /** Runs with a handler like the one the lead's Main installs: InputError -> exit code 3. */
    private InputError inputError(String... args) {
        CommandLine cmd = command();
        InputError[] caught = new InputError[1];
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof InputError ie) {
                caught[0] = ie;
                return 3;
            }
            throw e;
        });
        assertEquals(3, cmd.execute(args));
        return caught[0];
    }

    @Test
    void badInventoryRaisesInputErrorWithItsPlace() throws IOException {
        hosts("[web\n");
        InputError e = inputError("-i", "hosts", "--list");
        assertEquals(dir.resolve("hosts"), e.location().file());
        assertEquals(1, e.location().line());
        assertEquals("", out.toString(), "nothing is printed for a bad inventory");
    }

    @Test
    void aMissingSourceIsAMissingFile() {
        // exit 1 as the README's table says for a missing file (the command line maps UncheckedIOException to 1)
        CommandLine cmd = command();
        String[] message = new String[1];
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof java.io.UncheckedIOException io) {
                message[0] = io.getMessage();
                return 1;
            }
            throw e;
        });
        assertEquals(1, cmd.execute("-i", "nosuch", "--list"));
        assertTrue(message[0].contains("the inventory nosuch could not be found"), message[0]);
    }

    @Test
    void warningsGoToStderr() throws IOException {
        hosts("[web]\nweb\n");
        assertEquals(0, run("-i", "hosts", "--list"));
        assertTrue(err.toString().contains("[WARNING]: found both a group and a host named 'web'"), err.toString());
    }

    @Test
    void playbookDirVarsApply() throws IOException {
        hosts("[web]\nweb1\n");
        Path play = Files.createDirectories(dir.resolve("play/group_vars"));
        Files.writeString(play.resolve("web.yml"), "from_play: true\n");
        assertEquals(0, run("-i", "hosts", "--host", "web1", "--playbook-dir", "play"));
        assertEquals(Map.of("from_play", true), parse(out.toString()));
    }
}
