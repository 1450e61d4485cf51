package dev.jplay.engine.run;

import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.VarScope;
import dev.jplay.engine.playbook.Keyword;
import dev.jplay.engine.playbook.TaskKeywords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's {@code loop} on one host: its items with their loop variables and labels. Module tasks
 * and include_tasks loop through this one reading of loop and loop_control.
 */
final class LoopItems {
    private LoopItems() {
    }

    /**
     * One item of a loop.
     *
     * @param vars the loop variables: loop_var (and index_var), plus ansible_loop_var
     */
    record Item(Object value, String loopVar, Map<String, Object> vars, String label) {
    }

    /** The items of the task's loop, or an empty list without one; a loop that gives no list is a {@link KeywordError}. */
    static List<Item> of(TaskKeywords kw, VarScope scope, Expressions expressions) {
        Object items = expressions.renderLoop(kw.loop(), scope);
        if (!(items instanceof List<?> list)) {
            throw new KeywordError(Keyword.LOOP, "expected a list, but it gave " + (items == null ? "nothing"
                    : items.getClass().getSimpleName().toLowerCase() + " '" + Expressions.toText(items) + "'"));
        }
        TaskKeywords.LoopControl lc = kw.loopControl() == null ? TaskKeywords.LoopControl.DEFAULT : kw.loopControl();
        List<Item> out = new ArrayList<>();
        int index = 0;
        for (Object item : list) {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put(lc.loopVar(), item);
            vars.put("ansible_loop_var", lc.loopVar());
            if (lc.indexVar() != null) {
                vars.put(lc.indexVar(), index);
            }
            index++;
            // as Ansible shows an item: Python's str() ({'key': 'a'}, True, None); items are data, never rendered again
            String label = PyValues.str(lc.label() != null ? scope.withData(vars).render(lc.label()) : item);
            out.add(new Item(item, lc.loopVar(), vars, label));
        }
        return out;
    }
}
