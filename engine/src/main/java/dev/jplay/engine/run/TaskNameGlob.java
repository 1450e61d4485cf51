package dev.jplay.engine.run;

import java.util.regex.Pattern;

/**
 * A task name pattern as {@code --start-at-task} takes it in Ansible: the name itself, or a shell
 * glob (Python's fnmatch: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}), matched against the
 * task's name and against its name with the role ({@code role : name}).
 */
public record TaskNameGlob(String pattern, Pattern regex) {

    public static TaskNameGlob of(String pattern) {
        return new TaskNameGlob(pattern, Pattern.compile(translate(pattern), Pattern.DOTALL));
    }

    public boolean matches(String name, String displayName) {
        return name != null && (name.equals(pattern) || regex.matcher(name).matches())
                || displayName != null && (displayName.equals(pattern) || regex.matcher(displayName).matches());
    }

    /** fnmatch.translate: everything but the glob characters stands for itself. */
    private static String translate(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < glob.length() && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < glob.length() && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < glob.length() && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= glob.length()) {
                    re.append("\\[");
                } else {
                    String set = glob.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    } else if (set.startsWith("^")) {
                        set = "\\" + set;
                    }
                    re.append('[').append(set.replace("[", "\\[").replace("&&", "\\&\\&")).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
