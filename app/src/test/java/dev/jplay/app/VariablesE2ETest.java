package dev.jplay.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Variables: Ansible's precedence chain, vars folders, -e forms, magic variables, typed and lazy values. */
class VariablesE2ETest {
    /** Low to high; level i defines v_i..v_9, so v_i shows the level that wins for it. */
    private static final List<String> LEVELS = List.of("role-defaults", "inventory-group", "inventory-host", "play-vars",
            "vars-files", "role-vars", "task-vars", "set-fact", "extra-vars");

    @TempDir
    Path tmp;
    Workspace ws;

    @BeforeEach
    void setUp() {
        ws = new Workspace(tmp);
    }

    /** {@code v3: level, v4: level, ...} for the variables a level defines, in the given style. */
    private static String defines(int level, String style) {
        return IntStream.rangeClosed(level, LEVELS.size()).mapToObj(i -> String.format(style, i, LEVELS.get(level - 1)))
                .collect(Collectors.joining());
    }

    @Test
    void precedenceChainFromRoleDefaultsToExtraVars() {
        ws.write("inventory/hosts.ini", "[web]\nh1 ansible_connection=local " + defines(3, "v%d=%s ") + "\n\n[web:vars]\n"
                + defines(2, "v%d=%s\n"));
        ws.write("roles/chain/defaults/main.yml", defines(1, "v%d: %s\n"));
        ws.write("roles/chain/vars/main.yml", defines(6, "v%d: %s\n"));
        ws.write("roles/chain/tasks/main.yml", "- set_fact:\n" + defines(8, "    v%d: %s\n") + """
                - name: show the chain
                  debug:
                    msg: "{{ v1 }} {{ v2 }} {{ v3 }} {{ v4 }} {{ v5 }} {{ v6 }} {{ v7 }} {{ v8 }} {{ v9 }}"
                  vars:
                """ + defines(7, "    v%d: %s\n"));
        ws.write("vars/main.yml", defines(5, "v%d: %s\n"));
        Path pb = ws.write("site.yml", """
                - hosts: web
                  gather_facts: false
                  vars_files: [vars/main.yml]
                  vars:
                """ + defines(4, "    v%d: %s\n") + """
                  roles: [chain]
                """);
        Jplay.run(pb, "-i", ws.path("inventory/hosts.ini"), "-e", "v9=extra-vars").exits(0)
                .printed("\"msg\": \"" + String.join(" ", LEVELS) + "\"");
    }

    @Test
    void groupAndHostVarsFoldersBesideTheInventoryAndBesideThePlaybook() {
        ws.write("inventory/hosts.ini", """
                [web]
                h1 ansible_connection=local
                h2 ansible_connection=local
                [web:vars]
                from_ini=ini-group
                """);
        ws.write("inventory/group_vars/all.yml", "inv_all: inventory-all\nshared_group: inventory-group_vars\n");
        ws.write("inventory/group_vars/web.yml", "inv_web: inventory-web\nfrom_ini: inventory-group_vars-wins\n");
        ws.write("inventory/host_vars/h1.yml", "inv_host: inventory-h1\nshared_host: inventory-host_vars\nmixed: inventory-host\n");
        ws.write("play/group_vars/web.yml", "pb_web: playbook-web\nshared_group: playbook-group_vars\nmixed: playbook-group\n");
        ws.write("play/host_vars/h1.yml", "pb_host: playbook-h1\nshared_host: playbook-host_vars\n");
        Path pb = ws.write("play/site.yml", """
                - hosts: web
                  gather_facts: false
                  tasks:
                    - debug:
                        msg: >-
                          {{ inventory_hostname }}: {{ inv_all }} {{ inv_web }} {{ from_ini }} {{ inv_host | default('-') }}
                          {{ pb_web }} {{ pb_host | default('-') }} {{ shared_group }} {{ shared_host | default('-') }} {{ mixed }}
                """);
        Jplay.run(pb, "-i", ws.path("inventory/hosts.ini")).exits(0)
                .printed("\"msg\": \"h1: inventory-all inventory-web inventory-group_vars-wins inventory-h1 playbook-web playbook-h1 "
                        + "playbook-group_vars playbook-host_vars inventory-host\"")
                .printed("\"msg\": \"h2: inventory-all inventory-web inventory-group_vars-wins - playbook-web - "
                        + "playbook-group_vars - playbook-group\"");
    }

    @Test
    void extraVarsAsKeyValueJsonAndFilesLaterOnesWin() {
        ws.write("extra.yml", "from_yaml_file: yaml-file\nlist_from_file: [x, y, z]\noverridden: by-file\n");
        ws.write("extra.json", "{\"from_json_file\": {\"nested\": 7}, \"overridden\": \"by-json-file\"}");
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    plain: play-value
                    overridden: play-value
                  tasks:
                    - debug:
                        msg: >-
                          {{ plain }} | {{ quoted }} | {{ numbers | length }}:{{ numbers[1] + 1 }} | {{ from_yaml_file }}
                          {{ list_from_file | join('') }} | {{ from_json_file.nested * 6 }} | {{ overridden }}
                """);
        Jplay.run(pb, "-e", "plain=from-cli quoted='two words'", "-e", "{\"numbers\": [1, 2, 3]}", "-e", "@" + ws.path("extra.yml"),
                "-e", "@" + ws.path("extra.json")).exits(0)
                .printed("\"msg\": \"from-cli | two words | 3:3 | yaml-file xyz | 42 | by-json-file\"");
    }

    @Test
    void magicVariables() {
        ws.write("hosts.ini", """
                [web]
                h1 ansible_connection=local color=red
                h2 ansible_connection=local color=blue greeting="hi {{ inventory_hostname }}"
                [db]
                h3 ansible_connection=local
                [prod:children]
                web
                """);
        Path pb = ws.write("site.yml", """
                - hosts: web
                  gather_facts: false
                  tasks:
                    - name: magic
                      debug:
                        msg: >-
                          {{ inventory_hostname }} groups.web={{ groups.web | join(',') }} all={{ groups['all'] | length }}
                          names={{ group_names | sort | join(',') }} other={{ hostvars['h2'].color }} {{ hostvars['h2'].greeting }}
                          dir_ok={{ playbook_dir == '%s' }} check={{ ansible_check_mode }}
                """.formatted(tmp.toAbsolutePath()));
        RunResult r = Jplay.run(pb, "-i", ws.path("hosts.ini")).exits(0);
        // another host's variable is rendered in that host's context, as Ansible does
        r.printed("\"msg\": \"h1 groups.web=h1,h2 all=3 names=prod,web other=blue hi h2 dir_ok=True check=False\"");
        Jplay.run(pb, "-i", ws.path("hosts.ini"), "--check").exits(0).printed("check=True");
    }

    @Test
    void aStringThatIsOneExpressionKeepsItsType() {
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    base_list: [3, 1, 2]
                    base_map: {port: 8080, name: web}
                    as_list: "{{ base_list }}"
                    as_map: "{{ base_map }}"
                    as_number: "{{ base_map.port + 1 }}"
                    as_bool: "{{ base_map.port > 80 }}"
                    as_text: "port {{ base_map.port }}"
                  tasks:
                    - name: types
                      debug:
                        msg: >-
                          {{ as_list is sequence }} {{ as_list | sort | join('-') }} {{ as_map is mapping }} {{ as_map.name }}
                          {{ as_number is string }} {{ as_number | int * 2 }} {{ as_bool is boolean }} {{ as_text is string }}
                    - name: loop over the kept list
                      debug: msg="item {{ item }}"
                      loop: "{{ as_list }}"
                """);
        RunResult r = Jplay.run(pb).exits(0);
        r.printed("\"msg\": \"True 1-2-3 True web True 16162 True True\"");
        r.printed("ok: [localhost] => (item=3)").printed("ok: [localhost] => (item=2)");
    }

    @Test
    void lazyVariablesAreRenderedWhenUsedWithTheValuesOfThatMoment() {
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    greeting: "hello {{ who }} from {{ place }}"
                    who: world
                    place: "{{ inventory_hostname }}"
                  tasks:
                    - debug: msg="{{ greeting }}"
                    - set_fact:
                        who: jplay
                    - debug: msg="{{ greeting }}"
                    - name: register wins over play vars too
                      command: echo registered
                      register: place
                      changed_when: false
                    - debug: msg="{{ place.stdout }}"
                """);
        Jplay.run(pb).exits(0).printed("\"msg\": \"hello world from localhost\"").printed("\"msg\": \"hello jplay from localhost\"")
                .printed("\"msg\": \"registered\"");
    }

    @Test
    void factsAreGatheredByDefault() {
        Path pb = ws.write("site.yml", """
                - hosts: localhost
                  tasks:
                    - assert:
                        that:
                          - ansible_facts.os_family | length > 0
                          - ansible_distribution | length > 0
                          - ansible_facts.hostname | length > 0
                          - ansible_user_id | length > 0
                          - ansible_facts.architecture | length > 0
                    - debug: msg="family={{ ansible_facts.os_family }}"
                """);
        RunResult r = Jplay.run(pb).exits(0).printed("TASK [Gathering Facts]");
        r.recap("localhost", "ok=3 failed=0");
    }
}
