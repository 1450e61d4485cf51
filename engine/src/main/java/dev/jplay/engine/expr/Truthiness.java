package dev.jplay.engine.expr;

import java.util.Collection;
import java.util.Map;

/** Ansible's notion of true for conditions: booleans, yes/no words, non-zero numbers, non-empty things. */
public final class Truthiness {
    private Truthiness() {
    }

    public static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            return switch (s.strip().toLowerCase()) {
                case "", "false", "no", "off", "0", "n" -> false;
                default -> true;
            };
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }
}
