package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Ansible's tests on controller paths: file, directory, link, exists, link_exists, abs, same_file, mount. */
final class FileTests {
    private FileTests() {
    }

    static void register(Library.Builder b) {
        ValueTest file = (v, a, c) -> Files.isRegularFile(path(v, c, "file"));
        ValueTest dir = (v, a, c) -> Files.isDirectory(path(v, c, "directory"));
        ValueTest link = (v, a, c) -> Files.isSymbolicLink(path(v, c, "link"));
        ValueTest exists = (v, a, c) -> Files.exists(path(v, c, "exists"));
        ValueTest linkExists = (v, a, c) -> Files.exists(path(v, c, "link_exists"), LinkOption.NOFOLLOW_LINKS);
        ValueTest abs = (v, a, c) -> Operands.string(v, "abs").startsWith("/");
        ValueTest same = (v, a, c) -> {
            try {
                return Files.isSameFile(path(v, c, "same_file"), path(a.required(0, "b", "same_file"), c, "same_file"));
            } catch (IOException e) {
                throw new FilterError("same_file: " + e.getMessage());
            }
        };
        ValueTest mount = (v, a, c) -> {
            Path p = path(v, c, "mount");
            try {
                Path parent = p.toRealPath().getParent();
                return parent == null || !Files.getFileStore(p).equals(Files.getFileStore(parent))
                        || Files.getAttribute(p, "unix:ino").equals(Files.getAttribute(parent, "unix:ino"));
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        };
        b.test("file", file).test("is_file", file);
        b.test("directory", dir).test("is_dir", dir);
        b.test("link", link).test("is_link", link);
        b.test("exists", exists);
        b.test("link_exists", linkExists);
        b.test("abs", abs).test("is_abs", abs);
        b.test("same_file", same).test("is_same_file", same);
        b.test("mount", mount).test("is_mount", mount);
    }

    private static Path path(Object v, CallContext ctx, String test) {
        if (!(v instanceof CharSequence)) {
            throw new PyValues.TypeError("the '" + test + "' test expects a path (a string), got " + Operands.describe(v));
        }
        return PyPaths.controller(v.toString(), ctx);
    }
}
