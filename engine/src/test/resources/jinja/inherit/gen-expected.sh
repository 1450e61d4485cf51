#!/bin/sh
# Writes expected/: each templates/*.j2 that play.yml names, rendered by ansible-core 2.14's template module.
cd "$(dirname "$0")" && ansible-playbook -i localhost, -c local play.yml -e out="$PWD/expected"
