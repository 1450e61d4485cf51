package dev.jplay.modules.system;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;

import java.util.List;

/**
 * Ansible's {@code apt}, for the options it shares with {@code package} (name, state, update_cache):
 * the same logic, restricted to apt-get, run with DEBIAN_FRONTEND=noninteractive and the old config
 * files kept. Fails clearly on a host without apt-get.
 */
public final class AptModule implements Module {

    private static final PackageInstaller INSTALLER = new PackageInstaller(List.of(PackageManager.APT));
    private static final ModuleSpec SPEC = PackageInstaller.spec("apt", "Installs, upgrades or removes packages with apt-get "
            + "(noninteractive). Takes the subset of Ansible's apt options that package also has.",
            "present", "absent", "latest").build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        return INSTALLER.run(ctx);
    }
}
