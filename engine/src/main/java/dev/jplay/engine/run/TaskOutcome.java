package dev.jplay.engine.run;

import dev.jplay.engine.spi.ModuleResult;

import java.time.Duration;
import java.util.List;

/**
 * The result of one task on one host.
 *
 * @param task        what the output calls the task
 * @param delegatedTo the host the module ran on when delegated, else null
 * @param result      the module's result (for a loop: the combined one; values hold {@code results})
 * @param items       one outcome per loop item, empty without a loop
 * @param ignored     failed, but {@code ignore_errors} let the host go on
 * @param hidden      {@code no_log}: show nothing of the result
 * @param attempts    how many times {@code until} ran the module (1 without)
 * @param module      the module's name ("" for engine steps such as fact gathering)
 */
public record TaskOutcome(String host, String task, String delegatedTo, TaskStatus status, ModuleResult result,
                          List<ItemOutcome> items, Duration duration, boolean ignored, boolean hidden, int attempts, String module) {

    /**
     * One loop item's result; {@code label} is what the output shows after {@code item=}, {@code item}
     * the item itself, under the name {@code loopVar}.
     */
    public record ItemOutcome(String label, TaskStatus status, ModuleResult result, String loopVar, Object item) {
    }

    public boolean changed() {
        return status == TaskStatus.CHANGED;
    }

    /** What the recap counts as changed: a change, or (as Ansible counts it) an ignored failure whose result changed. */
    public boolean countsAsChanged() {
        return status == TaskStatus.CHANGED || status == TaskStatus.FAILED && ignored && result != null && result.changed();
    }

    public String msg() {
        return result == null ? "" : result.msg();
    }
}
