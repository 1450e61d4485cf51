package dev.jplay.app;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What one jplay run printed and returned, with the reads the tests need (recap numbers, the JSON report). */
public record RunResult(List<String> args, int exitCode, String out, String err) {
    private static final Pattern RECAP = Pattern.compile("^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+"
            + "failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)\\s*$", Pattern.MULTILINE);

    /** Everything printed, for assertion messages. */
    String all() {
        return "$ jplay " + String.join(" ", args) + "\n--- exit " + exitCode + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }

    RunResult exits(int expected) {
        assertEquals(expected, exitCode, () -> "exit code\n" + all());
        return this;
    }

    RunResult printed(String text) {
        assertTrue(out.contains(text), () -> "expected in out: " + text + "\n" + all());
        return this;
    }

    RunResult notPrinted(String text) {
        assertTrue(!out.contains(text) && !err.contains(text), () -> "did not expect: " + text + "\n" + all());
        return this;
    }

    RunResult errPrinted(String text) {
        assertTrue(err.contains(text), () -> "expected in err: " + text + "\n" + all());
        return this;
    }

    /** The PLAY RECAP numbers per host, in recap order. */
    Map<String, Map<String, Integer>> recap() {
        int at = out.lastIndexOf("PLAY RECAP ");
        if (at < 0) {
            fail("no PLAY RECAP\n" + all());
        }
        Map<String, Map<String, Integer>> hosts = new LinkedHashMap<>();
        Matcher m = RECAP.matcher(out.substring(at));
        String[] keys = {"ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"};
        while (m.find()) {
            Map<String, Integer> nums = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                nums.put(keys[i], Integer.parseInt(m.group(i + 2)));
            }
            hosts.put(m.group(1), nums);
        }
        return hosts;
    }

    /** Asserts one host's recap, e.g. {@code recap("h1", "ok=3 changed=1 failed=0")}; keys not named are not checked. */
    RunResult recap(String host, String expected) {
        Map<String, Integer> got = recap().get(host);
        if (got == null) {
            fail("no recap line for " + host + "\n" + all());
        }
        for (String kv : expected.trim().split("\\s+")) {
            String[] p = kv.split("=");
            assertEquals(Integer.valueOf(p[1]), got.get(p[0]), () -> host + " " + p[0] + " in recap " + got + "\n" + all());
        }
        return this;
    }

    /** The second run of an idempotent playbook: nothing changed on any host. */
    RunResult unchanged() {
        Map<String, Map<String, Integer>> r = recap();
        assertTrue(!r.isEmpty(), () -> "empty recap\n" + all());
        r.forEach((h, n) -> assertEquals(0, n.get("changed"), () -> h + " changed on the second run\n" + all()));
        return this;
    }

    /** The task lines (ok/changed/skipping/fatal/failed) printed for a host, in order, e.g. "changed: [h1]". */
    List<String> lines(String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** Reads a --json report (JSON is YAML 1.2, so snakeyaml-engine parses it with no extra dependency). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path file) {
        try {
            return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
