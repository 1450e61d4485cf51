package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console output is Ansible's, byte for byte; --json writes one report of the whole run. */
class OutputE2ETest {
    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
        ws.copyResources("ansible-output");
    }

    private String golden(String name) {
        return ws.read(name).replace("@DIR@", tmp.toAbsolutePath().toString());
    }

    @Test
    void bannersResultLinesIgnoringAndRecapAreAnsiblesByteForByte() {
        RunResult r = Jplay.run(ws.path("out.yml")).exits(0);
        assertEquals(golden("out.ansible.txt"), r.out());
        assertFalse(r.out().contains("\u001b"), "no colour when the output is not a terminal");
        assertEquals("", r.err());
    }

    @Test
    void severalHostsIncludesRescueHandlersAndAFailureAsAnsiblePrintsThem() {
        RunResult r = Jplay.run("-i", ws.path("hosts.ini"), "-f", "1", ws.path("multi.yml")).exits(2);
        assertEquals(golden("multi.ansible.txt"), r.out());
        // the same with parallel hosts: results are still printed in host order
        Jplay.run("-i", ws.path("hosts.ini"), "-f", "3", ws.path("multi.yml")).exits(2);
        RunResult parallel = Jplay.run("-i", ws.path("hosts.ini"), "-f", "3", ws.path("multi.yml")).exits(2);
        assertEquals(golden("multi.ansible.txt").replace("changed: [h1]\nchanged: [h2]\n", "ok: [h1]\nok: [h2]\n")
                .replaceAll("(?s)\nRUNNING HANDLER.*?\n\n", "\n")
                .replace("h1                         : ok=7    changed=1", "h1                         : ok=6    changed=0")
                .replace("h2                         : ok=8    changed=1", "h2                         : ok=7    changed=0"),
                parallel.out(), "third run, nothing changed, no handler");
    }

    @Test
    void serialBatchesRolesPrePostTasksRunOnceAndDelegationAsAnsiblePrintsThem() {
        RunResult r = Jplay.run("-i", ws.path("hosts.ini"), "-f", "1", ws.path("more.yml")).exits(0);
        assertEquals(golden("more.ansible.txt"), r.out());
    }

    @Test
    void failingLoopItemsBlockWhenAndAnyErrorsFatalStoppingThePlaybookAsAnsiblePrintsThem() {
        RunResult r = Jplay.run("-i", ws.path("hosts.ini"), "-f", "1", ws.path("failures.yml")).exits(2);
        assertEquals(golden("failures.ansible.txt"), r.out());
    }

    @Test
    void nestedBlocksRescueThatFailsAgainIgnoredLoopFailuresAndListenAsAnsiblePrintsThem() {
        RunResult r = Jplay.run("-i", ws.path("hosts.ini"), "-f", "1", ws.path("blocks.yml")).exits(2);
        assertEquals(golden("blocks.ansible.txt"), r.out());
    }

    @Test
    void debugVerbosityFollowsMinusV() {
        Path pb = ws.write("verbosity.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - debug: {msg: shown at -vv, verbosity: 2}
                """);
        Jplay.run(pb, "-v").exits(0).printed("skipping: [localhost]").notPrinted("shown at -vv");
        Jplay.run(pb, "-vv").exits(0).printed("\"msg\": \"shown at -vv\"");
    }

    @Test
    void recapPadsHostNamesTo26AndEachFieldTo4() {
        ws.write("long.ini", "a-host-name-longer-than-twenty-six ansible_connection=local\nb ansible_connection=local\n");
        Path pb = ws.write("recap.yml", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - command: echo
                      changed_when: "{{ inventory_hostname == 'b' }}"
                """);
        RunResult r = Jplay.run(pb, "-i", ws.path("long.ini")).exits(0);
        List<String> recap = r.out().substring(r.out().indexOf("PLAY RECAP")).lines().toList();
        assertEquals("PLAY RECAP *********************************************************************", recap.get(0));
        assertEquals("a-host-name-longer-than-twenty-six : ok=1    changed=0    unreachable=0    failed=0    skipped=0    "
                + "rescued=0    ignored=0   ", recap.get(1));
        assertEquals("b                          : ok=1    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    "
                + "ignored=0   ", recap.get(2));
    }

    @Test
    void verboseShowsResultsAndAJsonReportHasEveryTaskAndHost() {
        Path report = tmp.resolve("report.json");
        RunResult r = Jplay.run("-i", ws.path("hosts.ini"), ws.path("multi.yml"), "-v", "--json", report).exits(2);
        r.printed("No config file found; using defaults\n").notPrinted("PLAYBOOK: multi.yml").printed("ok: [h1] => {\"ansible_facts\": {\"b_done\": true}, \"changed\": false}");

        Map<String, Object> doc = RunResult.json(report);
        assertEquals(tmp.resolve("multi.yml").toAbsolutePath().toString(), doc.get("playbook"));
        assertEquals(false, doc.get("check_mode"));
        assertEquals(false, doc.get("interrupted"));
        assertTrue(doc.get("duration_ms") instanceof Number);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> plays = (List<Map<String, Object>>) doc.get("plays");
        assertEquals(1, plays.size());
        assertEquals("Multi host", plays.get(0).get("name"));
        assertEquals(List.of("h1", "h2", "h3"), plays.get(0).get("hosts"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) plays.get(0).get("tasks");
        assertEquals(List.of("change on web", "include steps", "step a", "step b", "fails on h2", "recover", "fails on h3", "last",
                "restart"), tasks.stream().map(t -> t.get("name")).toList());
        assertEquals("handler", tasks.get(8).get("kind"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> changeHosts = (Map<String, Map<String, Object>>) tasks.get(0).get("hosts");
        assertEquals("changed", changeHosts.get("h1").get("status"));
        assertEquals(true, changeHosts.get("h1").get("changed"));
        assertEquals("skipped", changeHosts.get("h3").get("status"));
        assertTrue(changeHosts.get("h1").get("duration_ms") instanceof Number);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> failHosts = (Map<String, Map<String, Object>>) tasks.get(6).get("hosts");
        assertEquals("failed", failHosts.get("h3").get("status"));
        assertEquals("h3 gives up", failHosts.get("h3").get("msg"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> stats = (Map<String, Map<String, Object>>) doc.get("stats");
        assertEquals(Map.of("ok", 8, "changed", 1, "unreachable", 0, "failed", 0, "skipped", 1, "rescued", 1, "ignored", 0),
                stats.get("h2"));
        assertEquals(1, stats.get("h3").get("failed"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedTaskInTheReportHasWhatTheConsoleShowsAndDashIsStdout() throws java.io.IOException {
        Path pb = ws.write("fails.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: breaks
                      command: sh -c 'echo out; echo err >&2; exit 3'
                """);
        Path report = tmp.resolve("fails.json");
        RunResult console = Jplay.run(pb, "--json", report).exits(2);
        String fatal = console.lines("fatal: [localhost]").get(0);
        Map<String, Object> host = (Map<String, Object>) ((Map<String, Object>) ((List<Map<String, Object>>) ((List<Map<String, Object>>)
                RunResult.json(report).get("plays")).get(0).get("tasks")).get(0).get("hosts")).get("localhost");
        assertEquals("failed", host.get("status"));
        assertEquals("command", host.get("module"));
        assertEquals(3, host.get("rc"));
        assertEquals("out", host.get("stdout"));
        assertEquals("err", host.get("stderr"));
        assertEquals(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), host.get("cmd"));
        assertEquals(fatal.contains("\"changed\": true"), host.get("changed"), fatal);

        RunResult dash = Jplay.run(pb, "--json", "-").exits(2);
        assertFalse(java.nio.file.Files.exists(Path.of("-")), "no file named -");
        assertFalse(dash.out().contains("TASK ["), "stdout holds only the report");
        Path copy = ws.write("dash.json", dash.out());
        assertEquals("err", ((Map<String, Object>) ((Map<String, Object>) ((List<Map<String, Object>>) ((List<Map<String, Object>>)
                RunResult.json(copy).get("plays")).get(0).get("tasks")).get(0).get("hosts")).get("localhost")).get("stderr"));
    }
}
