package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.value.PyTuple;
import dev.jplay.engine.expr.value.PyValues;
import dev.jplay.engine.expr.value.PyValues.TypeError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Python methods Ansible content calls on strings, lists and dicts ({@code x.split(',')},
 * {@code d.items()}, {@code l.append(x)}). As in Jinja2, an attribute that names one of these is the
 * method, before any dict key of the same name.
 */
final class Methods {
    private static final Set<String> STR = Set.of("split", "rsplit", "splitlines", "startswith", "endswith", "strip", "lstrip",
            "rstrip", "lower", "upper", "title", "capitalize", "swapcase", "replace", "format", "join", "find", "rfind", "index",
            "rindex", "count", "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "isnumeric", "isdecimal",
            "zfill", "center", "ljust", "rjust", "partition", "rpartition", "casefold", "removeprefix", "removesuffix", "expandtabs");
    private static final Set<String> LIST = Set.of("index", "count", "copy", "append", "extend", "insert", "pop", "remove",
            "reverse", "sort", "clear");
    private static final Set<String> DICT = Set.of("items", "keys", "values", "get", "copy", "update", "setdefault", "pop", "clear");

    private Methods() {
    }

    /** The bound method, or null when the value has no such method. */
    static JCallable find(Object self, String name) {
        if (self instanceof String s && STR.contains(name)) {
            return (args, kw) -> str(s, name, args, kw);
        }
        if (self instanceof List<?> l && LIST.contains(name)) {
            return (args, kw) -> list(l, name, args);
        }
        if (self instanceof Map<?, ?> m && DICT.contains(name)) {
            return (args, kw) -> dict(m, name, args, kw);
        }
        return null;
    }

    private static Object arg(List<Object> args, int i, Object fallback) {
        return i < args.size() ? args.get(i) : fallback;
    }

    private static String strArg(List<Object> args, int i, String method) {
        Object v = arg(args, i, null);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new TypeError(method + "() argument must be str, not " + PyValues.typeName(v));
        }
        return s;
    }

    private static Object str(String s, String name, List<Object> args, Map<String, Object> kw) {
        return switch (name) {
            case "split" -> split(s, strArg(args, 0, name), intArg(args, 1, kw.getOrDefault("maxsplit", -1L)));
            case "rsplit" -> rsplit(s, strArg(args, 0, name), intArg(args, 1, kw.getOrDefault("maxsplit", -1L)));
            case "splitlines" -> {
                List<Object> out = new ArrayList<>(Arrays.asList((Object[]) s.split("\r\n|\n|\r", -1)));
                if (!out.isEmpty() && "".equals(out.get(out.size() - 1))) {
                    out.remove(out.size() - 1);
                }
                yield out;
            }
            case "startswith", "endswith" -> {
                Object p = arg(args, 0, "");
                List<?> options = p instanceof List<?> l ? l : List.of(p);
                boolean hit = false;
                for (Object o : options) {
                    String x = PyValues.str(o);
                    hit |= name.equals("startswith") ? s.startsWith(x) : s.endsWith(x);
                }
                yield hit;
            }
            case "strip" -> strip(s, strArg(args, 0, name), true, true);
            case "lstrip" -> strip(s, strArg(args, 0, name), true, false);
            case "rstrip" -> strip(s, strArg(args, 0, name), false, true);
            case "lower", "casefold" -> s.toLowerCase(Locale.ROOT);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "swapcase" -> {
                StringBuilder sb = new StringBuilder();
                s.codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
                yield sb.toString();
            }
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "replace" -> {
                String old = strArg(args, 0, name);
                String rep = strArg(args, 1, name);
                long count = intArg(args, 2, -1L);
                if (old == null || rep == null) {
                    throw new TypeError("replace() takes at least 2 arguments");
                }
                yield count < 0 ? s.replace(old, rep) : replaceN(s, old, rep, count);
            }
            case "format" -> StrFormat.format(s, args, kw);
            case "join" -> {
                Object seq = arg(args, 0, List.of());
                List<String> parts = new ArrayList<>();
                for (Object o : Interpreter.iterate(seq)) {
                    if (!(o instanceof String x)) {
                        throw new TypeError("sequence item " + parts.size() + ": expected str instance, " + PyValues.typeName(o) + " found");
                    }
                    parts.add(x);
                }
                yield String.join(s, parts);
            }
            case "find", "index" -> {
                int i = s.indexOf(strArg(args, 0, name));
                if (i < 0 && name.equals("index")) {
                    throw new TypeError("substring not found");
                }
                yield (long) i;
            }
            case "rfind", "rindex" -> {
                int i = s.lastIndexOf(strArg(args, 0, name));
                if (i < 0 && name.equals("rindex")) {
                    throw new TypeError("substring not found");
                }
                yield (long) i;
            }
            case "count" -> {
                String sub = strArg(args, 0, name);
                long n = 0;
                if (sub.isEmpty()) {
                    yield (long) s.length() + 1;
                }
                for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                    n++;
                }
                yield n;
            }
            case "isdigit", "isnumeric", "isdecimal" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            case "zfill" -> {
                int w = (int) intArg(args, 0, 0L);
                if (s.length() >= w) {
                    yield s;
                }
                boolean sign = s.startsWith("-") || s.startsWith("+");
                yield (sign ? s.substring(0, 1) : "") + "0".repeat(w - s.length()) + (sign ? s.substring(1) : s);
            }
            case "center", "ljust", "rjust" -> {
                int w = (int) intArg(args, 0, 0L);
                String fill = args.size() > 1 ? strArg(args, 1, name) : " ";
                if (s.length() >= w) {
                    yield s;
                }
                int pad = w - s.length();
                yield switch (name) {
                    case "ljust" -> s + fill.repeat(pad);
                    case "rjust" -> fill.repeat(pad) + s;
                    default -> {
                        int left = pad / 2 + (pad & w & 1);
                        yield fill.repeat(left) + s + fill.repeat(pad - left);
                    }
                };
            }
            case "partition", "rpartition" -> {
                String sep = strArg(args, 0, name);
                int i = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
                if (i < 0) {
                    yield name.equals("partition") ? List.of(s, "", "") : List.of("", "", s);
                }
                yield List.of(s.substring(0, i), sep, s.substring(i + sep.length()));
            }
            case "removeprefix" -> {
                String p = strArg(args, 0, name);
                yield s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix" -> {
                String p = strArg(args, 0, name);
                yield !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            case "expandtabs" -> s.replace("\t", " ".repeat((int) intArg(args, 0, 8L)));
            default -> throw new IllegalStateException(name);
        };
    }

    private static long intArg(List<Object> args, int i, Object fallback) {
        Object v = arg(args, i, fallback);
        if (!Operators.isInt(v)) {
            throw new TypeError("an integer is required, not " + PyValues.typeName(v));
        }
        return Operators.num(v).longValue();
    }

    private static String replaceN(String s, String old, String rep, long count) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (long n = 0; n < count; n++) {
            int i = s.indexOf(old, from);
            if (i < 0) {
                break;
            }
            sb.append(s, from, i).append(rep);
            from = i + old.length();
        }
        return sb.append(s.substring(from)).toString();
    }

    static List<Object> split(String s, String sep, long max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String t = s.stripLeading();
            while (!t.isEmpty()) {
                if (max >= 0 && out.size() == max) {
                    out.add(t);
                    return out;
                }
                int i = 0;
                while (i < t.length() && !Character.isWhitespace(t.charAt(i))) {
                    i++;
                }
                out.add(t.substring(0, i));
                t = t.substring(i).stripLeading();
            }
            return out;
        }
        if (sep.isEmpty()) {
            throw new TypeError("empty separator");
        }
        int from = 0;
        while (max < 0 || out.size() < max) {
            int i = s.indexOf(sep, from);
            if (i < 0) {
                break;
            }
            out.add(s.substring(from, i));
            from = i + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static List<Object> rsplit(String s, String sep, long max) {
        if (max < 0 || sep == null) {
            return split(s, sep, max);
        }
        List<Object> out = new ArrayList<>();
        int to = s.length();
        while (out.size() < max) {
            int i = s.lastIndexOf(sep, to - sep.length());
            if (i < 0 || to - sep.length() < 0) {
                break;
            }
            out.add(0, s.substring(i + sep.length(), to));
            to = i;
        }
        out.add(0, s.substring(0, to));
        return out;
    }

    private static String strip(String s, String chars, boolean left, boolean right) {
        int a = 0;
        int b = s.length();
        if (chars == null) {
            while (left && a < b && Character.isWhitespace(s.charAt(a))) {
                a++;
            }
            while (right && b > a && Character.isWhitespace(s.charAt(b - 1))) {
                b--;
            }
        } else {
            while (left && a < b && chars.indexOf(s.charAt(a)) >= 0) {
                a++;
            }
            while (right && b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
                b--;
            }
        }
        return s.substring(a, b);
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean prevLetter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevLetter = Character.isLetter(c);
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object list(List<?> l, String name, List<Object> args) {
        List<Object> self = (List<Object>) l;
        try {
            return switch (name) {
                case "index" -> {
                    for (int i = 0; i < l.size(); i++) {
                        if (PyValues.equal(l.get(i), arg(args, 0, null))) {
                            yield (long) i;
                        }
                    }
                    throw new TypeError(PyValues.repr(arg(args, 0, null)) + " is not in list");
                }
                case "count" -> l.stream().filter(x -> PyValues.equal(x, arg(args, 0, null))).count();
                case "copy" -> new ArrayList<>(l);
                case "append" -> {
                    self.add(arg(args, 0, null));
                    yield null;
                }
                case "extend" -> {
                    self.addAll(Interpreter.iterate(arg(args, 0, List.of())));
                    yield null;
                }
                case "insert" -> {
                    int i = (int) intArg(args, 0, 0L);
                    self.add(Math.max(0, Math.min(i < 0 ? l.size() + i : i, l.size())), arg(args, 1, null));
                    yield null;
                }
                case "pop" -> {
                    if (l.isEmpty()) {
                        throw new TypeError("pop from empty list");
                    }
                    int i = (int) intArg(args, 0, -1L);
                    yield self.remove(i < 0 ? l.size() + i : i);
                }
                case "remove" -> {
                    Object x = arg(args, 0, null);
                    for (int i = 0; i < l.size(); i++) {
                        if (PyValues.equal(l.get(i), x)) {
                            self.remove(i);
                            yield null;
                        }
                    }
                    throw new TypeError("list.remove(x): x not in list");
                }
                case "reverse" -> {
                    java.util.Collections.reverse(self);
                    yield null;
                }
                case "sort" -> {
                    self.sort(PyValues::compare);
                    yield null;
                }
                case "clear" -> {
                    self.clear();
                    yield null;
                }
                default -> throw new IllegalStateException(name);
            };
        } catch (UnsupportedOperationException e) {
            throw new TypeError("this list cannot be changed in place (it comes from the playbook): build a new one, e.g. l + [x]");
        }
    }

    @SuppressWarnings("unchecked")
    private static Object dict(Map<?, ?> m, String name, List<Object> args, Map<String, Object> kw) {
        Map<Object, Object> self = (Map<Object, Object>) m;
        try {
            return switch (name) {
                case "items" -> {
                    List<Object> out = new ArrayList<>(m.size());
                    m.forEach((k, v) -> out.add(PyTuple.of(k, v)));
                    yield out;
                }
                case "keys" -> new ArrayList<>(m.keySet());
                case "values" -> new ArrayList<>(m.values());
                case "get" -> {
                    Object k = arg(args, 0, null);
                    yield m.containsKey(k) ? m.get(k) : arg(args, 1, null);
                }
                case "copy" -> new LinkedHashMap<>(m);
                case "update" -> {
                    if (!args.isEmpty()) {
                        Object o = args.get(0);
                        if (o instanceof Map<?, ?> other) {
                            self.putAll(other);
                        } else {
                            for (Object pair : Interpreter.iterate(o)) {
                                List<Object> p = Interpreter.iterate(pair);
                                self.put(p.get(0), p.get(1));
                            }
                        }
                    }
                    self.putAll(kw);
                    yield null;
                }
                case "setdefault" -> {
                    Object k = arg(args, 0, null);
                    if (!m.containsKey(k)) {
                        self.put(k, arg(args, 1, null));
                    }
                    yield m.get(k);
                }
                case "pop" -> {
                    Object k = arg(args, 0, null);
                    if (m.containsKey(k)) {
                        yield self.remove(k);
                    }
                    if (args.size() > 1) {
                        yield args.get(1);
                    }
                    throw new TypeError("KeyError: " + PyValues.repr(k));
                }
                case "clear" -> {
                    self.clear();
                    yield null;
                }
                default -> throw new IllegalStateException(name);
            };
        } catch (UnsupportedOperationException e) {
            throw new TypeError("this dict cannot be changed in place (it comes from the playbook): build a new one, e.g. d | combine({...})");
        }
    }
}
