package dev.jplay.modules.podman;

import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.List;

/**
 * Options whose values podman reads as operands or names (images, containers, tags, executables): a
 * value starting with {@code -} would be read as one of podman's options ({@code image: --privileged}
 * gave {@code podman create --name web --privileged}), and no image, container or tag name may start
 * with one, so such values are refused before anything runs. Control characters are refused too: these
 * values also land in unit files and in podman's JSON filters.
 */
final class PodmanOperands {
    private PodmanOperands() {
    }

    /** Refuses the named options' values (strings or lists of strings) that start with '-' or hold a control character. */
    static void check(ModuleArgs a, String... options) throws ModuleFailure {
        for (String o : options) {
            Object v = a.raw(o);
            if (v instanceof List<?> l) {
                for (Object item : l) {
                    checkOne(o, String.valueOf(item));
                }
            } else if (v != null) {
                checkOne(o, String.valueOf(v));
            }
        }
    }

    static void checkOne(String option, String value) throws ModuleFailure {
        if (value.startsWith("-")) {
            throw new ModuleFailure("option '" + option + "': '" + value + "' starts with '-', which podman would read as an option;"
                    + " expected a name");
        }
        UnitValues.refuseControl(option, value);
    }
}
