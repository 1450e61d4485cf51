package dev.jplay.engine.expr.value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A Python tuple: a list in every use (index, iterate, unpack, JSON), but printed as Python prints a
 * tuple ({@code (1, 2)}, {@code (1,)}) and never equal to a list. Jinja2 and Ansible make them for
 * {@code (a, b)} literals, {@code d.items()}, {@code zip}, {@code dictsort}, {@code groupby},
 * {@code product}, {@code subelements}...; Ansible's non-native output prints them so.
 */
public final class PyTuple extends ArrayList<Object> {
    /** A named tuple's field names (groupby's grouper and list), else empty. */
    private final List<String> fields;

    public PyTuple() {
        this.fields = List.of();
    }

    private PyTuple(List<String> fields, Collection<?> items) {
        super(items);
        this.fields = List.copyOf(fields);
    }

    /** A named tuple: its items are also attributes by these names. */
    public static PyTuple named(List<String> fields, Object... items) {
        return new PyTuple(fields, List.of(items));
    }

    /** The item a named tuple calls {@code name}, or {@code absent} when it has no such field. */
    public Object field(String name, Object absent) {
        int i = fields.indexOf(name);
        return i < 0 ? absent : get(i);
    }

    public PyTuple(Collection<?> items) {
        super(items);
        this.fields = List.of();
    }

    public static PyTuple of(Object... items) {
        PyTuple t = new PyTuple();
        for (Object o : items) {
            t.add(o);
        }
        return t;
    }

    public static PyTuple copyOf(List<?> items) {
        return new PyTuple(items);
    }
}
