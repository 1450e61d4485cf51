#!/bin/sh
# Writes nginx.conf.expected: templates/nginx.conf.j2 rendered by ansible-core 2.14's template module.
cd "$(dirname "$0")" && ansible-playbook -i localhost, -c local play.yml -e out="$PWD/nginx.conf.expected"
