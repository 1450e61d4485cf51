package dev.jplay.modules.files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** tar --compare lines and what ansible-core 2.14's unarchive (TgzArchive.is_unarchived) decides for them. */
class TarCompareTest {

    @ParameterizedTest(name = "{0} root={1} mode={2} owner={3} -> unarchived={4}")
    @CsvSource(delimiter = '|', value = {
        "''|false|false|false|true",
        "top/a.txt: Mod time differs|false|false|false|false",
        "top/a.txt: Contents differ|false|false|false|true",
        "top/a.txt: Size differs|false|false|false|true",
        "tar: top/b.txt: Warning: Cannot stat: No such file or directory|false|false|false|false",
        "tar: : Warning: Cannot stat: No such file or directory|false|false|false|true",
        "top/a.txt: Mode differs|false|false|false|false",
        "top/a.txt: Mode differs|false|true|false|true",
        "top/a.txt: Uid differs|false|false|false|true",
        "top/a.txt: Uid differs|true|false|false|false",
        "top/a.txt: Uid differs|true|false|true|true",
        "tar: top/a.txt: Invalid owner|false|false|false|false",
    })
    void decidesAsAnsible(String line, boolean root, boolean mode, boolean owner, boolean unarchived) {
        assertEquals(unarchived, TarCompare.unarchived(line, root, mode, owner, false));
    }
}
