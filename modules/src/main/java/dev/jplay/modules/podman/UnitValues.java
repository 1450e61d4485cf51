package dev.jplay.modules.podman;

import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleFailure;

import java.util.List;
import java.util.Map;

/**
 * Values that end up in a systemd unit file or another line-based config: each must stay on its line.
 * A newline would start a new key or section ({@code ExecStartPre=}, a second {@code [Service]}), and
 * systemd has no escape for one in most settings, so control characters are refused, in every option.
 */
final class UnitValues {
    private UnitValues() {
    }

    /** Refuses a control character (newline, CR, NUL, escape...) in any string in the task's options. */
    static void refuseControlInAll(ModuleArgs a) throws ModuleFailure {
        for (Map.Entry<String, Object> e : a.asMap().entrySet()) {
            refuseControlIn(e.getKey(), e.getValue());
        }
    }

    /** Refuses a control character in a string, or in any key or string value of a map or list, of one option. */
    static void refuseControlIn(String option, Object v) throws ModuleFailure {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                refuseControl(option, String.valueOf(e.getKey()));
                refuseControlIn(option, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            for (Object item : l) {
                refuseControlIn(option, item);
            }
        } else if (v instanceof String s) {
            refuseControl(option, s);
        }
    }

    static void refuseControl(String option, String value) throws ModuleFailure {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new ModuleFailure("option '" + option + "': a control character (\\u" + String.format("%04x", (int) c)
                        + ") is not allowed in a value written to a unit or config file");
            }
        }
    }

    /** Text for a systemd setting that takes free text: {@code %} doubled so systemd does not expand it as a specifier. */
    static String text(String value) {
        return value.replace("%", "%%");
    }
}
