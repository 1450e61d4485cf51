package dev.jplay.engine.playbook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keywords of a task (or block, or play) other than its module, each stored under its
 * {@link Keyword}; a keyword not set at this level is absent (its accessor gives null, or an empty
 * list or map). Blocks and plays pass theirs down: {@link #inheritFrom} applies an enclosing level
 * for every keyword the table marks {@link Keyword#inherited() inherited}, so each task carries its
 * effective keywords and the executor looks in one place. Values that may hold an expression
 * ({@code ignore_errors}, {@code retries}, {@code timeout}, ...) are kept as written and typed when
 * the executor's keyword resolver renders them.
 */
public final class TaskKeywords {

    /** {@code loop_control}: the loop variable's name, the label shown per item, and an index variable. */
    public record LoopControl(String loopVar, String label, String indexVar, Object pause) {
        public static final LoopControl DEFAULT = new LoopControl("item", null, null, null);
    }

    public static final TaskKeywords EMPTY = builder().build();

    /** Only the keywords set at this level; collections are never empty here, values never null. */
    private final EnumMap<Keyword, Object> values;

    private TaskKeywords(EnumMap<Keyword, Object> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder(new EnumMap<>(Keyword.class));
    }

    public Builder toBuilder() {
        return new Builder(new EnumMap<>(values));
    }

    /** Whether this level sets the keyword ({@code loop} stands for every loop form). */
    public boolean has(Keyword k) {
        return values.containsKey(k);
    }

    public List<String> when() {
        return list(Keyword.WHEN);
    }

    /** The loop's items as written, or a {@code LoopLookup} for the {@code with_*} forms; null for no loop. */
    public Object loop() {
        return values.get(Keyword.LOOP);
    }

    public LoopControl loopControl() {
        return (LoopControl) values.get(Keyword.LOOP_CONTROL);
    }

    public String register() {
        return (String) values.get(Keyword.REGISTER);
    }

    public List<String> notifies() {
        return list(Keyword.NOTIFY);
    }

    public List<String> listen() {
        return list(Keyword.LISTEN);
    }

    @SuppressWarnings("unchecked")
    public Set<String> tags() {
        return (Set<String>) values.getOrDefault(Keyword.TAGS, Set.of());
    }

    public Boolean become() {
        return (Boolean) values.get(Keyword.BECOME);
    }

    public String becomeUser() {
        return (String) values.get(Keyword.BECOME_USER);
    }

    public String becomeMethod() {
        return (String) values.get(Keyword.BECOME_METHOD);
    }

    public List<String> failedWhen() {
        return list(Keyword.FAILED_WHEN);
    }

    public List<String> changedWhen() {
        return list(Keyword.CHANGED_WHEN);
    }

    /** A Boolean, or an expression string rendered per host. */
    public Object ignoreErrors() {
        return values.get(Keyword.IGNORE_ERRORS);
    }

    public Boolean ignoreUnreachable() {
        return (Boolean) values.get(Keyword.IGNORE_UNREACHABLE);
    }

    public List<String> until() {
        return list(Keyword.UNTIL);
    }

    /** An Integer, or an expression string. */
    public Object retries() {
        return values.get(Keyword.RETRIES);
    }

    /** An Integer, or an expression string. */
    public Object delay() {
        return values.get(Keyword.DELAY);
    }

    public Boolean noLog() {
        return (Boolean) values.get(Keyword.NO_LOG);
    }

    public Boolean checkMode() {
        return (Boolean) values.get(Keyword.CHECK_MODE);
    }

    public Boolean diff() {
        return (Boolean) values.get(Keyword.DIFF);
    }

    public Map<String, Object> environment() {
        return map(Keyword.ENVIRONMENT);
    }

    public Boolean runOnce() {
        return (Boolean) values.get(Keyword.RUN_ONCE);
    }

    public Map<String, Object> vars() {
        return map(Keyword.VARS);
    }

    public String delegateTo() {
        return (String) values.get(Keyword.DELEGATE_TO);
    }

    /** An Integer, or an expression string. */
    public Object timeout() {
        return values.get(Keyword.TIMEOUT);
    }

    /** An Integer, or an expression string. */
    public Object throttle() {
        return values.get(Keyword.THROTTLE);
    }

    public Boolean anyErrorsFatal() {
        return (Boolean) values.get(Keyword.ANY_ERRORS_FATAL);
    }

    public String connection() {
        return (String) values.get(Keyword.CONNECTION);
    }

    /**
     * This task's keywords with an enclosing block's or play's applied, for each inherited keyword:
     * conditions add up (outer first), tags and mappings merge (the inner level wins on a clash),
     * any other value is taken from outside only where this level leaves it unset.
     */
    public TaskKeywords inheritFrom(TaskKeywords outer) {
        EnumMap<Keyword, Object> v = new EnumMap<>(values);
        outer.values.forEach((k, o) -> {
            if (k.inherited()) {
                v.merge(k, o, (mine, out) -> merged(k, out, mine));
            }
        });
        return new TaskKeywords(v);
    }

    /** The keywords an enclosing level would pass down (see {@link Keyword#inherited()}), as a builder. */
    public Builder inheritable() {
        EnumMap<Keyword, Object> v = new EnumMap<>(Keyword.class);
        values.forEach((k, o) -> {
            if (k.inherited()) {
                v.put(k, o);
            }
        });
        return new Builder(v);
    }

    public TaskKeywords withTags(Set<String> more) {
        Set<String> t = new LinkedHashSet<>(tags());
        t.addAll(more);
        return toBuilder().tags(t).build();
    }

    private static Object merged(Keyword k, Object outer, Object inner) {
        return switch (k.type()) {
            case CONDITIONS -> {
                List<Object> l = new ArrayList<>((Collection<?>) outer);
                l.addAll((Collection<?>) inner);
                yield List.copyOf(l);
            }
            case TEXT_LIST -> {
                Set<Object> s = new LinkedHashSet<>((Collection<?>) outer);
                s.addAll((Collection<?>) inner);
                yield Collections.unmodifiableSet(s);
            }
            case MAPPING -> {
                Map<Object, Object> m = new LinkedHashMap<>((Map<?, ?>) outer);
                m.putAll((Map<?, ?>) inner);
                yield Collections.unmodifiableMap(m);
            }
            default -> inner;
        };
    }

    @SuppressWarnings("unchecked")
    private List<String> list(Keyword k) {
        return (List<String>) values.getOrDefault(k, List.of());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Keyword k) {
        return (Map<String, Object>) values.getOrDefault(k, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskKeywords other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey().key() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "TaskKeywords[", "]"));
    }

    /** Sets keywords by name; null or an empty list or mapping leaves (or makes) a keyword unset. */
    public static final class Builder {
        private final EnumMap<Keyword, Object> values;

        private Builder(EnumMap<Keyword, Object> values) {
            this.values = values;
        }

        public Builder when(List<String> v) {
            return list(Keyword.WHEN, v);
        }

        public Builder loop(Object v) {
            return put(Keyword.LOOP, v);
        }

        public Builder loopControl(LoopControl v) {
            return put(Keyword.LOOP_CONTROL, v);
        }

        public Builder register(String v) {
            return put(Keyword.REGISTER, v);
        }

        public Builder notifies(List<String> v) {
            return list(Keyword.NOTIFY, v);
        }

        public Builder listen(List<String> v) {
            return list(Keyword.LISTEN, v);
        }

        public Builder tags(Set<String> v) {
            return put(Keyword.TAGS, v == null || v.isEmpty() ? null : Collections.unmodifiableSet(new LinkedHashSet<>(v)));
        }

        public Builder become(Boolean v) {
            return put(Keyword.BECOME, v);
        }

        public Builder becomeUser(String v) {
            return put(Keyword.BECOME_USER, v);
        }

        public Builder becomeMethod(String v) {
            return put(Keyword.BECOME_METHOD, v);
        }

        public Builder failedWhen(List<String> v) {
            return list(Keyword.FAILED_WHEN, v);
        }

        public Builder changedWhen(List<String> v) {
            return list(Keyword.CHANGED_WHEN, v);
        }

        /** A Boolean, or an expression string. */
        public Builder ignoreErrors(Object v) {
            return put(Keyword.IGNORE_ERRORS, v);
        }

        public Builder ignoreUnreachable(Boolean v) {
            return put(Keyword.IGNORE_UNREACHABLE, v);
        }

        public Builder until(List<String> v) {
            return list(Keyword.UNTIL, v);
        }

        /** An Integer, or an expression string. */
        public Builder retries(Object v) {
            return put(Keyword.RETRIES, v);
        }

        /** An Integer, or an expression string. */
        public Builder delay(Object v) {
            return put(Keyword.DELAY, v);
        }

        public Builder noLog(Boolean v) {
            return put(Keyword.NO_LOG, v);
        }

        public Builder checkMode(Boolean v) {
            return put(Keyword.CHECK_MODE, v);
        }

        public Builder diff(Boolean v) {
            return put(Keyword.DIFF, v);
        }

        public Builder environment(Map<String, Object> v) {
            return map(Keyword.ENVIRONMENT, v);
        }

        public Builder runOnce(Boolean v) {
            return put(Keyword.RUN_ONCE, v);
        }

        public Builder vars(Map<String, Object> v) {
            return map(Keyword.VARS, v);
        }

        public Builder delegateTo(String v) {
            return put(Keyword.DELEGATE_TO, v);
        }

        /** An Integer, or an expression string. */
        public Builder timeout(Object v) {
            return put(Keyword.TIMEOUT, v);
        }

        /** An Integer, or an expression string. */
        public Builder throttle(Object v) {
            return put(Keyword.THROTTLE, v);
        }

        public Builder anyErrorsFatal(Boolean v) {
            return put(Keyword.ANY_ERRORS_FATAL, v);
        }

        public Builder connection(String v) {
            return put(Keyword.CONNECTION, v);
        }

        public TaskKeywords build() {
            return new TaskKeywords(new EnumMap<>(values));
        }

        private Builder list(Keyword k, List<String> v) {
            return put(k, v == null || v.isEmpty() ? null : List.copyOf(v));
        }

        private Builder map(Keyword k, Map<String, Object> v) {
            return put(k, v == null || v.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(v)));
        }

        private Builder put(Keyword k, Object v) {
            if (v == null) {
                values.remove(k);
            } else {
                values.put(k, v);
            }
            return this;
        }
    }
}
