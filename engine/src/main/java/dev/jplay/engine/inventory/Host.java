package dev.jplay.engine.inventory;

import java.util.Map;

/**
 * A host as the inventory defines it.
 *
 * @param name the inventory name ({@code inventory_hostname})
 * @param vars the variables set on the host itself (inline INI vars, YAML host vars, the port of
 *             {@code host:port}), in the order written; group vars and host_vars/ files are merged
 *             only by {@link Inventory#varsFor(String)}. Unmodifiable.
 */
public record Host(String name, Map<String, Object> vars) {
}
