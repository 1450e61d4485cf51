package dev.jplay.modules.system;

import dev.jplay.engine.connection.LocalConnection;
import dev.jplay.engine.spi.ModuleResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getent for real on this machine: root's passwd entry, and a missing user with fail_key false. */
class GetentLocalTest {

    @Test
    void rootsPasswdEntryBecomesTheFact() {
        ModuleResult r = new RealRun(new LocalConnection()).run(new GetentModule(), Map.of("database", "passwd", "key", "root"));
        assertFalse(r.failed(), r.toString());
        assertFalse(r.changed());
        @SuppressWarnings("unchecked")
        Map<String, Object> passwd = (Map<String, Object>) r.facts().get("getent_passwd");
        List<?> root = (List<?>) passwd.get("root");
        assertEquals(6, root.size(), root.toString());
        assertEquals(List.of("0", "0"), root.subList(1, 3));
    }

    @Test
    void aMissingKeyIsNullWithFailKeyFalse() {
        ModuleResult r = new RealRun(new LocalConnection()).run(new GetentModule(),
                Map.of("database", "passwd", "key", "jplay-no-such-user", "fail_key", false));
        assertFalse(r.failed(), r.toString());
        assertTrue(((Map<?, ?>) r.facts().get("getent_passwd")).containsKey("jplay-no-such-user"));
        assertEquals(null, ((Map<?, ?>) r.facts().get("getent_passwd")).get("jplay-no-such-user"));
    }
}
