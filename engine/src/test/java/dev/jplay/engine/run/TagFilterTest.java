package dev.jplay.engine.run;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagFilterTest {
    @Test
    void ansibleTagRules() {
        TagFilter none = new TagFilter(Set.of(), Set.of());
        assertTrue(none.selects(Set.of()));
        assertTrue(none.selects(Set.of("web")));
        assertFalse(none.selects(Set.of("never")));
        TagFilter web = new TagFilter(Set.of("web"), Set.of());
        assertTrue(web.selects(Set.of("web", "x")));
        assertFalse(web.selects(Set.of("db")));
        assertTrue(web.selects(Set.of("always")));
        assertTrue(new TagFilter(Set.of("debug"), Set.of()).selects(Set.of("never", "debug")));
        TagFilter skip = new TagFilter(Set.of(), Set.of("always"));
        assertFalse(skip.selects(Set.of("always")));
        assertTrue(new TagFilter(Set.of("untagged"), Set.of()).selects(Set.of()));
    }
}
