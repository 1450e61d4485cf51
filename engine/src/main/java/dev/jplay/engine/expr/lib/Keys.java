package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Jinja2's sort and group keys: an item's attribute (or several, "a,b"), lower-cased unless case_sensitive. */
final class Keys {
    private Keys() {
    }

    /** Jinja2's ignore_case postprocess: text lower-cased, anything else as is. */
    static Object fold(Object v, boolean caseSensitive) {
        return !caseSensitive && v instanceof CharSequence s ? s.toString().toLowerCase(Locale.ROOT) : v;
    }

    static Object key(Object item, Object attribute, boolean caseSensitive) {
        return fold(Attributes.get(item, attribute), caseSensitive);
    }

    /** make_multi_attrgetter: "a,b" compares the tuple (a, b). */
    static Object multiKey(Object item, Object attribute, boolean caseSensitive) {
        if (attribute instanceof CharSequence s && s.toString().contains(",")) {
            List<Object> parts = new ArrayList<>();
            for (String a : s.toString().split(",")) {
                parts.add(key(item, a, caseSensitive));
            }
            return parts;
        }
        return key(item, attribute, caseSensitive);
    }

    static final Comparator<Object> PYTHON_ORDER = PyValues::compare;
}
