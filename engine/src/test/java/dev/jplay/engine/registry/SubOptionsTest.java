package dev.jplay.engine.registry;

import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dict option's declared keys are checked at load (a typo in a sub-option no longer waits for the run). */
class SubOptionsTest {
    private static final ModuleSpec SPEC = ModuleSpec.builder("image")
            .option(OptionSpec.of("build", OptionType.DICT, "build settings").suboptions(
                    OptionSpec.of("file", OptionType.STR, "Containerfile"),
                    OptionSpec.of("cache", OptionType.BOOL, "cache"),
                    OptionSpec.of("format", OptionType.STR, "format").choices("oci", "docker")))
            .option(OptionSpec.of("mounts", OptionType.LIST, "mounts").suboptions(
                    OptionSpec.of("src", OptionType.STR, "source").asRequired(),
                    OptionSpec.of("dst", OptionType.STR, "target")))
            .option(OptionSpec.of("labels", OptionType.DICT, "free keys"))
            .build();

    private static List<String> problems(Map<String, Object> args) {
        return ArgsBinder.check(SPEC, args).stream().map(ArgsBinder.Problem::message).toList();
    }

    @Test
    void anUnknownKeyIsRefusedWithASuggestion() {
        assertEquals(List.of("unknown key 'fil' in option 'build' of module 'image' (did you mean 'file'?); it takes: file, cache, format"),
                problems(Map.of("build", Map.of("fil", "Containerfile"))));
    }

    @Test
    void subOptionValuesAreTypedAndChoicesChecked() {
        List<String> p = problems(Map.of("build", Map.of("cache", "maybe", "format", "tar")));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("option 'build.cache' expects")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("option 'build.format' must be one of oci, docker")), p.toString());
    }

    @Test
    void listItemsAreCheckedOneByOneAndRequiredKeysMustBeThere() {
        assertEquals(List.of("option 'mounts[1]' of module 'image' requires the key 'src'"),
                problems(Map.of("mounts", List.of(Map.of("src", "/a"), Map.of("dst", "/b")))));
    }

    @Test
    void expressionsAreCheckedWhenRenderedAndFreeDictsStayFree() {
        assertEquals(List.of(), problems(Map.of("build", "{{ settings }}", "labels", Map.of("anything", 1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArgsBinder.bind(SPEC, Map.of("build", Map.of("fil", "x"))));
        assertTrue(e.getMessage().startsWith("unknown key 'fil' in option 'build'"), e.getMessage());
        assertEquals(Map.of("file", "x"), ArgsBinder.bind(SPEC, Map.of("build", Map.of("file", "x"))).map("build"));
    }
}
