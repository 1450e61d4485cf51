package dev.jplay.app.serverless;

import dev.jplay.engine.cli.Main;
import dev.jplay.engine.cli.PlaybookCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One jplay run, in-process exactly as the command line runs it: what it printed, its exit code, how long
 * it took, and the PLAY RECAP numbers.
 */
record PlaybookRun(List<String> args, int exitCode, String out, String err, Duration took) {
    private static final Pattern RECAP = Pattern.compile("^(\\S+)\\s+: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+"
            + "failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)\\s*$", Pattern.MULTILINE);
    private static final String[] KEYS = {"ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"};

    static PlaybookRun of(Object... args) {
        List<String> words = new ArrayList<>();
        for (Object a : args) {
            words.add(a instanceof Path p ? p.toAbsolutePath().toString() : String.valueOf(a));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.commandLine(new PlaybookCommand(), o, e).execute(words.toArray(String[]::new));
        }
        return new PlaybookRun(words, code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Everything printed, for assertion messages. */
    String all() {
        return "$ jplay " + String.join(" ", args) + "\n--- exit " + exitCode + " after " + took.toMillis() + " ms\n--- out:\n"
                + out + "\n--- err:\n" + err;
    }

    PlaybookRun succeeded() {
        assertEquals(0, exitCode, () -> "exit code\n" + all());
        recap().forEach((h, n) -> {
            assertEquals(0, n.get("failed"), () -> h + " failed\n" + all());
            assertEquals(0, n.get("unreachable"), () -> h + " unreachable\n" + all());
        });
        return this;
    }

    PlaybookRun printed(String text) {
        assertTrue(out.contains(text), () -> "expected in the output: " + text + "\n" + all());
        return this;
    }

    /** The PLAY RECAP numbers of one host. */
    Map<String, Integer> recap(String host) {
        Map<String, Integer> numbers = recap().get(host);
        if (numbers == null) {
            fail("no PLAY RECAP line for " + host + "\n" + all());
        }
        return numbers;
    }

    Map<String, Map<String, Integer>> recap() {
        int at = out.lastIndexOf("PLAY RECAP ");
        if (at < 0) {
            fail("no PLAY RECAP\n" + all());
        }
        Map<String, Map<String, Integer>> hosts = new LinkedHashMap<>();
        Matcher m = RECAP.matcher(out.substring(at));
        while (m.find()) {
            Map<String, Integer> numbers = new LinkedHashMap<>();
            for (int i = 0; i < KEYS.length; i++) {
                numbers.put(KEYS[i], Integer.parseInt(m.group(i + 2)));
            }
            hosts.put(m.group(1), numbers);
        }
        if (hosts.isEmpty()) {
            fail("PLAY RECAP without host lines\n" + all());
        }
        return hosts;
    }

    /** The host's recap says changed=0 (an idempotent re-run, or check mode on a converged host). */
    PlaybookRun changedNothingOn(String host) {
        assertEquals(0, recap(host).get("changed"), () -> host + " reported changes\n" + changedTasks() + "\n" + all());
        return this;
    }

    /** The task banners followed by a "changed:" line, to say what changed when nothing should have. */
    String changedTasks() {
        List<String> tasks = new ArrayList<>();
        String task = "";
        for (String line : out.split("\n")) {
            if (line.startsWith("TASK [") || line.startsWith("RUNNING HANDLER [")) {
                task = line.replaceAll("\\s*\\*+$", "");
            } else if (line.startsWith("changed:")) {
                tasks.add(task + " -> " + line);
            }
        }
        return "changed tasks: " + tasks;
    }
}
