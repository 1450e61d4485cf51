package dev.jplay.engine.inventory;

/**
 * A rule of the inventory's structure was broken (a group loop, an empty name, a child that is not
 * defined). Raised by {@link InventoryBuilder}, which knows no file positions; the parser that made
 * the call turns it into an {@link dev.jplay.engine.error.InputError} at the offending line.
 */
final class InventoryRuleError extends RuntimeException {
    InventoryRuleError(String message) {
        super(message);
    }
}
