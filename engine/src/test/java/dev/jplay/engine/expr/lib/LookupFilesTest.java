package dev.jplay.engine.expr.lib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lookups that write or run things on the controller: password files, template rendering, pipe's folder. */
class LookupFilesTest {
    @TempDir
    Path dir;

    private List<Object> lookup(String name, Object term, Map<String, Object> kw, TableContext ctx) {
        return Library.standard().lookup(name).run(List.of(term), new CallArgs(List.of(), kw), ctx);
    }

    private TableContext ctx() {
        return new TableContext(Map.of(), List.of(dir.resolve("role"), dir));
    }

    @Test
    void passwordIsCreatedOnceWithPrivateModesThenReused() throws Exception {
        List<Object> first = lookup("password", "creds/db length=15 chars=ascii_letters,digits", Map.of(), ctx());
        Path file = dir.resolve("creds/db");
        String pw = (String) first.get(0);
        assertEquals(15, pw.length());
        assertTrue(pw.matches("[A-Za-z0-9]+"), pw);
        assertEquals(pw + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(first, lookup("password", "creds/db length=15", Map.of(), ctx()));
        assertNotEquals(first, lookup("password", "creds/other length=15", Map.of(), ctx()));
    }

    @Test
    void encryptKeepsTheSaltInTheFileAndHashesAsAnsible() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "secret salt=mysalt\n");
        // ansible localhost -m debug -a 'msg={{ "secret" | password_hash("sha512", "mysalt") }}' (ansible-core 2.14)
        assertEquals(List.of("$6$mysalt$UX6P1VKOf6dr0s2pg4pLNvIUB6hLXvP6M5f/Yj9hJgMPdAJ4oArvk5YUD9/XWtk1JOpVwt/JTsczMJr8sFVML1"),
                lookup("password", "pw encrypt=sha512_crypt", Map.of(), ctx()));
        assertEquals(List.of("secret"), lookup("password", "pw", Map.of(), ctx()));

        Files.writeString(file, "plain\n");
        String hash = (String) lookup("password", "pw", Map.of("encrypt", "sha512_crypt"), ctx()).get(0);
        String content = Files.readString(file);
        assertTrue(content.matches("plain salt=[./0-9A-Za-z]{16}\n"), content);
        String salt = content.substring("plain salt=".length(), content.length() - 1);
        assertEquals(HashFilters.passwordHash("plain", "sha512", salt, null, null, null), hash);
        assertTrue(hash.startsWith("$6$" + salt + "$"), hash);
    }

    @Test
    void passwordRefusesUnknownParameters() {
        FilterError e = assertThrows(FilterError.class, () -> lookup("password", "pw lenght=3", Map.of(), ctx()));
        assertEquals("Unrecognized parameter(s) given to password lookup: lenght", e.getMessage());
    }

    @Test
    void templateLookupRendersTheFileFromTemplatesThroughTheEvaluator() throws Exception {
        Files.createDirectories(dir.resolve("role/templates"));
        Files.writeString(dir.resolve("role/templates/motd.j2"), "Hello {{ name }}\n");
        List<String> seen = new ArrayList<>();
        TableContext ctx = new TableContext(Library.standard(), Map.of(), List.of(dir.resolve("role"), dir), (text, source) -> {
            seen.add(text + "@" + source);
            return "rendered";
        });
        assertEquals(List.of("rendered"), lookup("template", "motd.j2", Map.of(), ctx));
        assertEquals(List.of("Hello {{ name }}\n@" + dir.resolve("role/templates/motd.j2")), seen);
        FilterError e = assertThrows(FilterError.class, () -> lookup("template", "none.j2", Map.of(), ctx));
        assertEquals("the template file none.j2 could not be found for the lookup", e.getMessage());
    }

    @Test
    void pipeRunsInThePlaybookFolderThroughSh() throws Exception {
        Files.createDirectories(dir.resolve("role"));
        assertEquals(List.of(dir.toRealPath().toString()), lookup("pipe", "pwd -P", Map.of(), ctx()));
        assertEquals(List.of("a b"), lookup("pipe", "printf '%s %s\\n\\n' a b", Map.of(), ctx()));
        FilterError e = assertThrows(FilterError.class, () -> lookup("pipe", "exit 4", Map.of(), ctx()));
        assertEquals("lookup_plugin.pipe(exit 4) returned 4", e.getMessage());
    }

    @Test
    void fileTestsResolveRelativePathsAlongTheSearchPath() throws Exception {
        Files.createDirectories(dir.resolve("role/files"));
        Files.writeString(dir.resolve("role/only-in-role"), "x");
        assertTrue(Library.standard().test("file").test("only-in-role", CallArgs.NONE, ctx()));
        assertTrue(Library.standard().test("directory").test("files", CallArgs.NONE, ctx()));
        assertEquals(false, Library.standard().test("exists").test("nowhere", CallArgs.NONE, ctx()));
    }
}
