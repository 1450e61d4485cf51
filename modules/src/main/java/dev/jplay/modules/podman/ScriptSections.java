package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ShellQuote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Several probes in one round trip: each probe's output is printed under its own marker line, and
 * its exit code under {@code NAME.rc}. The marker is preceded by a newline so a probe's output needs
 * no trailing newline; parsing removes exactly that newline again, so outputs come back byte-exact.
 */
public final class ScriptSections {
    static final String MARK = "@@jplay:";

    private final Map<String, String> sections;

    private ScriptSections(Map<String, String> sections) {
        this.sections = sections;
    }

    /** The shell that prints the marker for {@code name}. */
    public static String marker(String name) {
        return "printf '\\n" + MARK + "%s\\n' " + ShellQuote.quote(name) + "; ";
    }

    /**
     * Runs {@code command} under the section {@code name} and records its exit code in {@code name.rc}.
     * stderr stays out of the section unless {@code withStderr}.
     */
    public static String capture(String name, String command, boolean withStderr) {
        return marker(name) + "{ " + command + "; }" + (withStderr ? " 2>&1" : "") + "; __jp_rc=$?; " + marker(name + ".rc")
                + "printf %s \"$__jp_rc\"; ";
    }

    /** What a host prints for these sections (the inverse of {@link #parse}); for tests and fakes. */
    public static String encode(Map<String, String> sections) {
        StringBuilder sb = new StringBuilder();
        sections.forEach((k, v) -> sb.append('\n').append(MARK).append(k).append('\n').append(v));
        return sb.toString();
    }

    public static ScriptSections parse(String output) {
        Map<String, String> m = new LinkedHashMap<>();
        String token = "\n" + MARK;
        int at = output.indexOf(token);
        while (at >= 0) {
            int nameEnd = output.indexOf('\n', at + token.length());
            if (nameEnd < 0) {
                m.put(output.substring(at + token.length()), "");
                break;
            }
            String name = output.substring(at + token.length(), nameEnd);
            int next = output.indexOf(token, nameEnd);
            m.put(name, output.substring(nameEnd + 1, next < 0 ? output.length() : next));
            at = next;
        }
        return new ScriptSections(m);
    }

    public boolean has(String name) {
        return sections.containsKey(name);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** The section's text, or "" when the host printed no such section. */
    public String text(String name) {
        return sections.getOrDefault(name, "");
    }

    /** The exit code recorded for {@code name}, or -1 when the probe did not run. */
    public int rc(String name) {
        String s = sections.get(name + ".rc");
        if (s == null) {
            return -1;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public boolean ok(String name) {
        return rc(name) == 0;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(sections);
    }
}
