package dev.jplay.engine.inventory;

import dev.jplay.engine.text.Fnmatch;
import dev.jplay.engine.error.InputError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible's host patterns, as {@code InventoryManager.get_hosts} evaluates them: the pattern is split
 * on commas (or, without commas, on colons that are not part of an address or range); plain parts
 * are united first, then {@code &} parts intersect and {@code !} parts exclude. Each part matches
 * groups by name (all their hosts, incl. child groups') and, when it matched no group or is a
 * glob or regex, hosts by name; {@code ~} starts a regex matched at the start of the name; a
 * {@code [i]}, {@code [-i]}, {@code [i:j]} or {@code [i:]} subscript picks from the result.
 */
final class HostPatternMatcher {
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\\]$",
            Pattern.DOTALL);
    private static final Pattern COLON_PARTS = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*\\])+");

    private final Inventory inventory;
    private final Set<String> unmatched = new LinkedHashSet<>();

    HostPatternMatcher(Inventory inventory) {
        this.inventory = inventory;
    }

    List<Host> match(String pattern) {
        List<String> parts = order(split(pattern));
        List<String> hosts = new ArrayList<>();
        List<Host> implicit = new ArrayList<>();
        for (String p : parts) {
            if (inventory.host(p).isPresent()) {
                hosts.add(p);
                continue;
            }
            List<String> that = matchOne(p, implicit);
            if (p.charAt(0) == '!') {
                Set<String> drop = Set.copyOf(that);
                hosts.removeIf(drop::contains);
                implicit.removeIf(h -> drop.contains(h.name()));
            } else if (p.charAt(0) == '&') {
                Set<String> keep = Set.copyOf(that);
                hosts.removeIf(h -> !keep.contains(h));
                implicit.removeIf(h -> !keep.contains(h.name()));
            } else {
                Set<String> existing = Set.copyOf(hosts);
                for (String h : that) {
                    if (!existing.contains(h)) {
                        hosts.add(h);
                    }
                }
            }
        }
        Map<String, Host> result = new LinkedHashMap<>();
        for (String h : hosts) {
            Host host = inventory.host(h).orElse(null);
            if (host == null) {
                host = implicit.stream().filter(i -> i.name().equals(h)).findFirst().orElseThrow();
            }
            result.putIfAbsent(h, host);
        }
        return List.copyOf(result.values());
    }

    List<String> unmatched(String pattern) {
        match(pattern);
        return List.copyOf(unmatched);
    }

    /** Ansible's split_host_pattern. */
    static List<String> split(String pattern) {
        List<String> parts = new ArrayList<>();
        if (pattern.contains(",")) {
            for (String p : pattern.split(",", -1)) {
                parts.add(p);
            }
        } else if (HostAddress.parse(pattern, true).isPresent()) {
            parts.add(pattern);
        } else {
            Matcher m = COLON_PARTS.matcher(pattern);
            while (m.find()) {
                parts.add(m.group());
            }
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.strip().isEmpty()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    /** Ansible's order_patterns: plain parts, then intersections, then exclusions; only &amp;/! parts imply 'all'. */
    private static List<String> order(List<String> parts) {
        List<String> regular = new ArrayList<>();
        List<String> intersect = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String p : parts) {
            if (p.startsWith("!")) {
                exclude.add(p);
            } else if (p.startsWith("&")) {
                intersect.add(p);
            } else {
                regular.add(p);
            }
        }
        if (regular.isEmpty()) {
            regular.add(InventoryBuilder.ALL);
        }
        List<String> out = new ArrayList<>(regular);
        out.addAll(intersect);
        out.addAll(exclude);
        return out;
    }

    /** Ansible's _match_one_pattern: enumerate, then apply the subscript. */
    private List<String> matchOne(String original, List<Host> implicit) {
        String pattern = original.charAt(0) == '&' || original.charAt(0) == '!' ? original.substring(1) : original;
        if (pattern.isEmpty()) {
            return List.of();
        }
        String expr = pattern;
        int[] subscript = null;
        if (pattern.charAt(0) != '~') {
            Matcher m = SUBSCRIPT.matcher(pattern);
            if (m.matches()) {
                expr = m.group(1);
                if (m.group(2) != null) {
                    subscript = new int[] {toInt(m.group(2)), Integer.MIN_VALUE};
                } else {
                    int end = m.group(5).isEmpty() ? -1 : toInt(m.group(5));
                    subscript = new int[] {toInt(m.group(3)), end};
                }
            }
        }
        List<String> hosts = enumerate(expr, implicit);
        if (hosts.isEmpty() || subscript == null) {
            return hosts;
        }
        int start = subscript[0];
        int end = subscript[1];
        if (end != Integer.MIN_VALUE && end != 0) {
            if (end == -1) {
                end = hosts.size() - 1;
            }
            // Python's hosts[start:end + 1]
            int from = Math.min(start, hosts.size());
            int to = Math.min(Math.max(end + 1, from), hosts.size());
            return hosts.subList(from, to);
        }
        int index = start < 0 ? hosts.size() + start : start;
        if (index < 0 || index >= hosts.size()) {
            throw new InputError(null, "host pattern '" + original + "'", "no host at index " + start + ": the pattern "
                    + expr + " matches " + hosts.size() + " host(s), numbered from 0");
        }
        return List.of(hosts.get(index));
    }

    private static int toInt(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return digits.startsWith("-") ? Integer.MIN_VALUE + 1 : Integer.MAX_VALUE - 1;
        }
    }

    /** Ansible's _enumerate_matches: groups by name, then hosts, then the implicit localhost. */
    private List<String> enumerate(String pattern, List<Host> implicit) {
        Pattern regex = compile(pattern);
        boolean isRegex = pattern.charAt(0) == '~';
        List<String> results = new ArrayList<>();
        boolean matchedGroup = false;
        for (String group : inventory.groups().keySet()) {
            if (matches(regex, isRegex, group)) {
                matchedGroup = true;
                results.addAll(inventory.hostsOfGroup(group));
            }
        }
        boolean special = isRegex || pattern.contains(".") || pattern.contains("?") || pattern.contains("*")
                || pattern.contains("[");
        if (!matchedGroup || special) {
            for (Host h : inventory.hosts()) {
                if (matches(regex, isRegex, h.name())) {
                    results.add(h.name());
                }
            }
        }
        if (results.isEmpty()) {
            var local = inventory.implicitLocal(pattern);
            if (local.isPresent()) {
                implicit.add(local.get());
                results.add(pattern);
            }
        }
        if (results.isEmpty() && !matchedGroup && !pattern.equals(InventoryBuilder.ALL)) {
            unmatched.add(pattern);
        }
        return results;
    }

    private static boolean matches(Pattern regex, boolean isRegex, String name) {
        Matcher m = regex.matcher(name);
        return isRegex ? m.lookingAt() : m.matches();
    }

    private static Pattern compile(String pattern) {
        try {
            if (pattern.charAt(0) == '~') {
                return Pattern.compile(pattern.substring(1).replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>"));
            }
            return Fnmatch.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InputError(null, "host pattern '" + pattern + "'", "invalid pattern: " + e.getDescription());
        }
    }
}
