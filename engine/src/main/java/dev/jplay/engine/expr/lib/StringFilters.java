package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jinja2's text filters (lower, title, truncate, indent, wordcount...) plus Ansible's split and quote. */
final class StringFilters {
    private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SHELL_SAFE = Pattern.compile("[\\w@%+=:,./-]+");

    private StringFilters() {
    }

    static void register(Library.Builder b) {
        b.filter("lower", (v, a, c) -> PyValues.str(v).toLowerCase(Locale.ROOT));
        b.filter("upper", (v, a, c) -> PyValues.str(v).toUpperCase(Locale.ROOT));
        b.filter("capitalize", (v, a, c) -> capitalize(PyValues.str(v)));
        b.filter("title", (v, a, c) -> title(PyValues.str(v)));
        b.filter("replace", (v, a, c) -> replace(PyValues.str(v), PyValues.str(a.required(0, "old", "replace")),
                PyValues.str(a.required(1, "new", "replace")), a.get(2, "count", null)));
        b.filter("trim", (v, a, c) -> PyText.strip(PyValues.str(v), a.get(0, "chars", null), true, true));
        b.filter("center", (v, a, c) -> center(PyValues.str(v), (int) Operands.integer(a.get(0, "width", 80L), "center(width)")));
        b.filter("truncate", (v, a, c) -> truncate(PyValues.str(v), a));
        b.filter("wordcount", (v, a, c) -> (long) countWords(PyValues.str(v)));
        b.filter("indent", (v, a, c) -> indent(PyValues.str(v), a.get(0, "width", 4L), PyValues.truthy(a.get(1, "first", false)),
                PyValues.truthy(a.get(2, "blank", false))));
        b.filter("split", (v, a, c) -> PyText.split(Operands.string(v, "split"), a.get(0, "sep", null),
                (int) Operands.integer(a.get(1, "maxsplit", -1L), "split(maxsplit)")));
        b.filter("quote", (v, a, c) -> shellQuote(PyValues.str(v)));
        b.filter("comment", (v, a, c) -> comment(PyValues.str(v), PyValues.str(a.get(0, "style", "plain")), a.named()));
        Filter escape = (v, a, c) -> PyValues.str(v).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&#34;").replace("'", "&#39;");
        b.filter("escape", escape).filter("e", escape).filter("forceescape", escape);
        b.filter("safe", (v, a, c) -> v);
        b.filter("format", (v, a, c) -> {
            if (!a.positional().isEmpty() && !a.named().isEmpty()) {
                throw new FilterError("can't handle positional and keyword arguments at the same time");
            }
            return PyFormat.format(PyValues.str(v), a.named().isEmpty() ? a.positional() : a.named());
        });
        b.filter("striptags", (v, a, c) -> String.join(" ", PyText.split(PyValues.str(v).replaceAll("(?s)<!--.*?-->|<[^>]*>", ""), null, -1)
                .stream().map(Object::toString).toList()));
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Jinja2's title: each word (after -, whitespace or an opening bracket) capitalized. */
    static String title(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = WORD_BEGINNING.matcher(s);
        int last = 0;
        while (m.find()) {
            out.append(capitalize(s.substring(last, m.start())));
            out.append(capitalize(m.group()));
            last = m.end();
        }
        out.append(capitalize(s.substring(last)));
        return out.toString();
    }

    private static String replace(String s, String old, String replacement, Object countArg) {
        long count = countArg == null ? -1 : Operands.integer(countArg, "replace(count)");
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (long done = 0; done < count; done++) {
            int at = old.isEmpty() ? (from <= s.length() ? from : -1) : s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            out.append(s, from, at).append(replacement);
            if (old.isEmpty()) {
                if (at < s.length()) {
                    out.append(s.charAt(at));
                }
                from = at + 1;
            } else {
                from = at + old.length();
            }
        }
        if (from <= s.length()) {
            out.append(s.substring(from));
        }
        return out.toString();
    }

    /** Python's str.center: the odd space goes left when the width is odd. */
    static String center(String s, int width) {
        int pad = width - s.length();
        if (pad <= 0) {
            return s;
        }
        int left = pad / 2 + (pad & width & 1);
        return " ".repeat(left) + s + " ".repeat(pad - left);
    }

    private static String truncate(String s, CallArgs a) {
        int length = (int) Operands.integer(a.get(0, "length", 255L), "truncate(length)");
        boolean killwords = PyValues.truthy(a.get(1, "killwords", false));
        String end = PyValues.str(a.get(2, "end", "..."));
        Object leewayArg = a.get(3, "leeway", null);
        int leeway = leewayArg == null ? 5 : (int) Operands.integer(leewayArg, "truncate(leeway)");
        if (length < end.length()) {
            throw new FilterError("expected length >= " + end.length() + ", got " + length);
        }
        if (leeway < 0) {
            throw new FilterError("expected leeway >= 0, got " + leeway);
        }
        if (s.length() <= length + leeway) {
            return s;
        }
        String head = s.substring(0, length - end.length());
        if (killwords) {
            return head + end;
        }
        int space = head.lastIndexOf(' ');
        return (space < 0 ? head : head.substring(0, space)) + end;
    }

    private static int countWords(String s) {
        Matcher m = WORD.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Jinja2's indent: every line but the first (unless first), blank lines only when blank. */
    static String indent(String s, Object width, boolean first, boolean blank) {
        String indention = width instanceof CharSequence w ? w.toString() : " ".repeat((int) Operands.integer(width, "indent(width)"));
        List<String> lines = PyText.splitlines(s + "\n");
        StringBuilder rv = new StringBuilder();
        if (blank) {
            rv.append(String.join("\n" + indention, lines));
        } else {
            rv.append(lines.get(0));
            List<String> rest = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rest.add(line.isEmpty() ? line : indention + line);
            }
            if (!rest.isEmpty()) {
                rv.append("\n").append(String.join("\n", rest));
            }
        }
        return first ? indention + rv : rv.toString();
    }

    /** Ansible's comment filter: text decorated as a comment block in the plain, erlang, c, cblock or xml style. */
    private static String comment(String text, String style, java.util.Map<String, Object> kw) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        String decoration = switch (style) {
            case "plain" -> "# ";
            case "erlang" -> "% ";
            case "c" -> "// ";
            case "cblock" -> " * ";
            case "xml" -> " - ";
            default -> throw new FilterError("comment: unknown style '" + style + "'; expected plain, erlang, c, cblock or xml");
        };
        String prepostfix = kw.containsKey("decoration") ? PyValues.str(kw.get("decoration")) : decoration;
        params.put("newline", "\n");
        params.put("beginning", style.equals("cblock") ? "/*" : style.equals("xml") ? "<!--" : "");
        params.put("prefix", PyText.strip(prepostfix, null, false, true));
        params.put("prefix_count", "1");
        params.put("decoration", decoration);
        params.put("postfix", PyText.strip(prepostfix, null, false, true));
        params.put("postfix_count", "1");
        params.put("end", style.equals("cblock") ? " */" : style.equals("xml") ? "-->" : "");
        kw.forEach((k, x) -> params.put(k, PyValues.str(x)));
        String nl = params.get("newline");
        String deco = params.get("decoration");
        String beginning = params.get("beginning").isEmpty() ? "" : params.get("beginning") + nl;
        String prefix = "";
        int prefixCount = Integer.parseInt(params.get("prefix_count"));
        if (!params.get("prefix").isEmpty()) {
            prefix = (params.get("prefix").equals(nl) ? nl : params.get("prefix") + nl).repeat(prefixCount);
        }
        String body = (deco + text.replace(nl, nl + deco)).replace(deco + nl, PyText.strip(deco, null, false, true) + nl);
        StringBuilder postfix = new StringBuilder();
        for (int i = 0; i < Integer.parseInt(params.get("postfix_count")); i++) {
            postfix.append(nl).append(params.get("postfix"));
        }
        String end = params.get("end").isEmpty() ? "" : nl + params.get("end");
        return beginning + prefix + body + postfix + end;
    }

    /** Python's shlex.quote, which Ansible's quote filter is. */
    static String shellQuote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (SHELL_SAFE.matcher(s).matches() && s.chars().allMatch(ch -> ch < 128)) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
