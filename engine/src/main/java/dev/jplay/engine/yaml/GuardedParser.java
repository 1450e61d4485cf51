package dev.jplay.engine.yaml;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

import java.nio.file.Path;

/**
 * Passes the parser's events to the composer, refusing a collection nested deeper than a limit as
 * soon as its start event is read (snakeyaml-engine's composer recurses once per level, so
 * {@code [[[[...]]]]} thousands deep would otherwise end in a StackOverflowError, with no place to
 * report), and a file with more values than a limit before they are all composed (each composed node
 * costs a few hundred bytes: 8 MB of {@code [1,1,1,...]} would take over a gigabyte). It also remembers where the last event was and whether aliases were used, so that limits
 * the composer enforces without a place (too many aliases) can still be reported with one.
 */
final class GuardedParser implements Parser {
    private final Parser parser;
    private final Path file;
    private final int maxDepth;
    private final int maxValues;
    private int depth;
    private int values;
    private int aliases;
    private Mark last;

    GuardedParser(Parser parser, Path file, int maxDepth, int maxValues) {
        this.parser = parser;
        this.file = file;
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event e = parser.next();
        last = e.getStartMark().orElse(last);
        Event.ID id = e.getEventId();
        if ((id == Event.ID.Scalar || id == Event.ID.SequenceStart || id == Event.ID.MappingStart || id == Event.ID.Alias)
                && ++values > maxValues) {
            throw new InputError(lastLocation(), "YAML holds more than " + maxValues + " values: expected at most " + maxValues
                    + " in one file (split it)");
        }
        switch (id) {
            case SequenceStart, MappingStart -> {
                if (++depth > maxDepth) {
                    throw new InputError(lastLocation(), "YAML is nested deeper than " + maxDepth + " levels: expected at most "
                            + maxDepth + " levels of lists and mappings");
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            case Alias -> aliases++;
            default -> {
            }
        }
        return e;
    }

    /** Where the last event read starts (the file alone before the first). */
    SourceLocation lastLocation() {
        return YamlReader.location(file, last);
    }

    boolean usedAliases() {
        return aliases > 0;
    }
}
