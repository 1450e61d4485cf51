package dev.jplay.engine.spi;

/** The type of a module option; values from YAML (or from expressions at run time) are coerced to it. */
public enum OptionType {
    /** text; numbers and booleans are turned into their text */
    STR,
    /** true/false, also yes/no, on/off, 1/0 as Ansible accepts */
    BOOL,
    INT,
    FLOAT,
    /** a list; a comma-separated string is split */
    LIST,
    DICT,
    /** a path on the host or controller: text, {@code ~} kept as is */
    PATH,
    /** a file mode: octal text like {@code "0644"} or {@code u+rwx}; a YAML integer is read as octal digits */
    MODE,
    /** any value, unchanged */
    RAW
}
