package dev.jplay.engine.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Valid inputs the fuzzer starts from: playbooks written here to reach every part of the loader,
 * the project's own playbooks, and the inventories and vars files of the inventory tests.
 */
final class Seeds {
    private Seeds() {
    }

    /** Files every fuzzed playbook may refer to (imports, templates, vars files, a role), relative to its folder. */
    static final List<String[]> SUPPORT_FILES = List.of(
            new String[] {"tasks/common.yml", """
                    - name: common
                      debug: msg="{{ greeting }}"
                    - import_tasks: more.yml
                    """},
            new String[] {"tasks/more.yml", "- command: echo more\n  changed_when: false\n"},
            new String[] {"templates/app.conf.ftl", "name=${app_name}\nport=${app_port!8080}\n<#list users as u>${u}\n</#list>\n"},
            new String[] {"vars/common.yml", "greeting: hello\nusers: [a, b]\napp_port: 8080\n"},
            new String[] {"roles/web/tasks/main.yml", "- name: role task\n  template: {src: site.ftl, dest: /tmp/site}\n  notify: reload\n"},
            new String[] {"roles/web/handlers/main.yml", "- name: reload\n  command: echo reload\n"},
            new String[] {"roles/web/defaults/main.yml", "web_port: 80\n"},
            new String[] {"roles/web/templates/site.ftl", "port=${web_port}\n"},
            new String[] {"other.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg=other\n"});

    static final List<String> PLAYBOOKS = List.of("""
            - name: Everything a play can hold
              hosts: web:&prod:!db
              gather_facts: false
              become: true
              become_user: root
              serial: [1, "50%"]
              max_fail_percentage: 20
              vars:
                app_name: demo
                app_port: 8080
                users: [alice, bob]
                nested: {a: {b: [1, 2, {c: d}]}}
                anchored: &common {x: 1, y: 2}
                merged:
                  <<: *common
                  z: 3
              vars_files: [vars/common.yml]
              environment: {LANG: C}
              tags: [setup]
              pre_tasks:
                - debug: msg="starting {{ app_name }}"
              roles:
                - web
                - {role: web, vars: {web_port: 81}, tags: [w]}
              tasks:
                - name: Write config
                  copy:
                    content: "port={{ app_port }}\\n"
                    dest: /etc/app.conf
                    mode: "0644"
                  notify: restart app
                  register: written
                - name: Loop with control
                  file: path=/srv/{{ item }} state=directory mode=0755
                  loop: "{{ users }}"
                  loop_control: {loop_var: item, label: "{{ item }}", index_var: i}
                  when:
                    - users | length > 0
                    - app_port | int > 1024 or app_name == 'demo'
                - name: A block
                  block:
                    - command: /bin/true
                      register: r
                      failed_when: r.rc != 0 and r.rc != 2
                      changed_when: false
                      until: r.rc == 0
                      retries: 3
                      delay: 1
                  rescue:
                    - fail: msg="failed {{ r.rc | default('-') }}"
                  always:
                    - debug: var=r
                - import_tasks: tasks/common.yml
                - include_tasks: tasks/more.yml
                - template: {src: app.conf.ftl, dest: /etc/app/app.conf}
                - lineinfile: {path: /etc/hosts, line: "127.0.0.1 demo", regexp: "^127"}
                - set_fact: {computed: "{{ app_port + 1 }}", flag: true}
                - assert: {that: ["computed | int > 0"], fail_msg: nope}
                - systemd: {name: app, state: restarted, enabled: true, scope: user}
                  ignore_errors: "{{ ansible_check_mode }}"
                  timeout: 30
                - uri: {url: "http://localhost:{{ app_port }}/", status_code: [200, 204]}
                  delegate_to: localhost
                  run_once: true
                  no_log: true
                - meta: flush_handlers
              post_tasks:
                - debug: msg=done
                  tags: [always]
              handlers:
                - name: restart app
                  systemd: {name: app, state: restarted}
                  listen: app changed
            - import_playbook: other.yml
            """, """
            - hosts: localhost
              gather_facts: no
              tasks:
                - shell: echo {{ 'a' }} | tr a b
                  args: {chdir: /tmp}
                  environment:
                    X: "{{ x | default('y') }}"
                  with_items: [1, 2, 3]
                - package: name=curl,git state=present
                  become: yes
                  become_method: su
                - debug:
                    msg: >-
                      folded {{ 1 + 2 }}
                      text
                - debug: |
                    msg=literal
                - pause: seconds=1
                  throttle: 1
            """, """
            ---
            - name: "{{ play_name | default('minimal') }}"
              hosts: all
              strategy: linear
              any_errors_fatal: true
              force_handlers: true
              check_mode: false
              diff: true
              tasks: []
            """);

    static final List<String> INI_INVENTORIES = List.of("""
            # a comment
            standalone ansible_host=127.0.0.1
            [web]
            web[01:05].example.com ansible_port=2222 http_port=80 flag=True list="[1, 2]"
            db-[a:c] ansible_user='admin' ansible_become=yes
            [prod:children]
            web
            [prod:vars]
            ntp=ntp.example.com
            nums={'a': 1, 'b': [2, 3.5]}
            [empty]
            """);

    static final List<String> YAML_INVENTORIES = List.of("""
            all:
              vars: {ansible_user: root}
              hosts:
                lone:
              children:
                web:
                  hosts:
                    web[1:3]: {http_port: 80}
                    other.example.com:
                      ansible_port: 22
                  vars:
                    list: [1, 2]
                prod:
                  children:
                    web:
            """);

    static final List<String> VARS_FILES = List.of("""
            app: demo
            port: 8080
            ratio: 0.5
            on: yes
            nothing: ~
            list: [a, "b", 'c', 1e3, 0x1f, 0o17]
            map: {k: v, n: {deep: [1, {x: y}]}}
            text: |
              line one
              line two {{ app }}
            base: &b {x: 1}
            derived: {<<: *b, y: 2}
            date: 2024-01-01
            """);

    static final List<String> PATTERNS = List.of("all", "web", "web:prod", "web:&prod", "web:!db-a", "web0*", "~web0[1-3].*",
            "web[0:2]", "prod,standalone", "*", "db-*:!db-b", "web[-1]", "all:!web[1:]");

    /** Text files from the project and its tests that are valid inputs of one kind ("*.yml" playbooks etc.). */
    static List<byte[]> projectPlaybooks() {
        List<byte[]> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("../playbooks"), Path.of("../playbooks/examples"), Path.of("../app/src/test/resources/playbooks"))) {
            out.addAll(files(dir, ".yml", 1));
        }
        return out;
    }

    static List<byte[]> testInventories(String extension) {
        return files(resource("/inventory/compare"), extension, 1);
    }

    static List<byte[]> testVarsFiles() {
        return files(resource("/inventory/compare/vars-dir"), ".yml", 5);
    }

    private static Path resource(String name) {
        URL url = Seeds.class.getResource(name);
        try {
            return url == null ? Path.of("does-not-exist") : Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> files(Path dir, String extension, int depth) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, depth)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : s.filter(f -> f.toString().endsWith(extension) && Files.isRegularFile(f)).sorted().toList()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (!text.contains("$ANSIBLE_VAULT")) {   // vaulted seeds need a password; their mutations test nothing else
                    out.add(text.getBytes(StandardCharsets.UTF_8));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
