package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;

/** random and shuffle: with a seed, Python's Mersenne Twister (Ansible's exact result); without, the system's random source. */
final class RandomFilters {
    private static final SecureRandom SYSTEM = new SecureRandom();

    private RandomFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("random", (v, a, c) -> random(v, a.get(0, "start", null), a.get(1, "step", null), a.get(2, "seed", null)));
        b.filter("shuffle", (v, a, c) -> {
            List<Object> items = Operands.iterate(v, "shuffle");
            Object seed = a.get(0, "seed", null);
            if (PyValues.truthy(seed)) {
                new PyRandom(seed).shuffle(items);
            } else {
                Collections.shuffle(items, SYSTEM);
            }
            return items;
        });
    }

    private static Object random(Object end, Object start, Object step, Object seed) {
        PyRandom seeded = seed == null ? null : new PyRandom(seed);
        if (Operands.isInt(end) || end instanceof Boolean) {
            long from = PyValues.truthy(start) ? Operands.integer(start, "random(start)") : 0;
            long by = PyValues.truthy(step) ? Operands.integer(step, "random(step)") : 1;
            long to = Operands.integer(end, "random");
            if (seeded != null) {
                return seeded.randrange(from, to, by);
            }
            long n = by > 0 ? Math.floorDiv(to - from + by - 1, by) : Math.floorDiv(to - from + by + 1, by);
            if (by == 0 || n <= 0) {
                throw new FilterError("empty range for randrange() (" + from + ", " + to + ", " + (to - from) + ")");
            }
            return from + by * (long) (SYSTEM.nextDouble() * n);
        }
        if (Operands.iterable(end)) {
            if (PyValues.truthy(start) || PyValues.truthy(step)) {
                throw new FilterError("start and step can only be used with integer values");
            }
            List<Object> items = Operands.iterate(end, "random");
            if (seeded != null) {
                return seeded.choice(items);
            }
            if (items.isEmpty()) {
                throw new FilterError("Cannot choose from an empty sequence");
            }
            return items.get(SYSTEM.nextInt(items.size()));
        }
        throw new FilterError("random can only be used on sequences and integers");
    }
}
