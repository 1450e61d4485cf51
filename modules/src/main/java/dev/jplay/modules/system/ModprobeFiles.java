package dev.jplay.modules.system;

/**
 * The lines of modules-load.d and modprobe.d files that concern one module, as community.general.modprobe
 * reads and edits them: a modules-load.d line naming the module loads it, a modprobe.d line
 * "options NAME ..." gives its parameters; turning them off comments them out with '#'. Pure.
 */
final class ModprobeFiles {
    private ModprobeFiles() {
    }

    static boolean loads(String text, String name) {
        for (String line : text.split("\n")) {
            if (same(line.strip(), name)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasOptions(String text, String options) {
        for (String line : text.split("\n")) {
            if (String.join(" ", line.strip().split("\\s+")).equals(options)) {
                return true;
            }
        }
        return false;
    }

    static String commentLoads(String text, String name) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(text)) {
            out.append(same(line.strip(), name) ? "#" + line : line).append('\n');
        }
        return out.toString();
    }

    static String commentOptions(String text, String name) {
        StringBuilder out = new StringBuilder();
        for (String line : lines(text)) {
            String[] w = line.strip().split("\\s+");
            boolean mine = w.length >= 2 && w[0].equals("options") && same(w[1], name);
            out.append(mine ? "#" + line : line).append('\n');
        }
        return out.toString();
    }

    /** Module names are the same with - and _ swapped, as the kernel reads them. */
    private static boolean same(String word, String name) {
        return word.replace('-', '_').equals(name.replace('-', '_'));
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return t.split("\n", -1);
    }
}
