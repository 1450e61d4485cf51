package dev.jplay.engine.expr.lib;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The filters, tests and lookups an expression can call, by name. Ansible's qualified names
 * ({@code ansible.builtin.to_json}, {@code ansible.utils.ipaddr}...) resolve to the short name.
 */
public final class Library {
    private static final String[] PREFIXES = {"ansible.builtin.", "ansible.netcommon.", "ansible.utils.", "community.general."};

    private final Map<String, Filter> filters;
    private final Map<String, ValueTest> tests;
    private final Map<String, Lookup> lookups;

    private Library(Builder b) {
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
        tests = Collections.unmodifiableMap(new LinkedHashMap<>(b.tests));
        lookups = Collections.unmodifiableMap(new LinkedHashMap<>(b.lookups));
    }

    /** Jinja2's built-ins plus Ansible's, built once. */
    public static Library standard() {
        return Holder.STANDARD;
    }

    public Filter filter(String name) {
        return filters.get(shortName(name));
    }

    public ValueTest test(String name) {
        return tests.get(shortName(name));
    }

    public Lookup lookup(String name) {
        return lookups.get(shortName(name));
    }

    public Set<String> filterNames() {
        return filters.keySet();
    }

    public Set<String> testNames() {
        return tests.keySet();
    }

    public Set<String> lookupNames() {
        return lookups.keySet();
    }

    private static String shortName(String name) {
        for (String p : PREFIXES) {
            if (name.startsWith(p)) {
                return name.substring(p.length());
            }
        }
        return name;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Filter> filters = new LinkedHashMap<>();
        private final Map<String, ValueTest> tests = new LinkedHashMap<>();
        private final Map<String, Lookup> lookups = new LinkedHashMap<>();

        public Builder filter(String name, Filter f) {
            filters.put(name, f);
            return this;
        }

        public Builder test(String name, ValueTest t) {
            tests.put(name, t);
            return this;
        }

        public Builder lookup(String name, Lookup l) {
            lookups.put(name, l);
            return this;
        }

        public Library build() {
            return new Library(this);
        }
    }

    private static final class Holder {
        static final Library STANDARD = StandardLibrary.build();
    }
}
