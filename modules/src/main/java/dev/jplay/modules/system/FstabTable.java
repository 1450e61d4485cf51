package dev.jplay.modules.system;

import java.util.ArrayList;
import java.util.List;

/**
 * fstab lines and ansible.posix.mount's edits of them (Linux): the entry whose mount point is the
 * path is rewritten in place when a field differs (a 4- or 5-field entry always is, to the 6-field
 * form), or appended; removal drops 6-field entries of the path. Other lines stay byte for byte. Pure.
 */
final class FstabTable {

    /** The fields of an entry; dump and passno are null when the line leaves them out. */
    record Entry(String src, String name, String fstype, String opts, String dump, String passno) {
        String line() {
            return src + " " + name + " " + fstype + " " + opts + " " + dump + " " + passno + "\n";
        }
    }

    /** The result of an edit: the new text and whether it differs (Ansible's changed). */
    record Edit(String text, boolean changed, boolean existed) {
    }

    private FstabTable() {
    }

    /** fstab's octal escapes for the characters that would split a field, as Ansible writes them. */
    static String escape(String v) {
        return v.replace("\\", "\\134").replace(" ", "\\040").replace("&", "\\046");
    }

    /** The lines with their newlines; a last line without one gets one when {@code complete} (Ansible's set does, unset not). */
    private static List<String> lines(String text, boolean complete) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int nl = text.indexOf('\n', from);
            String line = nl < 0 ? text.substring(from) + (complete ? "\n" : "") : text.substring(from, nl + 1);
            out.add(line);
            from = nl < 0 ? text.length() : nl + 1;
        }
        return out;
    }

    private static boolean otherSwap(Entry want, String name, String fstype, String src) {
        return name.equals("none") && fstype.equals("swap") && !src.equals(want.src());
    }

    /** Sets the entry (fields already escaped); {@code want.src} null means "any source" for swap matching. */
    static Edit set(String text, Entry want) {
        StringBuilder out = new StringBuilder();
        boolean exists = false;
        boolean changed = false;
        for (String line : lines(text, true)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                out.append(line);
                continue;
            }
            String[] f = line.split("#", -1)[0].trim().split("\\s+");
            if (f.length < 4 || f.length > 6) {
                out.append(line);
                continue;
            }
            String dump = f.length > 4 ? f[4] : null;
            String passno = f.length > 5 ? f[5] : null;
            if (!f[1].equals(want.name()) || otherSwap(want, f[1], f[2], f[0])) {
                out.append(line);
                continue;
            }
            exists = true;
            boolean differs = !f[0].equals(want.src()) || !f[2].equals(want.fstype()) || !f[3].equals(want.opts())
                    || !want.dump().equals(dump) || !want.passno().equals(passno);
            // as Ansible: once one entry differed, later entries of the path are rewritten too
            changed |= differs;
            out.append(changed ? want.line() : line);
        }
        if (!exists) {
            out.append(want.line());
            changed = true;
        }
        return new Edit(out.toString(), changed, exists);
    }

    /** Removes the path's 6-field entries (name already escaped; src may be null). */
    static Edit unset(String text, String name, String src) {
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        for (String line : lines(text, false)) {
            String t = line.strip();
            String[] f = t.split("\\s+");
            if (t.isEmpty() || t.startsWith("#") || f.length != 6) {
                out.append(line);
                continue;
            }
            if (!f[1].equals(name) || src != null && f[1].equals("none") && f[2].equals("swap") && !f[0].equals(src)) {
                out.append(line);
                continue;
            }
            changed = true;
        }
        return new Edit(out.toString(), changed, changed);
    }
}
