package dev.jplay.engine.playbook;

import java.nio.file.Path;
import java.util.Map;

/**
 * A role a task comes from: its folder (templates/ and files/ are searched there first), its
 * defaults (lowest precedence), its vars and the parameters it was called with.
 */
public record RoleContext(String name, Path dir, Map<String, Object> defaults, Map<String, Object> vars,
                          Map<String, Object> params) {
}
