package dev.jplay.engine.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module did on one host.
 *
 * @param changed  the host's state differs from before (or would, in check mode)
 * @param failed   the task failed
 * @param skipped  the module chose not to act (e.g. cannot predict in check mode); {@code msg} says why
 * @param msg      a human summary
 * @param values   module-specific return values (Ansible's keys: rc, stdout, stdout_lines, dest, ...)
 * @param diffs    before/after for diff mode
 * @param facts    variables to set on the host ({@code set_fact}, fact-returning modules)
 * @param warnings shown after the task's status line
 */
public record ModuleResult(boolean changed, boolean failed, boolean skipped, String msg, Map<String, Object> values,
                           List<FileDiff> diffs, Map<String, Object> facts, List<String> warnings) {

    public ModuleResult {
        msg = msg == null ? "" : msg;
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        diffs = List.copyOf(diffs);
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        warnings = List.copyOf(warnings);
    }

    public static Builder ok() {
        return new Builder(false);
    }

    public static Builder changed(boolean changed) {
        return new Builder(changed);
    }

    public static ModuleResult skipped(String why) {
        return new Builder(false).skipped().msg(why).build();
    }

    public static ModuleResult failed(String msg) {
        return new Builder(false).failed().msg(msg).build();
    }

    /** Ansible's register shape: changed, failed, msg, plus the values. */
    public Map<String, Object> asRegistered() {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put("changed", changed);
        m.put("failed", failed);
        if (skipped) {
            m.put("skipped", true);
        }
        if (!msg.isEmpty()) {
            m.putIfAbsent("msg", msg);
        }
        return m;
    }

    public ModuleResult withChanged(boolean c) {
        return new ModuleResult(c, failed, skipped, msg, values, diffs, facts, warnings);
    }

    public ModuleResult withFailed(boolean f, String message) {
        return new ModuleResult(changed, f, skipped, message, values, diffs, facts, warnings);
    }

    /** Collects a result piece by piece. */
    public static final class Builder {
        private boolean changed;
        private boolean failed;
        private boolean skipped;
        private String msg = "";
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final List<FileDiff> diffs = new ArrayList<>();
        private final Map<String, Object> facts = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        private Builder(boolean changed) {
            this.changed = changed;
        }

        public Builder changed(boolean c) {
            changed = c;
            return this;
        }

        public Builder failed() {
            failed = true;
            return this;
        }

        public Builder skipped() {
            skipped = true;
            return this;
        }

        public Builder msg(String m) {
            msg = m;
            return this;
        }

        public Builder value(String key, Object v) {
            values.put(key, v);
            return this;
        }

        public Builder values(Map<String, ?> m) {
            values.putAll(m);
            return this;
        }

        public Builder diff(FileDiff d) {
            diffs.add(d);
            return this;
        }

        public Builder fact(String key, Object v) {
            facts.put(key, v);
            return this;
        }

        public Builder warn(String w) {
            warnings.add(w);
            return this;
        }

        public ModuleResult build() {
            return new ModuleResult(changed, failed, skipped, msg, values, diffs, facts, warnings);
        }
    }
}
