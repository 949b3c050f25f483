#!/bin/sh
# RAFT_LEADER_HOOK / RAFT_FOLLOWER_HOOK for a floating address that follows the leader of an
# HA zone:
#   vip.sh leader   <interface> <address/prefix> [<interface> <address/prefix> ...]
#   vip.sh follower <interface> <address/prefix> [<interface> <address/prefix> ...]
# `leader` adds each address to its interface and announces it with gratuitous ARP, so
# clients and switches learn the new owner at once; `follower` removes the addresses it has.
# Runs are serialized with a lock, so a quick leader -> follower -> leader keeps its order.
# The daemon runs hooks in the background and only logs their exit status and output.
set -eu

usage() {
    echo "usage: $0 leader|follower <interface> <address/prefix> [...]" >&2
    exit 2
}

[ $# -ge 3 ] || usage
role=$1
shift
[ $(($# % 2)) -eq 0 ] || usage
case $role in leader | follower) ;; *) usage ;; esac

lock=${VIP_LOCK:-/var/lock/one/vip_sh}
mkdir -p "$(dirname "$lock")"
exec 9>"$lock"
flock -w 60 9 || { echo "vip.sh: another run holds $lock" >&2; exit 1; }

sudo_ip() {
    if [ "$(id -u)" -eq 0 ]; then ip "$@"; else sudo -n ip "$@"; fi
}

has_address() {
    ip -o address show dev "$1" | grep -q " ${2} "
}

while [ $# -gt 0 ]; do
    interface=$1
    address=$2
    shift 2
    if [ "$role" = leader ]; then
        if ! has_address "$interface" "$address"; then
            sudo_ip address add "$address" dev "$interface"
            echo "added $address to $interface"
        fi
        if command -v arping >/dev/null 2>&1; then
            # Unsolicited ARP replies and requests, a few rounds (as keepalived does).
            arping -c 5 -U -I "$interface" "${address%/*}" >/dev/null 2>&1 || true
            arping -c 5 -A -I "$interface" "${address%/*}" >/dev/null 2>&1 || true
        fi
    else
        if has_address "$interface" "$address"; then
            sudo_ip address del "$address" dev "$interface"
            echo "removed $address from $interface"
        fi
    fi
done
