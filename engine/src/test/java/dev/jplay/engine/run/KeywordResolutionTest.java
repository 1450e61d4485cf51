package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.error.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Templated keywords are rendered and typed once per task and host, and a bad value names the keyword (never exit 250). */
class KeywordResolutionTest {
    @TempDir
    Path dir;

    private static final String THREE_HOSTS = "h1\nh2\nh3\n";

    @Test
    void templatedSerialCutsTheHostsIntoBatches() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "");
        h.run(THREE_HOSTS, """
                - hosts: all
                  gather_facts: false
                  serial: "{{ n }}"
                  vars: {n: 2}
                  tasks:
                    - probe: cmd=true
                """);
        assertEquals(List.of("PLAY [h1, h2, h3]", "PLAY [h3]"), h.events.stream().filter(e -> e.startsWith("PLAY")).toList());
    }

    @Test
    void aSerialThatIsNotANumberStopsTheRunBeforeAnyHost() {
        RunHarness h = new RunHarness(dir);
        InputError e = assertThrows(InputError.class, () -> h.run(THREE_HOSTS, """
                - hosts: all
                  serial: "{{ n }}"
                  vars: {n: many}
                  tasks:
                    - probe: cmd=true
                """));
        assertTrue(e.getMessage().contains("keyword 'serial': expected a whole number, got 'many'"), e.getMessage());
        assertTrue(h.connections.isEmpty());
    }

    @Test
    void templatedThrottleAndMaxFailPercentageAreNumbers() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "").on("^false$", 1, "");
        h.run("h1 c=false\nh2 c=true\nh3 c=true\n", """
                - hosts: all
                  gather_facts: false
                  max_fail_percentage: "{{ p }}"
                  vars: {p: 10, n: 1}
                  tasks:
                    - name: one at a time
                      probe: cmd=true
                      throttle: "{{ n }}"
                    - name: fails on h1
                      probe: cmd={{ c }}
                    - name: never runs
                      probe: cmd=true
                """);
        assertEquals(List.of(TaskStatus.OK, TaskStatus.OK, TaskStatus.OK), statuses(h, "one at a time"));
        assertEquals(List.of(TaskStatus.FAILED, TaskStatus.OK, TaskStatus.OK), statuses(h, "fails on h1"));
        assertTrue(h.events.contains("WARNING max_fail_percentage 10.0% exceeded (1 of 3 hosts failed)"), h.events.toString());
        assertEquals(List.of(), statuses(h, "never runs"));
    }

    @Test
    void aBadThrottleFailsTheTaskOnEveryHostWithTheKeywordsName() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "");
        h.run(THREE_HOSTS, """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: bad
                      probe: cmd=true
                      throttle: "{{ 'abc' }}"
                """);
        assertEquals(List.of(TaskStatus.FAILED, TaskStatus.FAILED, TaskStatus.FAILED), statuses(h, "bad"));
        for (TaskOutcome o : h.outcomesOf("bad")) {
            assertTrue(o.msg().contains("site.yml:4:7: task 'bad': keyword 'throttle': expected a whole number, got 'abc'"), o.msg());
        }
        assertTrue(h.connections.isEmpty());
    }

    @Test
    void aBadRetriesIsAnErrorNotASilentDefault() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "");
        h.run("h1\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: retried
                      probe: cmd=true
                      register: r
                      until: r.stdout == 'x'
                      retries: "{{ 'lots' }}"
                """);
        String msg = h.outcomesOf("retried").get(0).msg();
        assertTrue(msg.contains("keyword 'retries': expected a whole number, got 'lots'"), msg);
    }

    @Test
    void timeoutAndEnvironmentReachTheCommandTyped() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "");
        h.run("h1\n", """
                - hosts: all
                  gather_facts: false
                  vars: {t: "7", v: blue}
                  tasks:
                    - probe: cmd=true
                      timeout: "{{ t }}"
                      environment: {COLOUR: "{{ v }}"}
                """);
        var req = h.requests("h1").get(0);
        assertEquals(7, req.timeout().toSeconds());
        assertEquals("blue", req.env().get("COLOUR"));
    }

    @Test
    void extraVarsMayHoldNull() throws Exception {
        Map<String, Object> extra = new HashMap<>();
        extra.put("a", null);
        RunHarness h = new RunHarness(dir).on("^true$", 0, "").extraVars(extra);
        h.run("h1\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - probe: cmd=true
                """);
        assertEquals(List.of(TaskStatus.OK), h.outcomes.stream().map(TaskOutcome::status).toList());
    }

    @Test
    void connectionVariablesAreTemplatedInTheHostsScope() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "");
        h.run("h1 ansible_host=\"{{ ip }}\" ansible_connection=\"{{ kind }}\"\n", """
                - hosts: all
                  gather_facts: false
                  vars: {ip: 192.0.2.7, kind: ssh}
                  tasks:
                    - probe: cmd=true
                """);
        assertEquals("192.0.2.7", h.openedWith.get("h1").get("ansible_host"));
        assertEquals("ssh", h.openedWith.get("h1").get("ansible_connection"));
    }

    @Test
    void factGatheringBecomesAsTheHostsBecomeVarsSay() throws Exception {
        RunHarness h = new RunHarness(dir);
        h.run("h1 ansible_become=true ansible_become_method=su ansible_become_user=\"{{ who }}\"\n", """
                - hosts: all
                  vars: {who: bob}
                  tasks: []
                """);
        Become b = h.requests("h1").get(0).become();
        assertTrue(b.enabled());
        assertEquals(Become.BecomeMethod.SU, b.method());
        assertEquals("bob", b.user());
    }

    @Test
    void anUnknownBecomeMethodFromTheInventoryFailsTheTaskByName() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "");
        h.run("h1 ansible_become=true ansible_become_method=doas\n", """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: t
                      probe: cmd=true
                """);
        String msg = h.outcomesOf("t").get(0).msg();
        assertTrue(msg.contains("keyword 'become_method': jplay becomes another user with sudo or su, not 'doas'"), msg);
    }

    private static List<TaskStatus> statuses(RunHarness h, String task) {
        return h.outcomesOf(task).stream().map(TaskOutcome::status).toList();
    }

    @Test
    void aHugeOrFractionalNumberIsRefusedByName() throws Exception {
        RunHarness h = new RunHarness(dir).on("^true$", 0, "");
        h.run("h1\n", """
                - hosts: all
                  gather_facts: false
                  vars: {big: 99999999999}
                  tasks:
                    - name: big
                      probe: cmd=true
                      throttle: "{{ big }}"
                """);
        h.run("h1\n", """
                - hosts: all
                  gather_facts: false
                  vars: {half: 1.5}
                  tasks:
                    - name: half
                      probe: cmd=true
                      timeout: "{{ half }}"
                """);
        String big = h.outcomesOf("big").get(0).msg();
        assertTrue(big.contains("keyword 'throttle': expected a whole number, got '99999999999'"), big);
        String half = h.outcomesOf("half").get(0).msg();
        assertTrue(half.contains("keyword 'timeout': expected a whole number, got '1.5'"), half);
    }
}
