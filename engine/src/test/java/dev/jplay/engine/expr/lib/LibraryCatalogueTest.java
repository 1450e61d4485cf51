package dev.jplay.engine.expr.lib;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Every filter, test and lookup issue #12 asks for is registered, under its short and its ansible.builtin name. */
class LibraryCatalogueTest {
    private static final List<String> FILTERS = List.of("bool", "int", "float", "string", "default", "d", "mandatory", "ternary",
            "to_json", "to_nice_json", "from_json", "to_yaml", "to_nice_yaml", "from_yaml", "regex_replace", "regex_search",
            "regex_findall", "regex_escape", "quote", "basename", "dirname", "b64encode", "b64decode", "combine", "dict2items",
            "items2dict", "selectattr", "rejectattr", "map", "select", "reject", "unique", "union", "difference", "intersect",
            "symmetric_difference", "flatten", "zip", "zip_longest", "product", "sort", "min", "max", "sum", "length", "count",
            "first", "last", "join", "split", "lower", "upper", "capitalize", "title", "replace", "trim", "center", "truncate",
            "wordcount", "indent", "list", "abs", "round", "splitext", "realpath", "expanduser", "password_hash", "hash", "checksum",
            "random", "shuffle", "dictsort", "groupby", "batch", "slice", "reverse", "attr", "tojson", "urlencode", "urlsplit",
            "comment", "type_debug", "extract", "subelements", "human_readable", "human_to_bytes");
    private static final List<String> TESTS = List.of("defined", "undefined", "none", "boolean", "true", "false", "string", "number",
            "integer", "float", "mapping", "iterable", "sequence", "divisibleby", "even", "odd", "lower", "upper", "eq", "ne", "lt",
            "gt", "ge", "le", "==", "!=", "<", ">", "<=", ">=", "in", "match", "search", "regex", "version", "version_compare",
            "succeeded", "success", "failed", "failure", "changed", "change", "skipped", "skip", "subset", "superset", "contains",
            "any", "all", "file", "directory", "exists", "link", "abs");
    private static final List<String> LOOKUPS = List.of("env", "file", "template", "vars", "pipe", "password", "first_found",
            "fileglob", "lines", "items", "list", "dict", "sequence", "subelements", "indexed_items", "together", "nested",
            "random_choice", "ini", "csvfile");

    @Test
    void everyNameIsRegistered() {
        Library lib = Library.standard();
        List<String> missing = new ArrayList<>();
        FILTERS.stream().filter(n -> lib.filter(n) == null).forEach(n -> missing.add("filter " + n));
        TESTS.stream().filter(n -> lib.test(n) == null).forEach(n -> missing.add("test " + n));
        LOOKUPS.stream().filter(n -> lib.lookup(n) == null).forEach(n -> missing.add("lookup " + n));
        assertEquals(List.of(), missing);
    }

    @Test
    void qualifiedNamesResolve() {
        Library lib = Library.standard();
        assertNotNull(lib.filter("ansible.builtin.to_json"));
        assertSame(lib.filter("combine"), lib.filter("ansible.builtin.combine"));
        assertSame(lib.lookup("file"), lib.lookup("ansible.builtin.file"));
    }
}
