package dev.jplay.engine.expr.lib;

/** Registers every built-in filter, test and lookup; each family lives in its own class. */
final class StandardLibrary {
    private StandardLibrary() {
    }

    static Library build() {
        Library.Builder b = Library.builder();
        DefaultFilters.register(b);
        TypeFilters.register(b);
        StringFilters.register(b);
        CollectionFilters.register(b);
        DataFormatFilters.register(b);
        BuiltinTests.register(b);
        return b.build();
    }
}
