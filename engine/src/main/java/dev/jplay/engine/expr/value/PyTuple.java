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
    public PyTuple() {
    }

    public PyTuple(Collection<?> items) {
        super(items);
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
