package dev.jplay.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sources.list and sources.list.d/*.list as apt_repository reads them: each line parsed into
 * (valid, enabled, source, comment), blanks inside a source collapsed; {@link #dump()} is the normalised text
 * Ansible compares, diffs and writes back. Pure: edits return a new value.
 */
record AptSources(Map<String, List<Line>> files) {

    private static final Set<String> TYPES = Set.of("deb", "deb-src");

    /** One line of a sources file; invalid lines (comments, blanks, other text) are kept as their source text. */
    record Line(boolean valid, boolean enabled, String source, String comment) {

        static Line parse(String raw) {
            String line = raw.strip();
            boolean enabled = true;
            if (line.startsWith("#")) {
                enabled = false;
                line = line.substring(1);
            }
            String comment = "";
            int i = line.indexOf('#');
            if (i > 0) {
                comment = line.substring(i + 1).strip();
                line = line.substring(0, i);
            }
            String source = line.strip();
            boolean valid = false;
            if (!source.isEmpty()) {
                String[] chunks = source.split("\\s+");
                if (TYPES.contains(chunks[0])) {
                    valid = true;
                    source = String.join(" ", chunks);
                }
            }
            return new Line(valid, enabled, source, comment);
        }

        String render() {
            return (enabled ? "" : "# ") + source + (comment.isEmpty() ? "" : " # " + comment) + "\n";
        }
    }

    static AptSources of(Map<String, String> texts) {
        Map<String, List<Line>> files = new LinkedHashMap<>();
        texts.forEach((path, text) -> {
            List<Line> lines = new ArrayList<>();
            if (!text.isEmpty()) {
                for (String raw : text.split("\n", -1)) {
                    lines.add(Line.parse(raw));
                }
                if (text.endsWith("\n")) {
                    lines.remove(lines.size() - 1);
                }
            }
            files.put(path, lines);
        });
        return new AptSources(files);
    }

    /** The source in its normalised form, or null when the line is not an enabled deb/deb-src line. */
    static String normalise(String repo) {
        Line l = Line.parse(repo);
        return l.valid() && l.enabled() ? l.source() : null;
    }

    /** Ansible's add: every copy of the source is enabled; when there is none, it is appended to {@code file}. */
    AptSources add(String source, String file) {
        Map<String, List<Line>> m = copy();
        boolean found = false;
        for (List<Line> lines : m.values()) {
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                if (l.valid() && l.source().equals(source)) {
                    lines.set(i, new Line(true, true, l.source(), l.comment()));
                    found = true;
                }
            }
        }
        if (!found) {
            m.computeIfAbsent(file, f -> new ArrayList<>()).add(new Line(true, true, source, ""));
        }
        return new AptSources(m);
    }

    /** Ansible's remove: every enabled copy of the source is deleted (disabled copies stay). */
    AptSources remove(String source) {
        Map<String, List<Line>> m = copy();
        for (List<Line> lines : m.values()) {
            lines.removeIf(l -> l.valid() && l.enabled() && l.source().equals(source));
        }
        return new AptSources(m);
    }

    /** Each non-empty file's normalised text, as Ansible's dump (empty files are left out: they get removed). */
    Map<String, String> dump() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, lines) -> {
            if (!lines.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                lines.forEach(l -> sb.append(l.render()));
                out.put(path, sb.toString());
            }
        });
        return out;
    }

    private Map<String, List<Line>> copy() {
        Map<String, List<Line>> m = new LinkedHashMap<>();
        files.forEach((k, v) -> m.put(k, new ArrayList<>(v)));
        return m;
    }
}
