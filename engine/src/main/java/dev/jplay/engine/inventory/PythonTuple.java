package dev.jplay.engine.inventory;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * An immutable list that came from a Python tuple in an INI value ({@code x=1,2} or {@code x=(4,)}).
 * Everywhere it is a plain list; only {@code --graph --vars} prints it as {@code (1, 2)}, as Ansible does.
 */
final class PythonTuple extends AbstractList<Object> {
    private final List<Object> items;

    PythonTuple(Collection<?> items) {
        this.items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
