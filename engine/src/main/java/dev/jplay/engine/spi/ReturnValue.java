package dev.jplay.engine.spi;

/**
 * One value a module returns, for its documentation's RETURN section (as Ansible's RETURN block).
 *
 * @param returned when it is there: "always", "success", "changed", ...
 */
public record ReturnValue(String name, String type, String returned, String description) {
}
