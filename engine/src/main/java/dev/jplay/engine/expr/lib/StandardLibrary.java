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
        SelectFilters.register(b);
        SetFilters.register(b);
        SequenceFilters.register(b);
        DictFilters.register(b);
        NumberFilters.register(b);
        RegexFilters.register(b);
        PathFilters.register(b);
        HashFilters.register(b);
        DataFormatFilters.register(b);
        BuiltinTests.register(b);
        AnsibleTests.register(b);
        FileTests.register(b);
        RandomFilters.register(b);
        SizeFilters.register(b);
        UrlFilters.register(b);
        VarsLookups.register(b);
        FileLookups.register(b);
        CommandLookups.register(b);
        ListLookups.register(b);
        SequenceLookup.register(b);
        PasswordLookup.register(b);
        TableLookups.register(b);
        return b.build();
    }
}
