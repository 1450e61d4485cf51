package dev.jplay.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A module's facts are host facts under ansible_facts, as in Ansible; set_fact's are variables only. */
class ModuleFactsE2ETest {
    @TempDir
    Path tmp;

    @Test
    void getentAndPackageFactsAreUnderAnsibleFactsAndSetFactIsNot() {
        Workspace ws = new Workspace(tmp);
        Path pb = ws.write("pb.yml", """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - getent: {database: passwd, key: root}
                    - package_facts:
                    - set_fact: {mine: 1}
                    - debug:
                        msg: "uid={{ ansible_facts.getent_passwd.root[1] }} top={{ getent_passwd.root[1] }} bash={{ 'bash' in ansible_facts.packages }} mine={{ 'mine' in ansible_facts }}"
                """);
        Jplay.run(pb).exits(0).printed("uid=0 top=0 bash=True mine=False");
    }
}
